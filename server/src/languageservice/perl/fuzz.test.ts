import { describeFuzz } from '../../testing/fuzz/run';
import { PERL_TARGET } from '../../testing/fuzz/targets';

describeFuzz(PERL_TARGET, { seed: 0x9e71, runs: 1500, shapeSize: 10_000 });
