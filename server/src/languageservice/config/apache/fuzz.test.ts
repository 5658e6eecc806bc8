import { describeFuzz } from '../../../testing/fuzz/run';
import { APACHE_TARGET } from '../../../testing/fuzz/targets';

describeFuzz(APACHE_TARGET, { seed: 0xa9ac, runs: 1500, shapeSize: 10_000 });
