/** Runs the CLI in-process and captures its exit code and both streams, for CLI tests. */
import { runCli } from '../../../extension/cli/main';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** `distDir` is read at each call: tests set it in a `before` hook. */
export async function runCliCaptured(argv: readonly string[], distDir: string): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await runCli([...argv], { out: (l) => (out += `${l}\n`), err: (l) => (err += `${l}\n`), distDir });
  return { code, out, err };
}
