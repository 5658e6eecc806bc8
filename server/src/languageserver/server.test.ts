import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MarkupContent } from 'vscode-languageserver-protocol';
import { extractMarkers } from '../testing/markers';
import { StdioLspClient } from '../testing/lspClient';
import { parseSettings } from './server';

/** Line and character of an offset. */
function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

const SOURCE = `#include <openssl/ssl.h>
/* SSL_SESS_CACHE_⟦comment⟧NO_INTERNAL_STORE */
static const char *s = "SSL_SESS_CACHE_⟦string⟧NO_INTERNAL_STORE";
void setup(SSL_CTX *ctx) {
  ⟦fn⟧SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_⟦flag⟧NO_INTERNAL_STORE);
  SSL_CTX_set_session_cache_mode(ctx, ⟦number⟧0x1002);
}
`;

describe('language server over stdio (dist/server.js)', () => {
  let client: StdioLspClient;
  const { text, markers } = extractMarkers(SOURCE);
  const uri = 'file:///work/example/server.c';
  const hoverAt = async (marker: string, documentUri = uri) => {
    const { line, character } = positionOf(text, markers.get(marker)!);
    return client.hover(documentUri, line, character);
  };
  const markdownOf = (hover: Awaited<ReturnType<typeof hoverAt>>): string => {
    assert.ok(hover, 'expected a hover');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    return contents.value;
  };

  before(async () => {
    client = await StdioLspClient.start();
    await client.open(uri, 'c', text);
  });
  after(async () => {
    const code = await client.stop();
    assert.equal(code, 0, 'the server exits with 0 after shutdown and exit');
  });

  it('hovering SSL_SESS_CACHE_NO_INTERNAL_STORE gives its value, a quote and the attribution', async () => {
    const hover = await hoverAt('flag');
    const md = markdownOf(hover);
    assert.match(md, /0x0200/);
    assert.match(md, /> .*This flag will prevent sessions being stored in the internal cache/);
    assert.match(md, /SSL_CTX_set_session_cache_mode\(3\), OpenSSL 0\.9\.7d/);
    assert.match(md, /OpenSSL License/);
    const start = markers.get('flag')! - 'SSL_SESS_CACHE_'.length;
    assert.deepEqual(hover!.range, {
      start: positionOf(text, start),
      end: positionOf(text, start + 'SSL_SESS_CACHE_NO_INTERNAL_STORE'.length),
    });
  });

  it('hovering the numeric mode 0x1002 names SERVER and the unknown bit', async () => {
    const md = markdownOf(await hoverAt('number'));
    assert.match(md, /SSL_SESS_CACHE_SERVER \| 0x1000/);
    assert.match(md, /Unknown bit 0x1000/);
  });

  it('hovering SSL_CTX_set_session_cache_mode says it returns the previous mode', async () => {
    assert.match(markdownOf(await hoverAt('fn')), /previous/i);
  });

  it('flag names in comments and strings get no hover', async () => {
    assert.equal(await hoverAt('comment'), null);
    assert.equal(await hoverAt('string'), null);
  });

  it('answers for C++ and Objective-C documents too, and not for other languages', async () => {
    for (const [language, extension] of [['cpp', 'cc'], ['objective-c', 'm'], ['objective-cpp', 'mm']]) {
      const other = `file:///work/example/server.${extension}`;
      await client.open(other, language, text);
      assert.match(markdownOf(await hoverAt('flag', other)), /0x0200/);
    }
    const plain = 'file:///work/example/notes.txt';
    await client.open(plain, 'plaintext', text);
    assert.equal(await hoverAt('flag', plain), null);
  });

  it('a hover on an unknown document or out of range answers null, and the server keeps serving', async () => {
    assert.equal(await client.hover('file:///nowhere.c', 0, 0), null);
    assert.equal(await client.hover(uri, 9999, 9999), null);
    assert.match(markdownOf(await hoverAt('flag')), /0x0200/);
  });
});

describe('language server settings', () => {
  it('the library setting changes hovers', async () => {
    const client = await StdioLspClient.start({ library: 'openssl-1.1.1' });
    try {
      const doc = 'file:///work/example/t.c';
      await client.open(doc, 'c', 'long m = SSL_SESS_CACHE_UPDATE_TIME;');
      const hover = await client.hover(doc, 0, 20);
      assert.match((hover!.contents as MarkupContent).value, /Not defined by OpenSSL 1\.1\.1/);
    } finally {
      await client.stop();
    }
  });
  it('bad values fall back to defaults with a warning', () => {
    const warnings: string[] = [];
    const settings = parseSettings({ library: 'openssl-9', hover: { enable: 'yes' } }, (m) => warnings.push(m));
    assert.equal(settings.library, 'openssl-3.0');
    assert.equal(settings.hover.enable, true);
    assert.match(warnings[0], /unknown library "openssl-9"/);
  });
  it('hovers can be switched off', async () => {
    const client = await StdioLspClient.start({ hover: { enable: false } });
    try {
      await client.open('file:///x.c', 'c', 'SSL_SESS_CACHE_OFF');
      assert.equal(await client.hover('file:///x.c', 0, 3), null);
    } finally {
      await client.stop();
    }
  });
});
