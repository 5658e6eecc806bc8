import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

/**
 * Runs the integration suite in a desktop VS Code through @vscode/test-electron.
 * VS Code comes from VSCODE_EXECUTABLE (a path to `code`), or is downloaded when
 * SESSCACHE_DOWNLOAD_VSCODE=1 and the network allows it.
 */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
  if (!vscodeExecutablePath && process.env.SESSCACHE_DOWNLOAD_VSCODE !== '1') {
    console.log('skipped: set VSCODE_EXECUTABLE=/path/to/code, or SESSCACHE_DOWNLOAD_VSCODE=1 to download VS Code');
    return;
  }
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(__dirname, 'suite', 'index'),
    launchArgs: [path.join(root, 'examples'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
