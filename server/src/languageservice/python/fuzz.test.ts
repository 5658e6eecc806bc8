import { describeFuzz } from '../../testing/fuzz/run';
import { PYTHON_TARGET } from '../../testing/fuzz/targets';

describeFuzz(PYTHON_TARGET, { seed: 0x9e7, runs: 1500, shapeSize: 10_000 });
