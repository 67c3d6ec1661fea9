/** Child-process half of the determinism test: prints the trace hash of one scenario run. */
import { runScenario } from '../../../extension/sim/scenarios/registry';

const [name = '', seed = '0'] = process.argv.slice(2);
process.stdout.write(runScenario(name, Number(seed)).hash);
