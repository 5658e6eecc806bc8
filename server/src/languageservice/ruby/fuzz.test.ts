import { describeFuzz } from '../../testing/fuzz/run';
import { RUBY_TARGET } from '../../testing/fuzz/targets';

describeFuzz(RUBY_TARGET, { seed: 0x7b, runs: 1500, shapeSize: 10_000 });
