import { generateLargeFile } from '../corpus';
import { alternate, median } from '../measure';
import { Benchmark, compared } from '../types';
import { DEFAULT_LIBRARY } from '../../server/src/languageservice';
import { lintText } from '../../server/src/languageservice/rules/lint';

const FILE_BYTES = 5 * 1024 * 1024;
const FILE_SEED = 5;

/** Characters where a C lexer must look closer: braces, quotes, comment and directive starts, dots, backslashes. */
const LEXICAL_STOPS = new Uint8Array(128);
for (const c of '{}"\'/#\\.') LEXICAL_STOPS[c.charCodeAt(0)] = 1;

export const fileLintBenchmark: Benchmark = {
  id: 'file-lint',
  description: 'analysis and lint of one 5 MB C file in-process against one regex pass (/SSL_SESS_CACHE_\\w+/g) over the same text',
  async run({ runs, warmups, log }) {
    const text = generateLargeFile(FILE_SEED, FILE_BYTES);
    const megabytes = Buffer.byteLength(text) / 1e6;
    let findings = 0;
    let matches = 0;
    const ours = () => {
      findings = lintText(text, 'c', { library: DEFAULT_LIBRARY }).length;
    };
    const reference = () => {
      matches = 0;
      const flag = /SSL_SESS_CACHE_\w+/g;
      while (flag.exec(text) !== null) matches++;
    };
    // The floor for any lexer written in JavaScript: one tight loop reading every character once.
    let stops = 0;
    const charLoop = () => {
      stops = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c < 128 && LEXICAL_STOPS[c] === 1) stops++;
      }
    };
    const [oursMs, referenceMs, charLoopMs] = alternate([ours, reference, charLoop], { warmups, runs });
    log(`${megabytes.toFixed(2)} MB, ${findings} findings, ${matches} flag names`);
    if (findings === 0 || matches === 0) throw new Error('file-lint: the generated file has no findings or no flags; the comparison would be meaningless');
    const rate = (ms: number) => megabytes / (ms / 1000);
    return [
      compared(
        {
          name: 'file-lint',
          title: 'analyse and lint one 5 MB C file (throughput)',
          ours: rate(median(oursMs)),
          referenceName: 'regex pass',
          reference: rate(median(referenceMs)),
          unit: 'MB/s',
          target: 'at least 1/4 of the regex pass',
          details: { megabytes: Number(megabytes.toFixed(3)), findings, flagNames: matches, oursMedianMs: median(oursMs), referenceMedianMs: median(referenceMs), runs: oursMs.length },
        },
        (_o, _r, ratio) => ratio >= 0.25,
      ),
      compared(
        {
          name: 'file-lint-vs-char-loop',
          title: 'the same, against reading every character once in JavaScript',
          ours: rate(median(oursMs)),
          referenceName: 'bare character loop',
          reference: rate(median(charLoopMs)),
          unit: 'MB/s',
          target: 'reported (what a JavaScript lexer can reach at most)',
          details: { charLoopMedianMs: median(charLoopMs), lexicalStops: stops },
        },
        () => true,
      ),
    ];
  },
};
