import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineHolding, parseSslcache } from './parse';

test('lineHolding finds the same line as a scan of every line, at every offset', () => {
  for (const text of ['', 'mode server', 'mode server\n', '\n\nmode server\r\n\r\n# c\nworkload w\n  clients 3\n', 'a\nb\n\nc', '\uFEFFmode client\n']) {
    const { lines } = parseSslcache(text);
    for (let offset = 0; offset <= text.length + 1; offset++) {
      assert.equal(lineHolding(lines, offset), lines.find((l) => offset >= l.start && offset < l.end), `${JSON.stringify(text)} at ${offset}`);
      assert.equal(lineHolding(lines, offset, true), lines.find((l) => offset >= l.start && offset <= l.end), `${JSON.stringify(text)} at ${offset}, line ends included`);
    }
  }
});
