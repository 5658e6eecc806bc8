import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { formatExplanation } from '../../server/src/cli/cli';
import { DEFAULT_LIBRARY, evaluateModeText, explainMode, isLibraryId } from '../../server/src/languageservice';
import type { SimulationReport } from '../../server/src/languageservice/simulator/report';
import { SimulationReportPanel } from './report/reportPanel';
import { SimulateOptions, SimulationController } from './simulate';

/**
 * Document selector: C family files, our .sslcache files, and nginx and Apache configurations
 * (the language ids other extensions use too), on disk or unsaved. Our hovers add to clangd's and
 * cpptools', never replace them.
 */
const DOCUMENT_SELECTOR = ['c', 'cpp', 'objective-c', 'objective-cpp', 'cuda-cpp', 'sslcache', 'nginx', 'apacheconf'].flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
  { scheme: 'vscode-remote', language },
]);

let client: LanguageClient | undefined;

export interface SesscacheApi {
  /** Resolves when the language server has answered initialize. */
  ready: Promise<void>;
  /** The reports the simulation view shows now, if it is open (for tests and other extensions). */
  shownReports(): SimulationReport[] | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<SesscacheApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: 'sesscache' },
    initializationOptions: { settings: vscode.workspace.getConfiguration('sesscache') },
  };
  client = new LanguageClient('sesscache', 'sesscache', serverOptions, clientOptions);
  const simulation = new SimulationController(context, () => client);

  context.subscriptions.push(
    vscode.commands.registerCommand('sesscache.explainMode', explainModeCommand),
    vscode.commands.registerCommand(
      'sesscache.simulate',
      (uri?: string, position?: { line: number; character: number }, protocol?: string, options?: SimulateOptions) =>
        simulation.simulate(typeof uri === 'string' ? uri : undefined, position, protocol, options),
    ),
    vscode.commands.registerCommand('sesscache.cancelSimulation', () => simulation.cancel()),
    vscode.commands.registerCommand('sesscache.openAsSslcache', () => openAsSslcache()),
    vscode.commands.registerCommand('sesscache.compareSimulations', () => simulation.compare()),
    vscode.commands.registerCommand('sesscache.showRuleDocumentation', (ruleId?: string) => showRuleDocumentation(context, ruleId)),
    vscode.commands.registerCommand('sesscache.restartServer', async () => {
      await client?.restart();
      void vscode.window.setStatusBarMessage('sesscache: language server restarted', 3000);
    }),
  );

  const ready = client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
  return { ready, shownReports: () => SimulationReportPanel.current?.lastReports() };
}

/** Asks for a mode and shows its explanation from the CLI's explain, in a read-only document. */
async function explainModeCommand(modeArgument?: string): Promise<string | undefined> {
  const mode =
    modeArgument ??
    (await vscode.window.showInputBox({
      title: 'Explain a session cache mode',
      prompt: 'Flag names joined by |, or a number',
      placeHolder: 'SSL_SESS_CACHE_SERVER | SSL_SESS_CACHE_NO_INTERNAL',
    }));
  if (!mode) return undefined;
  // The pure core is bundled into the extension too, so the command works without a round trip.
  const library = vscode.workspace.getConfiguration('sesscache').get<string>('library', DEFAULT_LIBRARY);
  const result = evaluateModeText(mode, { allowShortNames: true });
  if (!result.ok) {
    void vscode.window.showErrorMessage(`sesscache: invalid mode "${mode}": ${result.error.message}`);
    return undefined;
  }
  const text = formatExplanation(explainMode(result.value, isLibraryId(library) ? library : DEFAULT_LIBRARY));
  const document = await vscode.workspace.openTextDocument({ content: text, language: 'plaintext' });
  await vscode.window.showTextDocument(document, { preview: true });
  return text;
}

/** "Open as .sslcache": the configuration under the cursor in C code, as a .sslcache file to explore what-ifs. */
async function openAsSslcache(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) return undefined;
  try {
    const { text } = await client.sendRequest<{ text: string }>('sesscache/exportSslcache', {
      textDocument: { uri: editor.document.uri.toString() },
      position: { line: editor.selection.active.line, character: editor.selection.active.character },
    });
    const document = await vscode.workspace.openTextDocument({ language: 'sslcache', content: text });
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside });
    return text;
  } catch (e) {
    void vscode.window.showErrorMessage(`sesscache: ${(e as Error).message}`);
    return undefined;
  }
}

/** Opens docs/rules.md (shipped in the extension) at the rule's heading. */
async function showRuleDocumentation(context: vscode.ExtensionContext, ruleId?: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules.md'))));
  const editor = await vscode.window.showTextDocument(document, { preview: true });
  const line = ruleId ? document.getText().split('\n').findIndex((l) => l === `## ${ruleId}` || l === `### ${ruleId}`) : -1;
  if (line >= 0) {
    const position = new vscode.Position(line, 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
  }
  return editor;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
