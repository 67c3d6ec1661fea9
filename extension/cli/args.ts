/**
 * A small, strict argument parser for the CLI: known flags only, so a typo is a usage error
 * (exit 2) rather than something silently ignored.
 */
import { TIME_LIMIT_SECONDS, type NumberBounds } from '../util/limits';

export class UsageError extends Error {}

/**
 * The arguments were fine but an input they name is not (a malformed lab file, a labs folder
 * outside the workspace): exit 2 like a usage error, but without the usage line.
 */
export class InputError extends Error {}

/** Seconds a `--timeout` may be: the bounds of the time-limit settings (util/limits.ts). */
export const TIMEOUT_SECONDS: NumberBounds = TIME_LIMIT_SECONDS;

/**
 * A numeric option within bounds, or its default when absent. NaN, Infinity, values outside
 * [min, max] and (for integers) fractions are usage errors naming the option and the range,
 * e.g. "'--timeout' needs a positive number of seconds from 1 to 3600, not '3000000'".
 */
export function numberFlag(
  flags: ParsedArgs['flags'],
  name: string,
  fallback: number,
  bounds: NumberBounds,
  what = bounds.integer ? 'an integer' : 'a number',
): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(value) || value < bounds.min || value > bounds.max || (bounds.integer && !Number.isInteger(value)))
    throw new UsageError(`'--${name}' needs ${what} from ${bounds.min} to ${bounds.max}, not '${String(raw)}'`);
  return value;
}

export interface FlagSpec {
  readonly [name: string]: 'boolean' | 'string';
}

export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Record<string, string | boolean>;
}

export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      const kind = spec[name];
      if (!kind) throw new UsageError(`unknown option '--${name}'`);
      if (kind === 'boolean') {
        if (eq !== -1) throw new UsageError(`option '--${name}' takes no value`);
        flags[name] = true;
      } else {
        const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
        if (value === undefined || value === '') throw new UsageError(`option '--${name}' needs a value`);
        flags[name] = value;
      }
    } else if (arg.startsWith('-') && arg !== '-') {
      if (arg === '-h' && spec['help']) flags['help'] = true;
      else throw new UsageError(`unknown option '${arg}'`);
    } else positionals.push(arg);
  }
  return { positionals, flags };
}
