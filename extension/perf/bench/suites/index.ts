/** The registry of `ddia-labs bench` suites. To add one: write suites/<id>.ts and list it here. */
import { lookupSuite } from './lookup';
import { serializeSuite } from './serialize';
import { type BenchSuite } from './suite';

export const BENCH_SUITES: readonly BenchSuite[] = [lookupSuite, serializeSuite];

export function findSuite(id: string): BenchSuite | undefined {
  return BENCH_SUITES.find((s) => s.id === id);
}
