import type { LibraryId } from '../knowledge/libraries';
import { analyzePerl } from '../perl/analyze';
import { analyzePython } from '../python/analyze';
import { analyzeRuby } from '../ruby/analyze';
import { analyzeRust } from '../rust/analyze';
import { lintDeclaredConfig } from '../rules/lint';
import type { Finding, LintOptions } from '../rules/types';
import { analyzeApache } from './apache';
import { fileConfigOfSetting } from './convert';
import { analyzeHaproxy } from './haproxy';
import type { ConfigAnalysis, ConfigIncludeLoader } from './model';
import { analyzeNginx } from './nginx';
import { analyzePostfix } from './postfix';
import { SslcacheDocument, analyzeSslcache } from './sslcache';
import { analyzeStunnel } from './stunnel';

/**
 * Configuration files: our `.sslcache` language, nginx, Apache httpd, HAProxy, stunnel and Postfix. One entry point for the
 * language server and the CLI: the analysis (settings, hovers) and every finding.
 */
export const CONFIG_LANGUAGE_IDS = ['sslcache', 'nginx', 'apacheconf', 'haproxy', 'stunnel', 'postfix', 'python', 'ruby', 'perl', 'rust'] as const;
export type ConfigLanguageId = (typeof CONFIG_LANGUAGE_IDS)[number];

export function isConfigLanguage(languageId: string): languageId is ConfigLanguageId {
  return (CONFIG_LANGUAGE_IDS as readonly string[]).includes(languageId);
}

export interface ConfigDocument {
  languageId: ConfigLanguageId;
  text: string;
  analysis: ConfigAnalysis;
  /** The parsed `.sslcache` document (workloads, for simulation). */
  sslcache?: SslcacheDocument;
  library: LibraryId;
}

export function analyzeConfig(languageId: ConfigLanguageId, text: string, options: { library: LibraryId; loadInclude?: ConfigIncludeLoader }): ConfigDocument {
  switch (languageId) {
    case 'sslcache': {
      const a = analyzeSslcache(text, { library: options.library });
      return { languageId, text, analysis: a, sslcache: a.document, library: a.library };
    }
    case 'nginx':
      return { languageId, text, analysis: analyzeNginx(text, { loadInclude: options.loadInclude }), library: options.library };
    case 'python':
      // pyOpenSSL: the C rules on its contexts come with the analysis.
      return { languageId, text, analysis: analyzePython(text, { library: options.library }), library: options.library };
    case 'ruby':
      // Ruby's OpenSSL::SSL: the C rules on its contexts come with the analysis.
      return { languageId, text, analysis: analyzeRuby(text, { library: options.library }), library: options.library };
    case 'rust': {
      // The Rust openssl and boring crates: a file using boring is analysed (and simulated) as BoringSSL.
      const analysis = analyzeRust(text, { library: options.library });
      return { languageId, text, analysis, library: analysis.settings[0]?.library ?? options.library };
    }
    case 'perl':
      // Perl's Net::SSLeay: the C rules on its contexts come with the analysis.
      return { languageId, text, analysis: analyzePerl(text, { library: options.library }), library: options.library };
    case 'apacheconf':
      return { languageId, text, analysis: analyzeApache(text, { loadInclude: options.loadInclude }), library: options.library };
    case 'haproxy':
      return { languageId, text, analysis: analyzeHaproxy(text), library: options.library };
    case 'stunnel':
      return { languageId, text, analysis: analyzeStunnel(text), library: options.library };
    case 'postfix':
      return { languageId, text, analysis: analyzePostfix(text), library: options.library };
  }
}

/**
 * Every finding of a configuration document: its own (syntax and product rules) and, for
 * `.sslcache`, the C rules applied to the declared context. Rule severities apply to both.
 */
export function configFindings(doc: ConfigDocument, options: LintOptions): Finding[] {
  const findings: Finding[] = [];
  for (const f of doc.analysis.findings) {
    const configured = options.severities?.[f.ruleId];
    if (configured === 'off') continue;
    findings.push({ ...f, severity: configured ?? f.severity });
  }
  if (doc.languageId === 'sslcache' && !doc.analysis.findings.some((f) => f.severity === 'error')) {
    for (const setting of doc.analysis.settings) {
      const modeText = setting.modeSpan ? doc.text.slice(setting.modeSpan.start, setting.modeSpan.end) : undefined;
      findings.push(...lintDeclaredConfig(doc.text, fileConfigOfSetting(setting, modeText), { ...options, library: setting.library ?? doc.library }));
    }
  }
  return findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
}
