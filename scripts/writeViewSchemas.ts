/**
 * `npm run schemas`: writes extension/views/<view>/<name>.schema.json from each output's one
 * declaration (extension/views/outputContracts.ts). test/unit/views/viewSchemas.test.ts fails
 * when a written file differs from what this would write, so a schema cannot go stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { schemaFiles } from './viewSchemaFiles';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const { file, text } of await schemaFiles()) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (current === text) continue;
    if (check) {
      console.error(`stale: ${path.relative(process.cwd(), file)} (run npm run schemas)`);
      stale++;
    } else {
      fs.writeFileSync(file, text);
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  }
  if (stale > 0) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
