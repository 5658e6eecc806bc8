// Bundles the extension client, the language server, the CLI and the simulation report webview into dist/.
import * as esbuild from 'esbuild';
import { readFileSync, chmodSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// --outdir=DIR builds elsewhere than dist/ (the benchmarks measure a production build beside the tests' dist/).
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  define: { __SESSCACHE_VERSION__: JSON.stringify(version) },
};

const builds = [
  { entryPoints: { extension: 'client/src/extension.ts' }, external: ['vscode'] },
  { entryPoints: { server: 'server/src/languageserver/main.ts' } },
  { entryPoints: { cli: 'server/src/cli/main.ts' } },
  // The simulation report page (client/src/report/reportPanel.ts loads it into its webview):
  // dist/webview.js for the browser, and its style sheet dist/webview.css.
  { entryPoints: { webview: 'client/webview/report.ts' }, platform: 'browser', format: 'iife', target: 'es2020' },
  { entryPoints: { webview: 'client/webview/report.css' }, platform: 'browser', target: ['chrome108'] },
].map((b) => ({ ...common, ...b, outdir }));

const markExecutable = () => {
  for (const f of ['server.js', 'cli.js']) chmodSync(`${outdir}/${f}`, 0o755);
};

if (watch) {
  const contexts = await Promise.all(
    builds.map((b) =>
      esbuild.context({ ...b, plugins: [{ name: 'chmod', setup: (build) => build.onEnd(markExecutable) }] }),
    ),
  );
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  markExecutable();
}
