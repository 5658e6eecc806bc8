import * as fs from 'node:fs';

/**
 * Asks the host runner for a screenshot of the whole window (code-server in Chromium only:
 * scripts/vscode/run-in-code-server.mjs watches for `<results>.shot-<name>` files).
 * Resolves with the PNG path, or undefined where the host cannot take screenshots.
 */
export async function requestScreenshot(name: string, timeoutMs = 15_000): Promise<string | undefined> {
  const results = process.env.SESSCACHE_TEST_RESULTS;
  if (!results || process.env.SESSCACHE_TEST_SCREENSHOTS !== '1') return undefined;
  const request = `${results}.shot-${name}`;
  fs.writeFileSync(request, '');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (fs.existsSync(request + '.done')) {
      const answer = JSON.parse(fs.readFileSync(request + '.done', 'utf8')) as { path?: string; error?: string };
      if (answer.error) throw new Error(`screenshot ${name} failed: ${answer.error}`);
      return answer.path;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`screenshot ${name}: the runner did not answer within ${timeoutMs} ms`);
}
