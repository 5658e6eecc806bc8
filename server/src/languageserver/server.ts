import {
  Connection,
  Hover,
  InitializeParams,
  InitializeResult,
  MarkupKind,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CDocument, DEFAULT_LIBRARY, LibraryId, analyzeC, hoverC, isLibraryId } from '../languageservice';

declare const __SESSCACHE_VERSION__: string | undefined;
export const SERVER_VERSION: string = typeof __SESSCACHE_VERSION__ === 'string' ? __SESSCACHE_VERSION__ : 'dev';

/** Languages whose documents the server analyses as C. */
export const C_LANGUAGE_IDS = new Set(['c', 'cpp', 'objective-c', 'objective-cpp', 'cuda-cpp']);

export interface ServerSettings {
  library: LibraryId;
  hover: { enable: boolean };
}

const DEFAULT_SETTINGS: ServerSettings = { library: DEFAULT_LIBRARY, hover: { enable: true } };

/** Reads the `sesscache` section leniently: a bad value falls back to the default and is reported once. */
export function parseSettings(raw: unknown, warn: (message: string) => void): ServerSettings {
  const settings: ServerSettings = { library: DEFAULT_SETTINGS.library, hover: { ...DEFAULT_SETTINGS.hover } };
  if (!raw || typeof raw !== 'object') return settings;
  const r = raw as Record<string, unknown>;
  if (r.library !== undefined) {
    if (isLibraryId(r.library)) settings.library = r.library;
    else warn(`sesscache.library: unknown library ${JSON.stringify(r.library)}; using ${DEFAULT_LIBRARY}`);
  }
  const hover = r.hover as Record<string, unknown> | undefined;
  if (hover && typeof hover.enable === 'boolean') settings.hover.enable = hover.enable;
  return settings;
}

/**
 * Wires the core to an LSP connection. Knows nothing of the transport: main.ts
 * creates the connection (IPC for VS Code, stdio for other editors).
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  // Analyses are cached per document version: hovers on an unchanged document do no scanning.
  const analyses = new Map<string, { version: number; doc: CDocument }>();
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let clientPullsConfiguration = false;

  const analysisOf = (document: TextDocument): CDocument => {
    const cached = analyses.get(document.uri);
    if (cached && cached.version === document.version) return cached.doc;
    const doc = analyzeC(document.getText());
    analyses.set(document.uri, { version: document.version, doc });
    return doc;
  };

  const refreshSettings = async (): Promise<void> => {
    if (!clientPullsConfiguration) return;
    try {
      const raw = await connection.workspace.getConfiguration('sesscache');
      settings = parseSettings(raw, (m) => connection.console.warn(m));
    } catch (e) {
      connection.console.warn(`could not read settings: ${(e as Error).message}`);
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    clientPullsConfiguration = !!params.capabilities.workspace?.configuration;
    const initOptions = params.initializationOptions as { settings?: unknown } | undefined;
    if (initOptions?.settings) settings = parseSettings(initOptions.settings, (m) => connection.console.warn(m));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
      },
      serverInfo: { name: 'sesscache', version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    void refreshSettings();
  });

  connection.onDidChangeConfiguration((change) => {
    const fromPush = (change.settings as { sesscache?: unknown } | undefined)?.sesscache;
    if (fromPush !== undefined) settings = parseSettings(fromPush, (m) => connection.console.warn(m));
    else void refreshSettings();
  });

  documents.onDidClose((e) => analyses.delete(e.document.uri));

  connection.onHover((params): Hover | null => {
    if (!settings.hover.enable) return null;
    const document = documents.get(params.textDocument.uri);
    if (!document || !C_LANGUAGE_IDS.has(document.languageId)) return null;
    const offset = document.offsetAt(params.position);
    const result = hoverC(analysisOf(document), offset, { library: settings.library });
    if (!result) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: result.markdown },
      range: { start: document.positionAt(result.start), end: document.positionAt(result.end) },
    };
  });

  documents.listen(connection);
  connection.listen();
}
