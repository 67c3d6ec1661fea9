/** `ddia-labs labs [--json]`: lists the catalog. */
import { parseArgs, UsageError } from './args';
import { locateInstallation } from './catalogFiles';
import type { CliIo } from './io';

export const LABS_USAGE = 'usage: ddia-labs labs [--json]';
export const LABS_HELP = `${LABS_USAGE}

Lists every lab: id, title, book, chapter and exercises.

options:
  --json   print the catalog as JSON (an array of labs)
  --help   show this help`;

export async function labsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(argv, { json: 'boolean', help: 'boolean' });
  if (flags['help']) {
    io.out(LABS_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const { catalog } = locateInstallation(io.distDir);
  if (flags['json']) {
    const labs = catalog.labs.map((l) => ({
      id: l.id,
      title: l.title,
      book: l.book,
      chapter: l.chapter,
      chapterTitle: l.chapterTitle,
      summary: l.summary,
      exercises: l.exercises.map((e) => ({ id: e.id, title: e.title })),
    }));
    io.out(JSON.stringify(labs, null, 2));
    return 0;
  }
  let heading = '';
  for (const lab of catalog.labs) {
    const h = `${lab.book} — chapter ${lab.chapter}: ${lab.chapterTitle}`;
    if (h !== heading) {
      io.out(`${heading ? '\n' : ''}${h}`);
      heading = h;
    }
    const ex = lab.exercises.length;
    io.out(`  ${lab.id.padEnd(28)} ${lab.title}${ex ? ` (${ex} exercise${ex === 1 ? '' : 's'})` : ''}`);
  }
  return 0;
}
