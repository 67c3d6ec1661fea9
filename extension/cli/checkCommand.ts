/**
 * `ddia-labs check <history> [--model M] [--init VALUE] [--format F] [--timeout S] [--json]`:
 * checks a history for linearizability (extension/sim/checkers) and explains a violation: the
 * key, the longest linearizable prefix found, the operation that cannot be placed next and the
 * model's state there. Exit 0 linearizable, 1 not linearizable, 2 unknown (the time limit ran
 * out first; also bad arguments), 3 the history cannot be read.
 */
import * as fs from 'node:fs';
import { readEdnAll, EdnError, type Edn } from '../sim/checkers/edn';
import { detectFormat, HISTORY_FORMATS, parseHistory, type HistoryFormat, type ParsedHistory } from '../sim/checkers/historyFormats';
import {
  HistoryError,
  jepsenModel,
  MODEL_NAMES,
  type JepsenInput,
  type JepsenOperation,
  type JepsenOutput,
  type ModelName,
} from '../sim/checkers/jepsenModels';
import { checkLinearizable, describeOperation, type LinearizabilityResult, type Model } from '../sim/checkers/linearizability';
import { numberFlag, parseArgs, TIMEOUT_SECONDS, UsageError } from './args';
import type { CliIo } from './io';

export const CHECK_USAGE = `usage: ddia-labs check <history> [--model ${MODEL_NAMES.join('|')}] [--init VALUE] [--format auto|${HISTORY_FORMATS.join('|')}] [--timeout S] [--json]`;
export const CHECK_HELP = `${CHECK_USAGE}

Checks whether a history of concurrent operations is linearizable (Wing–Gong–Lowe search with
porcupine's memoization, per key where the model allows) and, when it is not, explains why: the
key, the longest linearizable prefix found, the operation that cannot be placed next (with its
process and call/return times) and the model's state after the prefix.

History formats (--format, default auto: by content):
  edn             Jepsen/Knossos: {:process 0, :type :invoke, :f :cas, :value [1 2]} per line
                  or in one vector; :ok completes, :fail did not happen (dropped), :info is
                  pending (may take effect any time after its call, or never)
  porcupine-etcd  porcupine's Jepsen etcd logs (INFO  jepsen.util - 3 :ok :read 2)
  porcupine-kv    porcupine's kv logs ({:process 0, :type :invoke, :f :get, :key "6", :value nil})
  json            {"operations": [{"process": 0, "f": "write", "value": 1, "call": 0, "return": 3}]}
                  (return null: pending), or Jepsen events as JSON objects with a "type"

Models (--model, default: what the history's operations imply):
  register        read/write
  cas-register    read/write/cas [from to] (Knossos cas-register; porcupine's etcd model)
  kv              get/put/append per :key (porcupine's kv model); a missing key is ""
  multi-register  :txn of [:read k v] / [:write k v]
  mutex           acquire/release
--init VALUE      the initial value as EDN (default nil): e.g. 0, "a", {:x 1} for multi-register,
                  true for a mutex that starts held

Times are event positions in the file (EDN, porcupine logs) or the JSON's own call/return.

Exit status: 0 linearizable, 1 not linearizable, 2 unknown (--timeout reached; also bad
arguments), 3 the history cannot be read.

options:
  --timeout S     give up after S seconds with "unknown" (default 60)
  --json          print the verdict and explanation as JSON
  --help          show this help`;

const DEFAULT_TIMEOUT_S = 60;

function readInit(raw: string | undefined): Edn {
  if (raw === undefined) return null;
  try {
    const forms = readEdnAll(raw);
    if (forms.length !== 1) throw new UsageError(`'--init' needs one EDN value, not '${raw}'`);
    return forms[0] as Edn;
  } catch (e) {
    if (e instanceof EdnError) throw new UsageError(`'--init' is not an EDN value: ${e.message}`);
    throw e;
  }
}

function time(t: number): string {
  return Number.isFinite(t) ? String(t) : '∞ (pending)';
}

interface OpJson {
  process: number;
  call: number;
  return: number | null;
  op: string;
}

export async function checkCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { positionals, flags } = parseArgs(argv, {
    model: 'string',
    init: 'string',
    format: 'string',
    timeout: 'string',
    json: 'boolean',
    help: 'boolean',
  });
  if (flags['help']) {
    io.out(CHECK_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? 'name a history file' : `one history file, not ${positionals.length}`);
  const modelFlag = flags['model'];
  if (modelFlag !== undefined && !MODEL_NAMES.includes(modelFlag as ModelName))
    throw new UsageError(`'--model' is one of ${MODEL_NAMES.join(', ')}, not '${String(modelFlag)}'`);
  const formatFlag = (flags['format'] as string | undefined) ?? 'auto';
  if (formatFlag !== 'auto' && !HISTORY_FORMATS.includes(formatFlag as HistoryFormat))
    throw new UsageError(`'--format' is one of auto, ${HISTORY_FORMATS.join(', ')}, not '${formatFlag}'`);
  const init = readInit(flags['init'] as string | undefined);
  const timeoutS = numberFlag(flags, 'timeout', DEFAULT_TIMEOUT_S, TIMEOUT_SECONDS, 'a positive number of seconds');
  const file = positionals[0] as string;

  let history: ParsedHistory;
  let model: Model<unknown, JepsenInput, JepsenOutput>;
  let modelName: ModelName;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new HistoryError(st.isDirectory() ? 'it is a directory' : 'it is not a regular file');
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    history = parseHistory(text, formatFlag === 'auto' ? detectFormat(text) : (formatFlag as HistoryFormat));
    modelName = (modelFlag as ModelName | undefined) ?? history.model;
    model = jepsenModel(modelName, init);
    // The model's partition checks every operation's shape before any search starts.
    model.partition?.(history.operations);
  } catch (err) {
    if (!(err instanceof HistoryError) && !(err as NodeJS.ErrnoException).code) throw err;
    io.err(`ddia-labs check: cannot read ${file}: ${(err as Error).message}`);
    return 3;
  }

  const started = Date.now();
  const r = checkLinearizable(model, history.operations, { deadline: started + timeoutS * 1000, now: Date.now });
  const seconds = (Date.now() - started) / 1000;
  const verdict = r.result === 'ok' ? 'linearizable' : r.result === 'illegal' ? 'not linearizable' : 'unknown';
  const opJson = (op: JepsenOperation): OpJson => ({
    process: op.process,
    call: op.call,
    return: Number.isFinite(op.return) ? op.return : null,
    op: describeOperation(model, op),
  });
  if (flags['json']) {
    io.out(
      JSON.stringify(
        {
          file,
          format: history.format,
          model: modelName,
          operations: history.operations.length,
          failedDropped: history.failed,
          verdict,
          steps: r.steps,
          partitions: r.partitions,
          seconds,
          ...(r.violation
            ? {
                violation: {
                  key: r.violation.key,
                  linearized: r.violation.linearized.map(opJson),
                  blocked: opJson(r.violation.blocked),
                  state: r.violation.stateText,
                  blockedIllegalInState: r.violation.blockedIllegalHere,
                },
              }
            : {}),
          ...(r.gaveUp ? { gaveUp: r.gaveUp } : {}),
        },
        null,
        2,
      ),
    );
  } else printText(io, file, history, modelName, model, r, verdict, seconds);
  return r.result === 'ok' ? 0 : r.result === 'illegal' ? 1 : 2;
}

function printText(
  io: CliIo,
  file: string,
  history: ParsedHistory,
  modelName: ModelName,
  model: Model<unknown, JepsenInput, JepsenOutput>,
  r: LinearizabilityResult<unknown, JepsenInput, JepsenOutput>,
  verdict: string,
  seconds: number,
): void {
  const dropped = history.failed > 0 ? `, ${history.failed} failed dropped` : '';
  io.out(`${file}: ${history.operations.length} operations${dropped} (${history.format}), model ${modelName}`);
  io.out(
    `verdict: ${verdict.toUpperCase()}  (${r.steps} search steps, ${r.partitions} partition${r.partitions === 1 ? '' : 's'}, ${seconds.toFixed(3)} s)`,
  );
  if (r.gaveUp) {
    io.out(
      `gave up: the ${r.gaveUp.reason === 'time' ? 'time limit' : 'step budget'} ran out before partition(s) ${r.gaveUp.undecided.map((k) => JSON.stringify(k)).join(', ')} were decided`,
    );
    return;
  }
  const v = r.violation;
  if (!v) return;
  const line = (op: JepsenOperation): string =>
    `process ${op.process}, call ${time(op.call)}, return ${time(op.return)}: ${describeOperation(model, op)}`;
  if (v.key !== '') io.out(`key: ${v.key}`);
  io.out(`longest linearizable prefix found (${v.linearized.length} operation${v.linearized.length === 1 ? '' : 's'}, in order):`);
  v.linearized.forEach((op, i) => io.out(`  ${String(i + 1).padStart(3)}. ${line(op)}`));
  io.out(`state after the prefix: ${v.stateText}`);
  io.out(`cannot be placed next: ${line(v.blocked)}`);
  io.out(
    v.blockedIllegalHere
      ? '  (it is illegal in that state, and no other order of the open operations gets further)'
      : '  (it is legal in that state, but every order from there dead-ends; this is the deepest point the search reached)',
  );
}
