/** What a CLI command may touch besides its arguments, injected so tests can capture it. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** The folder holding cli.js and catalog.json. */
  readonly distDir: string;
}
