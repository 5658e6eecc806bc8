import assert from 'node:assert/strict';
import { it } from 'node:test';
import { readRepoFile } from '../../testing/paths';
import { renderRulesMarkdown } from './docs';

it('docs/rules.md is generated from the rule data (run `npm run docs` after changing a rule)', () => {
  assert.equal(readRepoFile('docs/rules.md'), renderRulesMarkdown());
});
