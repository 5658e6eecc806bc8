import { describeFuzz } from '../../../testing/fuzz/run';
import { HAPROXY_TARGET } from '../../../testing/fuzz/targets';

describeFuzz(HAPROXY_TARGET, { seed: 0x4a9f, runs: 1500, shapeSize: 10_000 });
