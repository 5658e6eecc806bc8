import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SesscacheApi } from '../../src/extension';
import { requestScreenshot } from './screenshots';

const EXTENSION_ID = 'sesscache.sesscache';

function examplesFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'the suite runs with the examples folder open');
  return folder;
}

async function openExample(relative: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(path.join(examplesFolder(), relative));
  await vscode.window.showTextDocument(document);
  return document;
}

function positionOf(document: vscode.TextDocument, needle: string, inside = 3): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} not found in ${document.uri.fsPath}`);
  return document.positionAt(offset + inside);
}

/** The document's diagnostics once `ready` accepts them (diagnostics arrive asynchronously). */
async function diagnosticsFor(uri: vscode.Uri, ready: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 10_000): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'sesscache');
    if (ready(diagnostics)) return diagnostics;
    if (Date.now() > deadline) throw new Error(`diagnostics not ready: ${diagnostics.map((d) => d.message).join('; ')}`);
    await new Promise<void>((resolve) => {
      const listener = vscode.languages.onDidChangeDiagnostics(() => {
        listener.dispose();
        resolve();
      });
      setTimeout(() => {
        listener.dispose();
        resolve();
      }, 250);
    });
  }
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n---\n');
}

describe('sesscache in VS Code', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension<SesscacheApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await openExample('c/external_cache_server.c');
    const api = await extension.activate();
    await api.ready;
  });

  it('activates on a C file', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
  });

  it('hovers a flag with its value, the man page and the attribution', async () => {
    const document = await openExample('c/external_cache_server.c');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      positionOf(document, 'SSL_SESS_CACHE_NO_INTERNAL_STORE', 20),
    );
    const text = hoverText(hovers);
    assert.match(text, /0x0200/);
    assert.match(text, /This flag will prevent sessions being stored in the internal cache/);
    assert.match(text, /OpenSSL 0\.9\.7d/);
  });

  it('shows the hover on screen (screenshot saved as a test artifact)', async function () {
    if (process.env.SESSCACHE_TEST_SCREENSHOTS !== '1') this.skip();
    const document = await openExample('c/external_cache_server.c');
    const editor = await vscode.window.showTextDocument(document);
    const position = positionOf(document, 'SSL_SESS_CACHE_NO_INTERNAL_STORE', 20);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
    await new Promise((r) => setTimeout(r, 1500));
    const file = await requestScreenshot('hover-flag');
    assert.ok(file, 'the runner saved the screenshot');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('hovers a numeric mode with its decoding', async () => {
    const document = await openExample('c/legacy_numeric_mode.c');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      positionOf(document, 'ctx, 0x1002', 7),
    );
    assert.match(hoverText(hovers), /SSL_SESS_CACHE_SERVER \| 0x1000/);
  });

  it('hovers the API function with its return value', async () => {
    const document = await openExample('c/external_cache_server.c');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      positionOf(document, 'SSL_CTX_set_session_cache_mode('),
    );
    assert.match(hoverText(hovers), /previous/i);
  });

  it('gives no hover on flag names in comments', async () => {
    const document = await openExample('c/external_cache_server.c');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      positionOf(document, 'SSL_SESS_CACHE_OFF would', 5),
    );
    assert.doesNotMatch(hoverText(hovers), /SSL_SESS_CACHE_OFF/);
  });

  it('runs "Explain a session cache mode" with an argument', async () => {
    const text = await vscode.commands.executeCommand<string>('sesscache.explainMode', 'SERVER|NO_INTERNAL');
    assert.match(text, /= 0x0302/);
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /external cache only/);
  });

  it('runs "Restart the language server" and hovers still work', async () => {
    await vscode.commands.executeCommand('sesscache.restartServer');
    const document = await openExample('c/external_cache_server.c');
    let text = '';
    // The restarted server needs the document again; hover until it answers.
    for (let attempt = 0; attempt < 50 && !/0x0200/.test(text); attempt++) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        positionOf(document, 'SSL_SESS_CACHE_NO_INTERNAL_STORE', 20),
      );
      text = hoverText(hovers);
      if (!/0x0200/.test(text)) await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(text, /0x0200/);
  });

  it('reports the mistakes of examples/c/mistakes.c in the Problems panel', async () => {
    const document = await openExample('c/mistakes.c');
    const codes = (await diagnosticsFor(document.uri, (d) => d.length >= 6)).map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));
    for (const code of ['unknown-flag', 'verify-peer-without-sid-ctx', 'return-value-as-success', 'client-new-cb-without-client-bit']) {
      assert.ok(codes.includes(code), `${code} in ${codes.join(', ')}`);
    }
  });

  it('shows the problems of mistakes.c (screenshot saved as a test artifact)', async function () {
    if (process.env.SESSCACHE_TEST_SCREENSHOTS !== '1') this.skip();
    const document = await openExample('c/mistakes.c');
    await diagnosticsFor(document.uri, (d) => d.length >= 6);
    const editor = await vscode.window.showTextDocument(document);
    const position = positionOf(document, 'SSL_VERIFY_PEER |', 4);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('editor.action.showHover');
    await new Promise((r) => setTimeout(r, 1500));
    assert.ok(await requestScreenshot('diagnostics'));
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  it('applies a quick fix and the diagnostic goes away', async () => {
    const document = await openExample('c/mistakes.c');
    const typo = (await diagnosticsFor(document.uri, (d) => d.length > 0)).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'unknown-flag');
    assert.ok(typo);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, typo.range);
    const fix = actions.find((a) => a.title === 'Replace with SSL_SESS_CACHE_SERVER');
    assert.ok(fix?.edit, `quick fixes: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(actions.some((a) => a.title === 'Ignore unknown-flag on this line'));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /SSL_CTX_set_session_cache_mode\(ctx, SSL_SESS_CACHE_SERVER\);/);
    const after = await diagnosticsFor(document.uri, (d) => !d.some((x) => (typeof x.code === 'object' ? x.code.value : x.code) === 'unknown-flag'));
    assert.ok(after.length >= 5);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shows a rule\'s documentation', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('sesscache.showRuleDocumentation', 'verify-peer-without-sid-ctx');
    assert.equal(editor.document.lineAt(editor.selection.active.line).text, '## verify-peer-without-sid-ctx');
  });

  it('contributes every command it declares', async () => {
    const declared = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const registered = await vscode.commands.getCommands(true);
    for (const command of declared) assert.ok(registered.includes(command), `${command} is registered`);
  });
});
