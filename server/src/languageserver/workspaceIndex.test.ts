import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CACHE_C, TLS_C } from '../testing/globalContexts';
import { StdioLspClient } from '../testing/lspClient';

describe('the workspace index over stdio', () => {
  let root: string;
  let client: StdioLspClient;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sesscache-index-'));
    fs.writeFileSync(path.join(root, 'tls.c'), TLS_C);
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'src', 'cache.c'), CACHE_C);
    // Files without SSL_CTX are read and passed over.
    for (let i = 0; i < 50; i++) fs.writeFileSync(path.join(root, 'src', `util${i}.c`), `int util${i}(int x) { return x + ${i}; }\n`);
    client = await StdioLspClient.start(undefined, undefined, pathToFileURL(root).href);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('brings what an unopened file does to a global context into the open file diagnostics', async () => {
    const uri = pathToFileURL(path.join(root, 'tls.c')).href;
    await client.open(uri, 'c', TLS_C);
    const deadline = Date.now() + 10_000;
    let codes: (string | number | undefined)[] = [];
    while (Date.now() < deadline) {
      codes = (await client.waitForDiagnostics(uri, 1)).map((d) => d.code);
      if (codes.includes('client-new-cb-without-client-bit')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(codes.includes('client-new-cb-without-client-bit'), `the callback in src/cache.c is known: ${codes.join(', ')}`);
  });
});
