import type { Benchmark } from '../types';
import { editorBenchmark } from './editor';
import { extensionBenchmark } from './extension';
import { fileLintBenchmark } from './fileLint';
import { simulatorBenchmark } from './simulator';
import { treeLintBenchmark } from './treeLint';

/** Every benchmark, in the order they run and are listed. */
export const BENCHMARKS: readonly Benchmark[] = [simulatorBenchmark, editorBenchmark, extensionBenchmark, treeLintBenchmark, fileLintBenchmark];
