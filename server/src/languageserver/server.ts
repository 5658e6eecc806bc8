import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CancellationToken,
  CodeAction,
  CodeActionKind,
  CodeLens,
  CodeLensRefreshRequest,
  CompletionItemKind,
  ErrorCodes,
  InsertTextFormat,
  InlayHint,
  MarkupContent,
  RequestType,
  ResponseError,
  Connection,
  Diagnostic,
  DiagnosticSeverity,
  Hover,
  InitializeParams,
  Position,
  InitializeResult,
  MarkupKind,
  TextDocumentSyncKind,
  TextDocuments,
  WorkDoneProgress,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CDocument,
  DEFAULT_LIBRARY,
  Finding,
  LibraryId,
  Severity,
  analyzeC,
  findRule,
  hoverC,
  ignoreFix,
  isLibraryId,
} from '../languageservice';
import { FileConfig, SharedContext, extractConfig, sharedContexts } from '../languageservice/c/config';
import { lintExtracted, withWorkspaceContexts } from '../languageservice/rules/lint';
import { configurationAt, scenarioServerOf, simConfigsForContext } from '../languageservice/simulator/fromCode';
import { ConfigDocument, analyzeConfig, configFindings, isConfigLanguage } from '../languageservice/config';
import { simConfigsOfSetting } from '../languageservice/config/convert';
import type { ConfigCacheSetting } from '../languageservice/config/model';
import { completeSslcache, formatSslcache, isFormatRefusal, scenarioToSslcache, sslcacheToScenario } from '../languageservice/config/sslcache';
import { configIncludeLoader } from '../node/configIncludes';
import { clientNotSimulated, isClientContext, predictClientPaths } from '../languageservice/simulator/clientPaths';
import { predictPaths } from '../languageservice/simulator/predict';
import { CancelledError, SimulationReport, WORKLOAD_PRESETS, buildReport, findPreset, totalEvents, workloadOf } from '../languageservice/simulator/report';
import { ScenarioError, parseScenario } from '../languageservice/simulator/scenario';
import { collectTargets } from '../node/files';
import { fileIncludeLoader } from '../node/includes';

declare const __SESSCACHE_VERSION__: string | undefined;
export const SERVER_VERSION: string = typeof __SESSCACHE_VERSION__ === 'string' ? __SESSCACHE_VERSION__ : 'dev';

/** The workspace index reads at most this many C files (each at most `maxFileSize`). */
const MAX_INDEXED_FILES = 5000;
const MEGABYTE = 1024 * 1024;
/** How long the background index works before it lets waiting requests and edits through. */
const INDEX_SLICE_MS = 8;

/** Languages whose documents the server analyses as C. */
export const C_LANGUAGE_IDS = new Set(['c', 'cpp', 'objective-c', 'objective-cpp', 'cuda-cpp']);

/**
 * Other editors' names for our languages (VS Code's ids are ours): Neovim sends its filetype
 * (`objc`, `objcpp`, `cuda`, `apache`, `pfmain` for Postfix's main.cf), Emacs eglot its mode's
 * name (`c++`). A document is known by our name from the moment it opens.
 */
export const LANGUAGE_ID_ALIASES: Readonly<Record<string, string>> = {
  objc: 'objective-c',
  objcpp: 'objective-cpp',
  cuda: 'cuda-cpp',
  'c++': 'cpp',
  apache: 'apacheconf',
  pfmain: 'postfix',
};

const canonicalLanguageId = (languageId: string): string => (Object.hasOwn(LANGUAGE_ID_ALIASES, languageId) ? LANGUAGE_ID_ALIASES[languageId] : languageId);

export interface ServerSettings {
  library: LibraryId;
  hover: { enable: boolean };
  lint: { enable: boolean; severity: Record<string, Severity | 'off'> };
  inline: { codeLens: boolean; inlayHints: boolean };
  /** Documents above this many megabytes are not analysed (a notice says so); workspace files above it are not indexed. */
  maxFileSize: number;
}

/** `sesscache/simulate`: simulate the cache configuration at a position under a workload (see docs/LSP.md). */
export interface SimulateParams {
  textDocument: { uri: string };
  position: { line: number; character: number };
  /** A preset id (`web`, `api`, `mail`); default `web`. */
  preset?: string;
  /** Workload fields that override the preset's (the scenario contract's workload object). */
  workload?: Record<string, unknown>;
  /** Which protocol, when the code allows both; default the newest allowed. */
  protocol?: 'TLSv1.2' | 'TLSv1.3';
  /** A token for `$/progress` reports. */
  workDoneToken?: string | number;
  /**
   * Refuse runs of more connect and flush events than this (VS Code sends `sesscache.simulation.maxEvents`,
   * and asks the user before sending the request again without it).
   */
  maxEvents?: number;
}

/** The error of a simulation above the request's `maxEvents`; its data is `{ events, limit }` so the client can ask. */
export const SIMULATION_TOO_LARGE = -32001;
export const SimulateRequest = new RequestType<SimulateParams, SimulationReport, void>('sesscache/simulate');

/** `sesscache/exportSslcache`: the configuration at a position in C code as a `.sslcache` file, to explore what-ifs. */
export interface ExportSslcacheParams {
  textDocument: { uri: string };
  position: { line: number; character: number };
}
export const ExportSslcacheRequest = new RequestType<ExportSslcacheParams, { text: string }, void>('sesscache/exportSslcache');

const DEFAULT_SETTINGS: ServerSettings = {
  library: DEFAULT_LIBRARY,
  hover: { enable: true },
  lint: { enable: true, severity: {} },
  inline: { codeLens: true, inlayHints: false },
  maxFileSize: 8,
};

const SEVERITY_LEVELS = new Set(['error', 'warning', 'information', 'hint', 'off']);

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** docs/rules.md beside the bundle (dist/server.js -> ../docs/rules.md). */
export function ruleDocumentationUri(ruleId: string): string {
  return pathToFileURL(path.join(__dirname, '..', 'docs', 'rules.md')).href + '#' + ruleId;
}

/** Reads the `sesscache` section leniently: a bad value falls back to the default and is reported once. */
export function parseSettings(raw: unknown, warn: (message: string) => void): ServerSettings {
  const settings: ServerSettings = {
    library: DEFAULT_SETTINGS.library,
    hover: { ...DEFAULT_SETTINGS.hover },
    lint: { enable: true, severity: {} },
    inline: { ...DEFAULT_SETTINGS.inline },
    maxFileSize: DEFAULT_SETTINGS.maxFileSize,
  };
  if (!raw || typeof raw !== 'object') return settings;
  const r = raw as Record<string, unknown>;
  if (r.library !== undefined) {
    if (isLibraryId(r.library)) settings.library = r.library;
    else warn(`sesscache.library: unknown library ${JSON.stringify(r.library)}; using ${DEFAULT_LIBRARY}`);
  }
  const hover = r.hover as Record<string, unknown> | undefined;
  if (hover && typeof hover.enable === 'boolean') settings.hover.enable = hover.enable;
  const inline = r.inline as Record<string, unknown> | undefined;
  if (inline && typeof inline.codeLens === 'boolean') settings.inline.codeLens = inline.codeLens;
  if (inline && typeof inline.inlayHints === 'boolean') settings.inline.inlayHints = inline.inlayHints;
  if (r.maxFileSize !== undefined) {
    if (typeof r.maxFileSize === 'number' && r.maxFileSize > 0) settings.maxFileSize = r.maxFileSize;
    else warn(`sesscache.maxFileSize: expected a positive number of megabytes; using ${DEFAULT_SETTINGS.maxFileSize}`);
  }
  const lint = r.lint as Record<string, unknown> | undefined;
  if (lint && typeof lint.enable === 'boolean') settings.lint.enable = lint.enable;
  if (lint && lint.severity && typeof lint.severity === 'object') {
    for (const [id, level] of Object.entries(lint.severity as Record<string, unknown>)) {
      if (!findRule(id)) warn(`sesscache.lint.severity: unknown rule "${id}"`);
      else if (typeof level !== 'string' || !SEVERITY_LEVELS.has(level)) warn(`sesscache.lint.severity.${id}: expected error, warning, information, hint or off`);
      else settings.lint.severity[id] = level as Severity | 'off';
    }
  }
  return settings;
}

/**
 * Wires the core to an LSP connection. Knows nothing of the transport: main.ts
 * creates the connection (IPC for VS Code, stdio for other editors).
 */
export function startServer(connection: Connection): { shutDown(): boolean } {
  const documents = new TextDocuments({
    create: (uri: string, languageId: string, version: number, content: string) => TextDocument.create(uri, canonicalLanguageId(languageId), version, content),
    update: TextDocument.update,
  });
  // Analyses are cached per document version: hovers on an unchanged document do no scanning, and an
  // edit extracts the configuration once for the workspace index, the linter and the lenses.
  interface CEntry {
    version: number;
    doc: CDocument;
    /** This file's own configuration, and with other files' facts merged (reset when those change). */
    own?: FileConfig;
    merged?: FileConfig;
    findings?: Finding[];
  }
  const analyses = new Map<string, CEntry>();
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let clientPullsConfiguration = false;
  let clientRefreshesCodeLens = false;
  let clientRefreshesInlayHints = false;
  let workspaceRoots: string[] = [];

  /** Workspace headers are read only for documents on disk, and only inside the workspace roots or beside the document. */
  const includeLoaderFor = (uri: string) => {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return fileIncludeLoader(fileURLToPath(uri), workspaceRoots);
    } catch {
      return undefined;
    }
  };

  const entryOf = (document: TextDocument): CEntry => {
    const cached = analyses.get(document.uri);
    if (cached && cached.version === document.version) return cached;
    const entry: CEntry = { version: document.version, doc: analyzeC(document.getText(), { loadInclude: includeLoaderFor(document.uri) }) };
    analyses.set(document.uri, entry);
    return entry;
  };
  const analysisOf = (document: TextDocument): CDocument => entryOf(document).doc;
  const ownConfigOf = (document: TextDocument): FileConfig => {
    const entry = entryOf(document);
    return (entry.own ??= extractConfig(entry.doc));
  };
  /** The file's configurations with what other files do to the same global contexts. */
  const configOf = (document: TextDocument): FileConfig => {
    const entry = entryOf(document);
    return (entry.merged ??= withWorkspaceContexts(ownConfigOf(document), elsewhereFor(document.uri)));
  };

  // Configuration files (.sslcache, nginx, Apache): one analysis per document version.
  interface ConfigEntry {
    version: number;
    library: LibraryId;
    doc: ConfigDocument;
    findings?: Finding[];
  }
  const configAnalyses = new Map<string, ConfigEntry>();
  const configEntryOf = (document: TextDocument): ConfigEntry => {
    const cached = configAnalyses.get(document.uri);
    if (cached && cached.version === document.version && cached.library === settings.library) return cached;
    let loadInclude;
    if (document.uri.startsWith('file:')) {
      try {
        loadInclude = configIncludeLoader(fileURLToPath(document.uri));
      } catch {
        loadInclude = undefined;
      }
    }
    const entry: ConfigEntry = {
      version: document.version,
      library: settings.library,
      doc: analyzeConfig(document.languageId as Parameters<typeof analyzeConfig>[0], document.getText(), { library: settings.library, loadInclude }),
    };
    configAnalyses.set(document.uri, entry);
    return entry;
  };
  const configFindingsOf = (document: TextDocument): Finding[] => {
    const entry = configEntryOf(document);
    entry.findings ??= configFindings(entry.doc, { library: entry.doc.library, severities: settings.lint.severity });
    return entry.findings;
  };
  /** The findings of any supported document. */
  const findingsFor = (document: TextDocument): Finding[] => (isConfigLanguage(document.languageId) ? configFindingsOf(document) : findingsOf(document));
  const supported = (document: TextDocument): boolean => C_LANGUAGE_IDS.has(document.languageId) || isConfigLanguage(document.languageId);
  // Sizes of large documents per version (counting UTF-8 bytes is a pass over the text).
  const sizes = new Map<string, { version: number; bytes: number }>();
  /** The size in bytes of a document above `maxFileSize`, or undefined when it is within the limit and analysed. */
  const oversize = (document: TextDocument): number | undefined => {
    const limit = settings.maxFileSize * MEGABYTE;
    const text = document.getText();
    // UTF-8 takes at most three bytes per UTF-16 unit: most documents are decided without counting.
    if (text.length * 3 <= limit) return undefined;
    let size = sizes.get(document.uri);
    if (!size || size.version !== document.version) sizes.set(document.uri, (size = { version: document.version, bytes: Buffer.byteLength(text, 'utf8') }));
    return size.bytes > limit ? size.bytes : undefined;
  };
  const tooLargeMessage = (bytes: number): string =>
    `sesscache: this file is ${bytes < MEGABYTE ? `${Math.round(bytes / 1024)} KB` : `${(bytes / MEGABYTE).toFixed(1)} MB`}, above the limit of ${settings.maxFileSize} MB (setting sesscache.maxFileSize), ` +
    'so it is not analysed: no hovers, lint, lenses or simulation. Raise sesscache.maxFileSize to analyse it.';
  const analysable = (document: TextDocument): boolean => supported(document) && oversize(document) === undefined;
  /** The open document a request names (undefined when it is not open); a request that names none is invalid. */
  const documentOf = (params: { textDocument?: { uri?: unknown } } | undefined): TextDocument | undefined => {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri must be a string');
    return documents.get(uri);
  };
  /** A request's position as an offset: lines and characters past the end clamp to it (LSP's rule), anything else that is not a position is refused. */
  const offsetIn = (document: TextDocument, position: unknown): number => {
    const p = position as Position | undefined;
    const whole = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
    if (!p || !whole(p.line) || !whole(p.character)) throw new ResponseError(ErrorCodes.InvalidParams, `not a position: ${JSON.stringify(position)}`);
    return document.offsetAt(p);
  };
  /** simulate and exportSslcache: the document, open, supported and within the size limit. */
  const requestDocument = (method: string, params: { textDocument?: { uri?: unknown } }, languages?: Set<string>, notOpen = `${String(params.textDocument?.uri)} is not open`): TextDocument => {
    const document = documentOf(params);
    if (!document || (languages && !languages.has(document.languageId))) throw new ResponseError(ErrorCodes.InvalidParams, `${method}: ${notOpen}`);
    const bytes = oversize(document);
    if (bytes !== undefined) throw new ResponseError(ErrorCodes.InvalidParams, `${method}: ${tooLargeMessage(bytes).replace('sesscache: ', '')}`);
    return document;
  };
  // What each file of the workspace does to global SSL_CTXs (open documents override disk).
  const shared = new Map<string, SharedContext[]>();
  const elsewhereFor = (uri: string): SharedContext[] => [...shared.entries()].filter(([u]) => u !== uri).flatMap(([, s]) => s);
  const updateShared = (uri: string, file: FileConfig): boolean => {
    const next = sharedContexts(file, uri);
    const changed = JSON.stringify(shared.get(uri) ?? []) !== JSON.stringify(next);
    if (next.length > 0) shared.set(uri, next);
    else shared.delete(uri);
    return changed;
  };
  const findingsOf = (document: TextDocument): Finding[] => {
    const entry = entryOf(document);
    entry.findings ??= lintExtracted(entry.doc, configOf(document), { library: settings.library, severities: settings.lint.severity });
    return entry.findings;
  };

  /** Set by shutdown: the background index stops at its next slice. */
  let shuttingDown = false;

  /**
   * Indexes the workspace's C files in the background, in slices of a few milliseconds (a file
   * count would let a few large files hold up the requests of the editor that just started us),
   * with work-done progress the user can cancel.
   */
  const indexWorkspace = async (): Promise<void> => {
    if (workspaceRoots.length === 0) return;
    const { targets } = collectTargets(workspaceRoots, workspaceRoots[0]);
    const queue = targets.slice(0, MAX_INDEXED_FILES);
    if (queue.length === 0) return;
    const total = queue.length;
    // A null reporter when the client does not support server-initiated progress.
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('sesscache: indexing C files', 0, `0 of ${total} files`, true);
    const step = (): void => {
      if (shuttingDown || progress?.token.isCancellationRequested) {
        progress?.done();
        return;
      }
      const until = performance.now() + INDEX_SLICE_MS;
      while (queue.length > 0 && performance.now() < until) {
        const target = queue.shift()!;
        const uri = pathToFileURL(target.absolute).href;
        if (documents.get(uri)) continue;
        try {
          const stat = fs.statSync(target.absolute);
          if (stat.size > settings.maxFileSize * MEGABYTE) continue;
          const text = fs.readFileSync(target.absolute, 'utf8');
          if (!text.includes('SSL_CTX')) continue;
          updateShared(uri, extractConfig(analyzeC(text, { loadInclude: fileIncludeLoader(target.absolute, workspaceRoots) })));
        } catch {
          // Unreadable files are simply not indexed.
        }
      }
      const done = total - queue.length;
      progress?.report(Math.floor((100 * done) / total), `${done} of ${total} files`);
      if (queue.length > 0) return void setImmediate(step);
      progress?.done();
      if (shared.size > 0) revalidateAll();
    };
    setImmediate(step);
  };

  const validate = (document: TextDocument): void => {
    if (!supported(document)) return;
    const bytes = oversize(document);
    const notice: Diagnostic = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      code: 'file-too-large',
      source: 'sesscache',
      message: tooLargeMessage(bytes ?? 0),
    };
    const diagnostics: Diagnostic[] = bytes !== undefined ? [notice] : settings.lint.enable
      ? findingsFor(document).map((f) => ({
          range: { start: document.positionAt(f.start), end: document.positionAt(f.end) },
          severity: LSP_SEVERITY[f.severity],
          code: f.ruleId,
          codeDescription: { href: ruleDocumentationUri(f.ruleId) },
          source: 'sesscache',
          message: f.message,
        }))
      : [];
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  };
  const revalidateAll = (): void => {
    for (const entry of analyses.values()) {
      entry.merged = undefined;
      entry.findings = undefined;
    }
    for (const entry of configAnalyses.values()) entry.findings = undefined;
    for (const document of documents.all()) validate(document);
    // Lenses and hints depend on settings and on other files' contexts too.
    if (clientRefreshesCodeLens) void connection.sendRequest(CodeLensRefreshRequest.type);
    if (clientRefreshesInlayHints) void connection.languages.inlayHint.refresh();
  };

  const refreshSettings = async (): Promise<void> => {
    if (!clientPullsConfiguration) return;
    try {
      const raw = await connection.workspace.getConfiguration('sesscache');
      settings = parseSettings(raw, (m) => connection.console.warn(m));
      revalidateAll();
    } catch (e) {
      connection.console.warn(`could not read settings: ${(e as Error).message}`);
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    clientPullsConfiguration = !!params.capabilities.workspace?.configuration;
    clientRefreshesCodeLens = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    clientRefreshesInlayHints = !!params.capabilities.workspace?.inlayHint?.refreshSupport;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []);
    workspaceRoots = folders.filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri));
    const initOptions = params.initializationOptions as { settings?: unknown } | undefined;
    if (initOptions?.settings) settings = parseSettings(initOptions.settings, (m) => connection.console.warn(m));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: [' ', '|'] },
        documentFormattingProvider: true,
        inlayHintProvider: true,
      },
      serverInfo: { name: 'sesscache', version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    void refreshSettings();
    void indexWorkspace();
  });
  connection.onShutdown(() => {
    shuttingDown = true;
  });

  connection.onDidChangeConfiguration((change) => {
    const fromPush = (change.settings as { sesscache?: unknown } | undefined)?.sesscache;
    if (fromPush !== undefined) {
      settings = parseSettings(fromPush, (m) => connection.console.warn(m));
      revalidateAll();
    } else void refreshSettings();
  });

  // Changed documents are analysed once the messages already received are handled: a burst of
  // thousands of didChange costs one analysis of the last version, and hovers in it are answered.
  const changed = new Set<string>();
  let settling = false;
  let changedSinceHop = false;
  const settle = (): void => {
    // The message queue handles one message per turn of the event loop: while changes keep coming, wait a turn.
    if (changedSinceHop) {
      changedSinceHop = false;
      return void setImmediate(settle);
    }
    settling = false;
    const batch = [...changed].flatMap((uri) => documents.get(uri) ?? []);
    changed.clear();
    let sharedChanged = false;
    for (const document of batch) {
      if (C_LANGUAGE_IDS.has(document.languageId) && analysable(document) && updateShared(document.uri, ownConfigOf(document))) sharedChanged = true;
    }
    if (sharedChanged) revalidateAll();
    else for (const document of batch) validate(document);
  };
  documents.onDidChangeContent((e) => {
    changed.add(e.document.uri);
    changedSinceHop = true;
    if (!settling) {
      settling = true;
      setImmediate(settle);
    }
  });
  documents.onDidClose((e) => {
    analyses.delete(e.document.uri);
    configAnalyses.delete(e.document.uri);
    sizes.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  /** One prediction per known mode call and protocol: where sessions go, how they are found, when they are flushed. */
  const predictionsOf = (document: TextDocument) => {
    const out: { start: number; end: number; protocol: string; text: string; explanation: string[]; client?: boolean }[] = [];
    if (isConfigLanguage(document.languageId)) {
      const entry = configEntryOf(document);
      if (entry.doc.analysis.findings.some((f) => f.severity === 'error' && f.ruleId.endsWith('-syntax'))) return out;
      for (const setting of entry.doc.analysis.settings) {
        for (const config of simConfigsOfSetting(setting, entry.doc.library)) {
          const p =
            setting.role === 'client'
              ? predictClientPaths(config, !!setting.offersSavedSessions)
              : predictPaths(config);
          out.push({ start: setting.span.start, end: setting.span.end, protocol: config.protocol, text: p.text, explanation: p.explanation, client: p.client });
        }
      }
      return out;
    }
    const file = configOf(document);
    for (const ctx of file.contexts) {
      for (const mode of ctx.modes) {
        if (mode.values.length !== 1) continue; // several possible values: the lens would have to guess
        const client = isClientContext(ctx.role, mode.values[0]);
        for (const config of simConfigsForContext(file, ctx, mode.values[0], settings.library)) {
          const p = client
            ? predictClientPaths(config, file.setSessionCalls)
            : predictPaths(config);
          out.push({ start: mode.callSpan.start, end: mode.callSpan.end, protocol: config.protocol, text: p.text, explanation: p.explanation, client: p.client });
        }
      }
    }
    return out;
  };

  connection.onCodeLens((params): CodeLens[] => {
    const document = documentOf(params);
    if (!document || !analysable(document) || !settings.inline.codeLens) return [];
    return predictionsOf(document).map((p) => {
      const position = document.positionAt(p.start);
      return {
        range: { start: position, end: position },
        command: {
          title: `${p.protocol.replace('TLSv', 'TLS ')}: ${p.text}`,
          // A client's paths come from the spec, not the simulator: a label with nothing to run.
          command: p.client ? '' : 'sesscache.simulate',
          arguments: p.client ? undefined : [document.uri, position, p.protocol],
          tooltip: p.explanation.join('\n'),
        },
      };
    });
  });

  connection.languages.inlayHint.on((params): InlayHint[] => {
    const document = documentOf(params);
    if (!document || !analysable(document) || !settings.inline.inlayHints) return [];
    const from = offsetIn(document, params.range?.start);
    const to = offsetIn(document, params.range?.end);
    return predictionsOf(document)
      .filter((p) => p.end >= from && p.start <= to)
      .map((p) => {
        const tooltip: MarkupContent = {
          kind: MarkupKind.Markdown,
          value: (p.client ? `**A client (${p.protocol}): its paths, from the spec's client side (§6)**\n\n` : `**Predicted by the simulator (${p.protocol})**\n\n`) + p.explanation.map((e) => `- ${e}`).join('\n'),
        };
        return { position: document.positionAt(p.end), label: ` ${p.protocol.replace('TLSv', 'TLS ')}: ${p.text}`, paddingLeft: true, tooltip };
      });
  });

  connection.onRequest(SimulateRequest, async (params: SimulateParams, token: CancellationToken): Promise<SimulationReport> => {
    const document = requestDocument('sesscache/simulate', params);
    if (isConfigLanguage(document.languageId)) return simulateConfig(document, params, token);
    const file = configOf(document);
    const found = configurationAt(file, offsetIn(document, params.position));
    if (!found) throw new ResponseError(-32602, 'sesscache/simulate: no SSL_CTX_set_session_cache_mode call in this document');
    if (found.mode.values.length !== 1) {
      throw new ResponseError(-32602, `sesscache/simulate: the mode here is not known (${found.mode.unknownReason ?? 'several values are possible'})`);
    }
    if (isClientContext(found.ctx.role, found.mode.values[0])) throw new ResponseError(-32602, `sesscache/simulate: ${clientNotSimulated(`the context ${found.ctx.key}`)}`);
    const configs = simConfigsForContext(file, found.ctx, found.mode.values[0], settings.library);
    const config = configs.find((c) => c.protocol === params.protocol) ?? configs[configs.length - 1];
    if (!config) throw new ResponseError(-32602, 'sesscache/simulate: no protocol is allowed by this context');
    const preset = findPreset(params.preset ?? 'web');
    if (!preset) throw new ResponseError(-32602, `sesscache/simulate: unknown preset "${params.preset}"; expected ${WORKLOAD_PRESETS.map((p) => p.id).join(', ')}`);
    let scenario;
    try {
      scenario = parseScenario(
        JSON.stringify({ version: 1, library: config.library, protocol: config.protocol, server: scenarioServerOf(config), workload: { ...workloadOf(preset), ...params.workload } }),
      );
    } catch (e) {
      if (e instanceof ScenarioError) throw new ResponseError(-32602, `sesscache/simulate: ${e.message}`);
      throw e;
    }
    const position = document.positionAt(found.mode.callSpan.start);
    return runReport(document, scenario, `${position.line + 1} · ${found.ctx.key}`, preset.label, params, token);
  });

  /** A configuration file's setting at a position: the one whose directive contains it, else the nearest before. */
  const settingAt = (settingsList: ConfigCacheSetting[], offset: number): ConfigCacheSetting | undefined => {
    let best: ConfigCacheSetting | undefined;
    for (const s of settingsList) {
      if (offset >= s.span.start && offset <= s.span.end) return s;
      if (s.span.start <= offset && (!best || s.span.start > best.span.start)) best = s;
    }
    return best ?? settingsList[0];
  };

  const simulateConfig = async (document: TextDocument, params: SimulateParams, token: CancellationToken): Promise<SimulationReport> => {
    const entry = configEntryOf(document);
    const offset = offsetIn(document, params.position);
    let scenario;
    let presetLabel: string;
    let label: string;
    try {
      if (entry.doc.sslcache) {
        // The workload block under the cursor, else the first; the preset when the file has none.
        const line = document.positionAt(offset).line;
        const workload = entry.doc.sslcache.workloads.find((w) => line >= w.header.line && line <= (w.fields[w.fields.length - 1]?.line ?? w.header.line));
        const json = sslcacheToScenario(entry.doc.sslcache, workload?.name, { library: entry.doc.library });
        if (params.workload) json.workload = { ...(json.workload as object), ...params.workload };
        scenario = parseScenario(JSON.stringify(json));
        presetLabel = workload ? `workload ${workload.name}` : (entry.doc.sslcache.workloads[0] ? `workload ${entry.doc.sslcache.workloads[0].name}` : 'Web server: returning browsers');
        label = 'sslcache';
      } else {
        const setting = settingAt(entry.doc.analysis.settings, offset);
        if (!setting) throw new ResponseError(-32602, 'sesscache/simulate: no TLS server with a session cache setting in this file');
        if (setting.role === 'client') throw new ResponseError(-32602, `sesscache/simulate: ${clientNotSimulated(setting.label)}`);
        const configs = simConfigsOfSetting(setting, entry.doc.library);
        const config = configs.find((c) => c.protocol === params.protocol) ?? configs[configs.length - 1];
        const preset = findPreset(params.preset ?? 'web');
        if (!preset) throw new ResponseError(-32602, `sesscache/simulate: unknown preset "${params.preset}"`);
        scenario = parseScenario(
          JSON.stringify({ version: 1, library: config.library, protocol: config.protocol, server: scenarioServerOf(config), workload: { ...workloadOf(preset), ...params.workload } }),
        );
        presetLabel = preset.label;
        label = setting.label;
      }
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      throw new ResponseError(-32602, `sesscache/simulate: ${(e as Error).message}`);
    }
    return runReport(document, scenario, label, presetLabel, params, token);
  };

  const runReport = async (
    document: TextDocument,
    scenario: ReturnType<typeof parseScenario>,
    where: string,
    presetLabel: string,
    params: SimulateParams,
    token: CancellationToken,
  ): Promise<SimulationReport> => {
    const name = document.uri.slice(document.uri.lastIndexOf('/') + 1);
    const total = totalEvents(scenario);
    const limit = params.maxEvents;
    if (typeof limit === 'number' && total > limit) {
      throw new ResponseError(SIMULATION_TOO_LARGE, `sesscache/simulate: ${total.toLocaleString('en')} events is more than the limit of ${limit.toLocaleString('en')}`, {
        events: total,
        limit,
      });
    }
    const progressToken = params.workDoneToken;
    if (progressToken !== undefined) {
      void connection.sendProgress(WorkDoneProgress.type, progressToken, { kind: 'begin', title: 'Simulating the session cache', cancellable: true, percentage: 0 });
    }
    // Said in the progress's end: how far a cancelled run got (the client's request resolves empty then).
    let endMessage: string | undefined;
    try {
      return await buildReport(scenario, {
        title: `${name}:${where}`,
        preset: presetLabel,
        isCancelled: () => token.isCancellationRequested,
        pause: () => new Promise((resolve) => setImmediate(resolve)),
        onProgress: (done) => {
          if (progressToken !== undefined) {
            void connection.sendProgress(WorkDoneProgress.type, progressToken, {
              kind: 'report',
              message: `${done.toLocaleString('en')} of ${total.toLocaleString('en')} connections`,
              percentage: Math.floor((100 * done) / Math.max(1, total)),
            });
          }
        },
      });
    } catch (e) {
      if (e instanceof CancelledError) {
        endMessage = e.message;
        throw new ResponseError(-32800, `sesscache/simulate: ${e.message}`, { done: e.done, total: e.total });
      }
      throw e;
    } finally {
      if (progressToken !== undefined) void connection.sendProgress(WorkDoneProgress.type, progressToken, { kind: 'end', message: endMessage });
    }
  };

  connection.onRequest(ExportSslcacheRequest, (params: ExportSslcacheParams): { text: string } => {
    const document = requestDocument('sesscache/exportSslcache', params, C_LANGUAGE_IDS, 'open a C or C++ document with an SSL_CTX_set_session_cache_mode call');
    const file = configOf(document);
    const found = configurationAt(file, offsetIn(document, params.position));
    if (!found) throw new ResponseError(-32602, 'sesscache/exportSslcache: no SSL_CTX_set_session_cache_mode call in this document');
    if (found.mode.values.length !== 1) {
      throw new ResponseError(-32602, `sesscache/exportSslcache: the mode here is not known (${found.mode.unknownReason ?? 'several values are possible'})`);
    }
    // A .sslcache file is a server's cache and its workloads: a client's would be simulated as a server.
    if (isClientContext(found.ctx.role, found.mode.values[0])) throw new ResponseError(-32602, `sesscache/exportSslcache: ${clientNotSimulated(`the context ${found.ctx.key}`)}`);
    const configs = simConfigsForContext(file, found.ctx, found.mode.values[0], settings.library);
    const config = configs[configs.length - 1];
    if (!config) throw new ResponseError(-32602, 'sesscache/exportSslcache: no protocol is allowed by this context');
    const name = document.uri.slice(document.uri.lastIndexOf('/') + 1);
    const line = document.positionAt(found.mode.callSpan.start).line + 1;
    const scenario = { version: 1, library: config.library, protocol: config.protocol, server: scenarioServerOf(config), workload: workloadOf(findPreset('web')!) };
    let text = scenarioToSslcache(scenario, { workloadName: 'web', title: `${name}:${line} (${found.ctx.key}), exported by sesscache` });
    // Every protocol the code allows, not only the one a simulation runs.
    text = text.replace(/^protocol .*$/m, `protocol ${configs.map((c) => c.protocol).join(' ')}`);
    return { text };
  });

  connection.onCompletion((params) => {
    const document = documentOf(params);
    if (!document || document.languageId !== 'sslcache' || !analysable(document)) return [];
    const kinds = { keyword: CompletionItemKind.Keyword, flag: CompletionItemKind.Constant, value: CompletionItemKind.Value, snippet: CompletionItemKind.Snippet };
    return completeSslcache(document.getText(), offsetIn(document, params.position), { library: settings.library }).map((c) => ({
      label: c.label,
      kind: kinds[c.kind],
      detail: c.detail,
      documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
      insertTextFormat: c.kind === 'snippet' ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range: { start: document.positionAt(c.replaceStart), end: document.positionAt(c.replaceEnd) }, newText: c.insertText ?? c.label },
    }));
  });

  connection.onDocumentFormatting((params) => {
    const document = documentOf(params);
    if (!document || document.languageId !== 'sslcache' || !analysable(document)) return [];
    const result = formatSslcache(document.getText());
    if (isFormatRefusal(result)) {
      connection.window.showWarningMessage(`sesscache: the file was not formatted: ${result[0].message}`);
      return [];
    }
    return result.map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.newText }));
  });

  connection.onCodeAction((params): CodeAction[] => {
    const document = documentOf(params);
    if (!document || !analysable(document) || !settings.lint.enable) return [];
    const start = offsetIn(document, params.range?.start);
    const end = offsetIn(document, params.range?.end);
    const actions: CodeAction[] = [];
    const toLsp = (edits: { start: number; end: number; newText: string }[]) => ({
      changes: {
        [document.uri]: edits.map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.newText })),
      },
    });
    const config = isConfigLanguage(document.languageId);
    for (const finding of findingsFor(document)) {
      if (finding.end < start || finding.start > end) continue;
      const diagnostic: Diagnostic = {
        range: { start: document.positionAt(finding.start), end: document.positionAt(finding.end) },
        severity: LSP_SEVERITY[finding.severity],
        code: finding.ruleId,
        source: 'sesscache',
        message: finding.message,
      };
      for (const fix of finding.fixes) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred, edit: toLsp(fix.edits) });
      }
      if (!config) {
        const ignore = ignoreFix(document.getText(), finding.ruleId, finding.start);
        actions.push({ title: ignore.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: toLsp(ignore.edits) });
      }
      actions.push({
        title: `Show documentation for ${finding.ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: `Show documentation for ${finding.ruleId}`, command: 'sesscache.showRuleDocumentation', arguments: [finding.ruleId] },
      });
    }
    return actions;
  });

  connection.onHover((params): Hover | null => {
    if (!settings.hover.enable) return null;
    const document = documentOf(params);
    if (!document || !analysable(document)) return null;
    const offset = offsetIn(document, params.position);
    const result = isConfigLanguage(document.languageId)
      ? configEntryOf(document).doc.analysis.hoverAt(offset)
      : hoverC(analysisOf(document), offset, { library: settings.library });
    if (!result) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: result.markdown },
      range: { start: document.positionAt(result.start), end: document.positionAt(result.end) },
    };
  });

  documents.listen(connection);
  connection.listen();
  return { shutDown: () => shuttingDown };
}
