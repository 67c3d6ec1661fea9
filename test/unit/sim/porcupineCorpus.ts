/**
 * Parsers for porcupine's test data (in ../shared/corpus/porcupine), following the parse rules in
 * the corpus README, which mirror porcupine_test.go: Jepsen etcd logs (fields separated by tabs or, in some files, spaces; calls and returns matched
 * per process; `:info` lines are ignored and their calls get an unknown return appended at the
 * end) and EDN-ish kv logs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Operation } from '../../../extension/sim/checkers/linearizability';
import { type EtcdInput, type EtcdOutput, type KvInput, type KvOutput } from '../../../extension/sim/checkers/models';

export const CORPUS = path.resolve(process.env['DDIA_REPO_ROOT'] ?? path.resolve(__dirname, '../../..'), '../shared/corpus');

export function parseEtcdLog(text: string): Operation<EtcdInput, EtcdOutput>[] {
  const line = /^INFO\s+jepsen\.util\s+-\s+(\d+)\s+:(invoke|ok|fail|info)\s+:(read|write|cas)\s+(.*)$/;
  const open = new Map<number, { input: EtcdInput; call: number }>();
  const ops: Operation<EtcdInput, EtcdOutput>[] = [];
  let t = 0;
  for (const raw of text.split('\n')) {
    const m = line.exec(raw.trim());
    if (m === null) continue;
    const [, procS, type, f, arg] = m as unknown as [string, string, string, string, string];
    const process = Number(procS);
    if (type === 'invoke') {
      let input: EtcdInput;
      if (f === 'read') input = { f: 'read' };
      else if (f === 'write') input = { f: 'write', value: Number(arg) };
      else {
        const [from, to] = arg.replace(/[[\]]/g, '').split(' ').map(Number);
        input = { f: 'cas', from: from ?? 0, to: to ?? 0 };
      }
      open.set(process, { input, call: t++ });
      continue;
    }
    if (type === 'info') continue;
    const c = open.get(process);
    if (c === undefined) throw new Error(`return without call: ${raw}`);
    open.delete(process);
    let output: EtcdOutput;
    if (type === 'fail' && f === 'read') output = { unknown: true };
    else if (f === 'read') output = arg === 'nil' ? { exists: false, value: null } : { exists: true, value: Number(arg) };
    else if (f === 'cas') output = { ok: type === 'ok' };
    else output = {};
    ops.push({ process, input: c.input, call: c.call, output, return: t++ });
  }
  // Timed-out (:info) calls may take effect at any time after they were called.
  for (const [process, c] of [...open.entries()].sort((a, b) => a[1].call - b[1].call)) {
    ops.push({ process, input: c.input, call: c.call, output: { unknown: true }, return: t++ });
  }
  return ops;
}

export function parseKvLog(text: string): Operation<KvInput, KvOutput>[] {
  const line = /\{:process (\d+), :type :(invoke|ok), :f :(get|put|append), :key "(.*?)", :value (nil|"(.*?)")\}/;
  const open = new Map<number, { input: KvInput; call: number }>();
  const ops: Operation<KvInput, KvOutput>[] = [];
  let t = 0;
  for (const raw of text.split('\n')) {
    const m = line.exec(raw);
    if (m === null) continue;
    const process = Number(m[1]);
    const f = m[3] as KvInput['op'];
    const value = m[6] ?? '';
    if (m[2] === 'invoke') {
      open.set(process, { input: { op: f, key: m[4] ?? '', value }, call: t++ });
    } else {
      const c = open.get(process);
      if (c === undefined) throw new Error(`return without call: ${raw}`);
      open.delete(process);
      ops.push({ process, input: c.input, call: c.call, output: { value }, return: t++ });
    }
  }
  return ops;
}

export function readCorpus(rel: string): string {
  return fs.readFileSync(path.join(CORPUS, 'porcupine', rel), 'utf8');
}

export interface Expected {
  etcd: { file: string; linearizable: boolean; ops: number }[];
  kv: { file: string; linearizable: boolean; partitioned_model: boolean; skipped_in_short_mode: boolean }[];
}

export function readExpected(): Expected {
  return JSON.parse(fs.readFileSync(path.join(CORPUS, 'porcupine-derived', 'expected.json'), 'utf8')) as Expected;
}
