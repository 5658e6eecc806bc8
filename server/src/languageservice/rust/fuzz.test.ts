import { describeFuzz } from '../../testing/fuzz/run';
import { RUST_TARGET } from '../../testing/fuzz/targets';

describeFuzz(RUST_TARGET, { seed: 0x5a5, runs: 1500, shapeSize: 10_000 });
