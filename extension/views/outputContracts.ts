/**
 * Every rich output kind, by MIME type: what the schema files are written from
 * (scripts/writeViewSchemas.ts) and what the CLI and tests look contracts up in.
 */
import { chartOutput } from './chart/chartOutput';
import { claimOutput } from './claim/claimOutput';
import type { OutputContract } from './contract/outputContract';
import { flameOutput } from './flame/flameOutput';
import { mermaidOutput } from './mermaid/mermaidOutput';
import { benchOutput, compareOutput, useDashboardOutput } from './perf/perfOutputs';
import { bTreeOutput, compactionOutput, lsmLevelsOutput } from './storage/storageOutputs';
import { tableOutput } from './table/tableOutput';
import { timelineOutput } from './timeline/timelineOutput';

export const OUTPUT_CONTRACTS: readonly OutputContract<unknown>[] = [
  chartOutput,
  tableOutput,
  mermaidOutput,
  claimOutput,
  timelineOutput,
  flameOutput,
  useDashboardOutput,
  benchOutput,
  compareOutput,
  lsmLevelsOutput,
  compactionOutput,
  bTreeOutput,
];

/** Where a contract's schema file lives: next to its declaration, in its view's folder. */
export const SCHEMA_FOLDER: Readonly<Record<string, string>> = {
  chart: 'chart',
  table: 'table',
  mermaid: 'mermaid',
  claim: 'claim',
  timeline: 'timeline',
  flamegraph: 'flame',
  'perf-use': 'perf',
  'perf-bench': 'perf',
  'perf-compare': 'perf',
  'lsm-levels': 'storage',
  'lsm-compaction': 'storage',
  btree: 'storage',
};

export function contractFor(mime: string): OutputContract<unknown> | undefined {
  return OUTPUT_CONTRACTS.find((c) => c.mime === mime);
}
