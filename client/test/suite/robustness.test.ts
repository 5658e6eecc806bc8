import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SimulationReport } from '../../../server/src/languageservice/simulator/report';
import type { SesscacheApi } from '../../src/extension';
import { EXTENSION_ID, openServerExample } from './examples';


/** Polls `check` until it returns a value (the server's restart and answers arrive asynchronously). */
async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('robustness and safety in VS Code', () => {
  let api: SesscacheApi;
  before(async () => {
    await openServerExample();
    api = await vscode.extensions.getExtension<SesscacheApi>(EXTENSION_ID)!.activate();
    await api.ready;
  });

  it('a server that is killed is restarted and answers hovers again', async () => {
    const document = await openServerExample();
    const before = api.serverProcessId();
    assert.ok(before, 'the server is running');
    process.kill(before, 'SIGKILL');
    const after = await eventually(async () => {
      const pid = api.serverProcessId();
      return pid !== undefined && pid !== before ? pid : undefined;
    }, 'a new server process');
    assert.notEqual(after, before);
    const position = document.positionAt(document.getText().indexOf('SSL_SESS_CACHE_SERVER') + 3);
    const text = await eventually(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      const all = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
      return /0x0002/.test(all) ? all : undefined;
    }, 'a hover from the new server');
    assert.match(text, /SSL_SESS_CACHE_SERVER/);
  });

  it('a server killed while the user types is restarted (write errors to the dead process do not stop the client)', async () => {
    const scratch = await vscode.workspace.openTextDocument({ language: 'c', content: 'void f(SSL_CTX *ctx) {\n  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_SERVER);\n}\n' });
    const editor = await vscode.window.showTextDocument(scratch);
    const before = api.serverProcessId();
    assert.ok(before, 'the server is running');
    process.kill(before, 'SIGKILL');
    // Each edit and request is written to the dead process's stdin: many write errors before the close is seen
    // (as when the editor asks for lenses, hovers and symbols of a document just shown as the server dies).
    const position = scratch.positionAt(scratch.getText().indexOf('SSL_SESS_CACHE_SERVER') + 3);
    const requests = Array.from({ length: 20 }, () => vscode.commands.executeCommand('vscode.executeHoverProvider', scratch.uri, position).then(undefined, () => undefined));
    for (let i = 0; i < 10; i++) void editor.edit((edit) => edit.insert(new vscode.Position(3, 0), `// ${i}\n`));
    await Promise.all(requests);
    await eventually(async () => {
      const pid = api.serverProcessId();
      return pid !== undefined && pid !== before ? pid : undefined;
    }, 'a new server process');
    await eventually(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', scratch.uri, position);
      return hovers.some((h) => h.contents.some((c) => typeof c !== 'string' && 'value' in c && /0x0002/.test(c.value))) ? true : undefined;
    }, 'a hover from the new server on the edited document');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a simulation above sesscache.simulation.maxEvents is not run unless confirmed', async () => {
    const document = await openServerExample();
    const position = document.positionAt(document.getText().indexOf('SSL_CTX_set_session_cache_mode(ctx'));
    const settings = vscode.workspace.getConfiguration('sesscache.simulation');
    await settings.update('maxEvents', 1000, vscode.ConfigurationTarget.Global);
    try {
      const run = (confirmed: boolean) =>
        vscode.commands.executeCommand<SimulationReport | undefined>('sesscache.simulate', document.uri.toString(), { line: position.line, character: 4 }, 'TLSv1.2', {
          preset: 'web',
          workload: { connections: 5000 },
          quiet: true,
          confirmed,
        });
      assert.equal(await run(false), undefined, 'refused: 5,000 connections is above 1,000');
      const report = await run(true);
      assert.equal(report?.summary.connections, 5000);
    } finally {
      await settings.update('maxEvents', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('the report view has a strict content security policy and loads only from dist/', async () => {
    const webview = api.reportWebview();
    assert.ok(webview, 'the report view is open (the previous test ran a simulation)');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(webview.html)?.[1].replace(/&#39;|&apos;/g, "'");
    assert.ok(csp, 'a CSP meta tag');
    const directives = new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0], d.split(/\s+/).slice(1)] as const));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    const scripts = directives.get('script-src') ?? [];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], /^'nonce-[A-Za-z0-9+/=]{16,}'$/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.ok(!directives.has('connect-src'), 'no fetch or websocket target (default-src none)');
    // Images and styles only from the webview's own resource origin (VS Code's cspSource), inline images, and the nonce.
    const own = webview.cspSource.split(/\s+/);
    assert.deepEqual([...directives.keys()].sort(), ['default-src', 'img-src', 'script-src', 'style-src']);
    for (const source of [...directives.get('img-src')!, ...directives.get('style-src')!]) {
      assert.ok(own.includes(source) || source === 'data:' || source === scripts[0], `${source} is not the webview's own origin`);
    }
    // Every script tag carries the nonce.
    const tags = webview.html.match(/<script[^>]*>/g) ?? [];
    assert.ok(tags.length > 0 && tags.every((t) => t.includes(`nonce="${scripts[0].slice(7, -1)}"`)), tags.join(' '));
    const dist = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'dist').toString();
    assert.deepEqual(webview.localResourceRoots, [dist]);
  });
});
