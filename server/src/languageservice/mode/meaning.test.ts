import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIBRARY_IDS } from '../knowledge/libraries';
import { explainMode } from './meaning';

const text = (m: ReturnType<typeof explainMode>): string =>
  [m.headline, ...m.server.steps.map((s) => s.text), ...m.client.steps.map((s) => s.text), ...m.notes].join('\n');

describe('explainMode', () => {
  it('OFF still looks up and still resumes over tickets', () => {
    const t = text(explainMode(0, 'openssl-3.0'));
    assert.match(t, /tickets still resume/);
    assert.match(t, /the lookup runs whatever the mode/);
    assert.match(t, /empty session ID/);
  });
  it('external-only server', () => {
    const m = explainMode(0x0302, 'openssl-3.0');
    assert.match(m.headline, /external cache only/);
    assert.ok(!m.server.steps.some((s) => s.label === 'copy-back'));
  });
  it('lookup-only with copy-back', () => {
    const m = explainMode(0x0102, 'openssl-3.0');
    assert.match(m.headline, /stored internally but never looked up/);
    assert.ok(m.server.steps.some((s) => s.label === 'copy-back'));
  });
  it('modifiers without a role bit are meaningless', () => {
    const m = explainMode(0x0380, 'openssl-3.0');
    assert.equal(m.notes.length, 1);
    assert.match(m.notes[0], /NO_AUTO_CLEAR, NO_INTERNAL change nothing in the store path \(NO_INTERNAL_LOOKUP still stops/);
  });
  it('UPDATE_TIME depends on the library', () => {
    assert.match(text(explainMode(0x0402, 'openssl-3.0')), /expired external sessions come back to life/);
    for (const lib of ['openssl-1.1.1', 'openssl-1.0.2', 'libressl', 'boringssl'] as const) {
      assert.match(explainMode(0x0402, lib).notes.join('\n'), /UPDATE_TIME \(0x0400\) is not defined by/);
    }
  });
  it('unknown bits are noted', () => {
    assert.match(explainMode(0x1002, 'openssl-3.0').notes.join('\n'), /Unknown bit 0x1000/);
  });
  it('BoringSSL clients only use the callback', () => {
    assert.match(text(explainMode(0x0001, 'boringssl')), /never stores client sessions internally/);
    assert.match(text(explainMode(0x0001, 'openssl-3.0')), /client ctx cache/);
  });
  it('NO_AUTO_CLEAR turns off the flush line', () => {
    assert.ok(explainMode(0x0082, 'openssl-3.0').server.steps.some((s) => /never automatic/.test(s.text)));
    assert.ok(explainMode(0x0002, 'openssl-3.0').server.steps.some((s) => /256th/.test(s.text)));
  });
  it('every step cites a spec section, for every value and library', () => {
    for (const lib of LIBRARY_IDS) {
      for (let v = 0; v < 0x800; v++) {
        const m = explainMode(v, lib);
        for (const s of [...m.server.steps, ...m.client.steps]) assert.match(s.section, /^§\d+(\.\d+)?$/);
      }
    }
  });
});
