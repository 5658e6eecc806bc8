import { describeFuzz } from '../../../testing/fuzz/run';
import { POSTFIX_TARGET } from '../../../testing/fuzz/targets';

describeFuzz(POSTFIX_TARGET, { seed: 0x9057, runs: 1500, shapeSize: 10_000 });
