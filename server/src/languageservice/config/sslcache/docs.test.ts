import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readRepoFile, specSections } from '../../../testing/paths';
import { WORKLOAD_PRESETS } from '../../simulator/report';
import { ALL_DIRECTIVES, SERVER_DIRECTIVES, WORKLOAD_DIRECTIVES, WORKLOAD_HEADER } from './directives';
import { parseSslcache } from './parse';
import { SSLCACHE_RECIPES } from './recipes';

const docs = readRepoFile('docs', 'sslcache.md');

describe('docs/sslcache.md', () => {
  it('has a section for every server directive and the workload header', () => {
    for (const d of [...SERVER_DIRECTIVES, WORKLOAD_HEADER]) assert.ok(docs.includes(`### \`${d.name}\``), d.name);
  });

  it('lists every workload field, preset and recipe', () => {
    for (const d of WORKLOAD_DIRECTIVES) assert.ok(docs.includes(`| \`${d.name}\` |`), d.name);
    for (const p of WORKLOAD_PRESETS) assert.ok(docs.includes(`| \`${p.id}\`: `), p.id);
    for (const r of SSLCACHE_RECIPES) assert.ok(docs.includes(`\`${r.prefix}\``), r.prefix);
  });

  it('every sslcache example is valid', () => {
    const blocks = [...docs.matchAll(/```sslcache\n([\s\S]*?)```/g)].map((m) => m[1]);
    assert.ok(blocks.length >= 4);
    for (const block of blocks) assert.deepEqual(parseSslcache(block).findings, [], block);
  });

  it('cites only spec sections that exist (directive descriptions and this page)', () => {
    const sections = specSections(readRepoFile('docs', 'spec', 'openssl-session-cache.md'));
    const texts = [...ALL_DIRECTIVES.flatMap((d) => [d.description, d.absent]), docs];
    for (const text of texts) for (const m of text.matchAll(/§(\d+(?:\.\d+)?)/g)) assert.ok(sections.has('§' + m[1]), `§${m[1]} in ${text.slice(0, 60)}`);
  });
});
