import { describeFuzz } from '../../../testing/fuzz/run';
import { STUNNEL_TARGET } from '../../../testing/fuzz/targets';

describeFuzz(STUNNEL_TARGET, { seed: 0x57a1, runs: 1500, shapeSize: 10_000 });
