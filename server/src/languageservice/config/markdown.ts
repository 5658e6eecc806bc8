/** The OpenSSL calls a directive amounts to, as a C code block for a hover (one call per line). */
export function callsBlock(calls: readonly string[]): string {
  return ['```c', ...calls.map((call) => call + ';'), '```'].join('\n');
}
