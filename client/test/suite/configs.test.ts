import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SimulationReport } from '../../../server/src/languageservice/simulator/report';
import type { SesscacheApi } from '../../src/extension';
import { requestScreenshot } from './screenshots';

const EXTENSION_ID = 'sesscache.sesscache';

async function open(relative: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const document = await vscode.workspace.openTextDocument(path.join(folder, relative));
  await vscode.window.showTextDocument(document);
  return document;
}

async function until<T>(probe: () => Thenable<T> | T, ready: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (ready(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const codesOf = (uri: vscode.Uri) =>
  vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'sesscache')
    .map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));

const hoverText = (hovers: vscode.Hover[]) =>
  hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');

describe('configuration files', () => {
  before(async () => {
    await (await vscode.extensions.getExtension<SesscacheApi>(EXTENSION_ID)!.activate()).ready;
  });

  it('nginx: the file is recognised, hovers show the OpenSSL calls, diagnostics and inline paths appear', async () => {
    const document = await open('nginx/nginx.conf');
    assert.equal(document.languageId, 'nginx');
    const offset = document.getText().indexOf('ssl_session_cache builtin');
    const hovers = await until(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset + 3)),
      (h) => hoverText(h).includes('SSL_CTX_set_session_cache_mode'),
      'an nginx hover',
    );
    assert.match(hoverText(hovers), /SSL_CTX_sess_set_cache_size\(ctx, 20000\)/);
    const codes = await until(() => codesOf(document.uri), (c) => c.length >= 3, 'nginx diagnostics');
    assert.ok(codes.includes('nginx-builtin-per-worker'), codes.join(', '));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    assert.ok(lenses.some((l) => /^TLS 1\.2: store: new_cb · lookup: get_cb/.test(l.command?.title ?? '')), lenses.map((l) => l.command?.title).join(' | '));
  });

  it('Apache: VirtualHosts get their cache from the global SSLSessionCache, with hovers and inline paths', async () => {
    const document = await open('apache2/apache2.conf');
    assert.equal(document.languageId, 'apacheconf');
    const offset = document.getText().indexOf('SSLSessionCache shmcb');
    const hovers = await until(
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset + 3)),
      (h) => hoverText(h).includes('SSL_SESS_CACHE'),
      'an Apache hover',
    );
    assert.match(hoverText(hovers), /NO_INTERNAL/);
    const codes = await until(() => codesOf(document.uri), (c) => c.length > 0, 'Apache diagnostics');
    assert.ok(codes.includes('apache-long-timeout-with-tickets'), codes.join(', '));
    const lenses = await until(
      () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri),
      (l) => l.length > 0,
      'Apache code lenses',
    );
    assert.ok(lenses.some((l) => /store: new_cb/.test(l.command?.title ?? '')));
  });

  // HAProxy, stunnel and Postfix (spec §9): a long session lifetime with tickets on in each example.
  // Where the product is a TLS client too (a HAProxy backend server, a stunnel client service), that line's lens gives the client's paths (spec §6).
  for (const [file, languageId, directive, call, rule, clientLine] of [
    ['haproxy/haproxy.cfg', 'haproxy', 'tune.ssl.lifetime', 'SSL_CTX_set_timeout(ctx, 604800)', 'haproxy-long-timeout-with-tickets', 'server w2'],
    ['stunnel/stunnel.conf', 'stunnel', 'sessionCacheTimeout', 'SSL_CTX_set_timeout(ctx, 604800)', 'stunnel-long-timeout-with-tickets', '[upstream]'],
    ['postfix/main.cf', 'postfix', 'smtpd_tls_session_cache_timeout', 'SSL_CTX_set_timeout(ctx, 5184000)', 'postfix-long-timeout-with-tickets', undefined],
  ] as const) {
    it(`${languageId}: the file is recognised, hovers show the OpenSSL calls, diagnostics and inline paths appear`, async () => {
      const document = await open(file);
      assert.equal(document.languageId, languageId);
      const offset = document.getText().indexOf(directive);
      const hovers = await until(
        () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset + 3)),
        (h) => hoverText(h).includes(call),
        `a ${languageId} hover`,
      );
      assert.match(hoverText(hovers), /§9/);
      const codes = await until(() => codesOf(document.uri), (c) => c.includes(rule), `${languageId} diagnostics`);
      assert.ok(codes.includes(rule), codes.join(', '));
      const lenses = await until(
        () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri),
        (l) => l.length > 0,
        `${languageId} code lenses`,
      );
      assert.ok(lenses.some((l) => /TLS 1\.[23]:/.test(l.command?.title ?? '')), lenses.map((l) => l.command?.title).join(' | '));
      if (clientLine) {
        const line = document.positionAt(document.getText().indexOf(clientLine)).line;
        const titles = lenses.filter((l) => l.range.start.line === line).map((l) => l.command?.title ?? '');
        assert.ok(titles.length > 0 && titles.every((t) => t.includes('client · store: new_cb · lookup: SSL_set_session')), titles.join(' | '));
      }
    });
  }

  // The language bindings: the C rules through the same core, their fixes spelled in the binding's language.
  for (const [file, languageId, flag, hoverSays, rule, fixSpelling, lensSays] of [
    ['python/session_server.py', 'python', 'SSL.SESS_CACHE_NO_AUTO_CLEAR', 'pyOpenSSL `SSL.SESS_CACHE_NO_AUTO_CLEAR` is OpenSSL\'s `SSL_SESS_CACHE_NO_AUTO_CLEAR`', 'no-auto-clear-without-flush', undefined, 'TLS 1.3: store:'],
    ['perl/session_server.pl', 'perl', '&Net::SSLeay::SESS_CACHE_SERVER', 'Net::SSLeay `&Net::SSLeay::SESS_CACHE_SERVER` is OpenSSL\'s `SSL_SESS_CACHE_SERVER`', 'verify-peer-without-sid-ctx', undefined, 'TLS 1.3: store:'],
    ['rust/session_server.rs', 'rust', 'SslSessionCacheMode::NO_INTERNAL_LOOKUP', 'Rust openssl `SslSessionCacheMode::NO_INTERNAL_LOOKUP` is OpenSSL\'s `SSL_SESS_CACHE_NO_INTERNAL_LOOKUP`', 'stored-never-looked-up', 'SslSessionCacheMode::NO_INTERNAL_STORE', 'TLS 1.3: store:'],
    ['ruby/session_client.rb', 'ruby', 'OpenSSL::SSL::SSLContext::SESSION_CACHE_CLIENT', 'Ruby OpenSSL `OpenSSL::SSL::SSLContext::SESSION_CACHE_CLIENT` is OpenSSL\'s `SSL_SESS_CACHE_CLIENT`', 'client-cache-unused', 'OpenSSL::SSL::SSLContext::SESSION_CACHE_NO_INTERNAL_STORE', 'client · store: internal · lookup: none'],
  ] as const) {
    it(`${languageId}: hovers on the binding's flags, the C rules with fixes in ${languageId}, and inline paths`, async () => {
      const document = await open(file);
      assert.equal(document.languageId, languageId);
      const hovers = await until(
        () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(document.getText().indexOf(flag) + flag.length - 3)),
        (h) => hoverText(h).includes(hoverSays),
        `a ${languageId} flag hover`,
      );
      assert.match(hoverText(hovers), /— \*SSL_CTX_set_session_cache_mode\(3\)/, 'the man page, attributed');
      await until(() => codesOf(document.uri), (c) => c.includes(rule), `${languageId} diagnostics`);
      const diagnostic = vscode.languages.getDiagnostics(document.uri).find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === rule)!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const inserted = actions.flatMap((a) => a.edit?.entries().flatMap(([, edits]) => edits.map((e) => e.newText)) ?? []);
      assert.ok(inserted.every((t) => !/\bSSL_SESS_CACHE_/.test(t)), `no C spelling in a ${languageId} fix: ${inserted.join(' | ')}`);
      if (fixSpelling) assert.ok(inserted.some((t) => t.includes(fixSpelling)), `a fix spelled ${fixSpelling}: ${inserted.join(' | ')}`);
      const lenses = await until(
        () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri),
        (l) => l.length > 0,
        `${languageId} code lenses`,
      );
      // A client's lens gives its own paths (spec §6), a server's the simulator's prediction.
      assert.ok(lenses.some((l) => (l.command?.title ?? '').includes(lensSays)), lenses.map((l) => l.command?.title).join(' | '));
    });
  }

  it('opens a C configuration as .sslcache ("open as scenario") to explore what-ifs', async () => {
    const document = await open('c/external_cache_server.c');
    const editor = await vscode.window.showTextDocument(document);
    const at = document.positionAt(document.getText().indexOf('SSL_CTX_set_session_cache_mode(ctx'));
    editor.selection = new vscode.Selection(at, at);
    const text = await vscode.commands.executeCommand<string>('sesscache.openAsSslcache');
    assert.match(text, /^mode SERVER \| NO_AUTO_CLEAR \| NO_INTERNAL$/m);
    assert.match(text, /^callbacks new get remove$/m);
    const opened = vscode.window.activeTextEditor?.document;
    assert.equal(opened?.languageId, 'sslcache');
    assert.equal(opened?.getText(), text);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('.sslcache: completes flag names, formats, reports the rules, predicts and simulates', async function () {
    const document = await open('sslcache/external-cache.sslcache');
    assert.equal(document.languageId, 'sslcache');
    const modeLine = document.getText().indexOf('mode ');
    const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, document.positionAt(modeLine + 5));
    const labels = completions.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('NO_INTERNAL_STORE'), labels.join(', '));
    const codes = await until(() => codesOf(document.uri), (c) => c.length > 0, '.sslcache diagnostics');
    assert.deepEqual(codes, ['no-auto-clear-nothing-stored']);

    // Formatting a messy copy gives the canonical text.
    const messy = await vscode.workspace.openTextDocument({ language: 'sslcache', content: 'mode   SERVER|NO_INTERNAL   \ntimeout    300\nworkload w\n    preset web\n' });
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', messy.uri, { tabSize: 2, insertSpaces: true });
    const edit = new vscode.WorkspaceEdit();
    edit.set(messy.uri, edits);
    await vscode.workspace.applyEdit(edit);
    assert.equal(messy.getText(), 'mode SERVER | NO_INTERNAL\ntimeout 300\n\nworkload w\n  preset web\n');

    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    assert.ok(lenses.some((l) => l.command?.title.startsWith('TLS 1.3: store: new_cb')), lenses.map((l) => l.command?.title).join(' | '));

    const at = document.positionAt(document.getText().indexOf('workload mail-peers'));
    const report = await vscode.commands.executeCommand<SimulationReport>('sesscache.simulate', document.uri.toString(), { line: at.line, character: 2 }, undefined, { quiet: true });
    assert.equal(report.preset, 'workload mail-peers');
    assert.equal(report.summary.connections, 10000);

    if (process.env.SESSCACHE_TEST_SCREENSHOTS === '1') {
      await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
      assert.ok(await requestScreenshot('sslcache'));
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
