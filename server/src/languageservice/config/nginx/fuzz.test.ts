import { describeFuzz } from '../../../testing/fuzz/run';
import { NGINX_TARGET } from '../../../testing/fuzz/targets';

describeFuzz(NGINX_TARGET, { seed: 0x6e67, runs: 1500, shapeSize: 10_000 });
