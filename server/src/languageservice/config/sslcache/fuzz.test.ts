import { describeFuzz } from '../../../testing/fuzz/run';
import { SSLCACHE_TARGET } from '../../../testing/fuzz/targets';

// Each case parses the text about ten times (analysis, completions, formatting, conversion): fewer runs.
describeFuzz(SSLCACHE_TARGET, { seed: 0x55ca, runs: 300, shapeSize: 2_500 });
