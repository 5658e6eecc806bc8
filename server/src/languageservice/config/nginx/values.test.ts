import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cacheKind, formatNginxTime, parseNginxSize, parseNginxTime, parseSessionCacheArgs, sessionsInZone } from './values';

describe('nginx values', () => {
  it('times like ngx_parse_time', () => {
    const cases: [string, number | undefined][] = [
      ['300', 300],
      ['5m', 300],
      ['1h', 3600],
      ['1d', 86400],
      ['1h30m', 5400],
      ['1d 12h', 129600],
      ['1w', 604800],
      ['1M', 2592000],
      ['1y', 31536000],
      ['10s', 10],
      ['1h30', 3630],
      ['1440m', 86400],
      ['500ms', undefined],
      ['30m1h', undefined],
      ['1h1h', undefined],
      ['5x', undefined],
      ['', undefined],
      ['h', undefined],
    ];
    for (const [v, want] of cases) assert.equal(parseNginxTime(v), want, v);
  });
  it('formats seconds back', () => {
    assert.equal(formatNginxTime(86400), '1d');
    assert.equal(formatNginxTime(5400), '1h30m');
    assert.equal(formatNginxTime(301), '5m1s');
  });
  it('sizes like ngx_parse_size', () => {
    assert.equal(parseNginxSize('10m'), 10 * 1024 * 1024);
    assert.equal(parseNginxSize('512k'), 512 * 1024);
    assert.equal(parseNginxSize('1048576'), 1048576);
    assert.equal(parseNginxSize('1.5m'), undefined);
  });
  it('ssl_session_cache arguments', () => {
    assert.equal(cacheKind(parseSessionCacheArgs(['off']).spec), 'off');
    assert.equal(cacheKind(parseSessionCacheArgs(['none']).spec), 'none');
    assert.equal(cacheKind(parseSessionCacheArgs(['builtin']).spec), 'builtin');
    assert.deepEqual(parseSessionCacheArgs(['builtin:1000']).spec!.builtin, { size: 1000, argIndex: 0 });
    assert.deepEqual(parseSessionCacheArgs(['shared:SSL:10m']).spec!.shared, { name: 'SSL', size: 10485760, argIndex: 0 });
    assert.equal(cacheKind(parseSessionCacheArgs(['builtin:1000', 'shared:SSL:10m']).spec), 'builtin+shared');
    // off wins over everything else given with it, as in ngx_ssl_session_cache.
    assert.equal(cacheKind(parseSessionCacheArgs(['shared:SSL:10m', 'off']).spec), 'off');
    for (const bad of [['shared:SSL'], ['shared::10m'], ['builtin:x'], ['builtin:'], ['Off'], ['shared:SSL:10q']]) {
      assert.ok(parseSessionCacheArgs(bad).invalid, bad.join(' '));
    }
  });
  it('about 4000 sessions per megabyte', () => {
    assert.equal(sessionsInZone(1024 * 1024), 4000);
    assert.equal(sessionsInZone(10 * 1024 * 1024), 40000);
  });
});
