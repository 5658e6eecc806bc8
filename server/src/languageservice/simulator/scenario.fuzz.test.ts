import { describeFuzz } from '../../testing/fuzz/run';
import { SCENARIO_TARGET } from '../../testing/fuzz/targets';

describeFuzz(SCENARIO_TARGET, { seed: 0x5c3e, runs: 3000, shapeSize: 10_000 });
