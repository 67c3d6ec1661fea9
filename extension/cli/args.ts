/**
 * A small, strict argument parser for the CLI: known flags only, so a typo is a usage error
 * (exit 2) rather than something silently ignored.
 */
export class UsageError extends Error {}

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
