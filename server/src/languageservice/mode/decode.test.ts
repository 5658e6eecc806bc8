import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeMode } from './decode';
import { evaluateModeText } from './expression';

describe('decodeMode', () => {
  const cases: [number, string, string, number[]][] = [
    [0x0000, '0x0000', 'OFF', []],
    [0x0001, '0x0001', 'CLIENT', []],
    [0x0002, '0x0002', 'SERVER', []],
    [0x0003, '0x0003', 'BOTH', []],
    [0x0302, '0x0302', 'SERVER | NO_INTERNAL', []],
    [0x0202, '0x0202', 'SERVER | NO_INTERNAL_STORE', []],
    [0x0102, '0x0102', 'SERVER | NO_INTERNAL_LOOKUP', []],
    [0x0382, '0x0382', 'SERVER | NO_AUTO_CLEAR | NO_INTERNAL', []],
    [0x0380, '0x0380', 'OFF | NO_AUTO_CLEAR | NO_INTERNAL', []],
    [0x0783, '0x0783', 'BOTH | NO_AUTO_CLEAR | NO_INTERNAL | UPDATE_TIME', []],
    [0x1002, '0x1002', 'SERVER | 0x1000', [0x1000]],
    [0xffff, '0xFFFF', 'BOTH | NO_AUTO_CLEAR | NO_INTERNAL | UPDATE_TIME | 0x0004 | 0x0008 | 0x0010 | 0x0020 | 0x0040 | 0x0800 | 0x1000 | 0x2000 | 0x4000 | 0x8000', [4, 8, 16, 32, 64, 0x800, 0x1000, 0x2000, 0x4000, 0x8000]],
    [0x80000002, '0x80000002', 'SERVER | 0x80000000', [0x80000000]],
  ];
  for (const [value, hex, short, unknown] of cases) {
    it(`${hex} is ${short}`, () => {
      const d = decodeMode(value);
      assert.equal(d.hex, hex);
      assert.equal(d.shortExpression, short);
      assert.equal(d.expression, short.replace(/\b([A-Z_]{3,})\b/g, 'SSL_SESS_CACHE_$1'));
      assert.deepEqual(d.unknownBitList, unknown);
      assert.equal(d.unknownBits, unknown.reduce((a, b) => a + b, 0));
    });
  }
  it('every decoded expression evaluates back to its value', () => {
    for (let v = 0; v < 0x2000; v++) {
      const r = evaluateModeText(decodeMode(v).expression);
      assert.ok(r.ok);
      assert.equal(r.value, v);
    }
  });
});
