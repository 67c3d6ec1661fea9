/**
 * Puts type declarations next to the user's labs so completion and hover work in exercise files
 * and in notebook cells: `<labs folder>/node_modules/` holds a types-only `ddia-labs` package
 * (the SDK's .d.ts), `@types/node` and `undici-types`, built into dist/types/. A node_modules
 * folder is what the TypeScript server resolves from for every file below it, including
 * notebook cells, which get no tsconfig of their own. A `tsconfig.json` sets strict options for
 * exercise files. Types are refreshed when the extension's version changes; an existing
 * tsconfig.json is the user's and is never overwritten.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { linkEscape } from './labsFolder';

export const TYPES_FOLDER = 'node_modules';

export const LABS_TSCONFIG = `// Written by DDIA Labs so that completion, hover and type checking work in lab files.
// It is yours now: DDIA Labs never overwrites it.
{
  "compilerOptions": {
    "target": "ES2022",
    "module": "commonjs",
    "moduleResolution": "node10",
    "strict": true,
    "noEmit": true,
    "skipLibCheck": true,
    "types": ["node"]
  },
  "include": ["**/*.ts"]
}
`;

/**
 * Returns what it wrote, relative to `labsRoot`. With `workspaceDir`, refuses (throws) to write
 * or replace anything whose real path is outside it (a node_modules that is a symbolic link).
 */
export function installLabTypes(distTypesDir: string, labsRoot: string, version: string, workspaceDir?: string): string[] {
  const written: string[] = [];
  if (!fs.existsSync(distTypesDir)) return written;
  const check = (target: string): void => {
    const escape = workspaceDir === undefined ? undefined : linkEscape(workspaceDir, target);
    if (escape) throw new Error(`not writing type declarations into ${target}: ${escape}`);
  };
  written.push(...installTypesPackages(distTypesDir, path.join(labsRoot, TYPES_FOLDER), version, check));
  // Notebook cells get an inferred project rooted at the workspace folder, so they resolve
  // modules from the folder above the labs. Only a folder that is not a JavaScript project of
  // its own (no package.json) gets the types there; we never touch a project's node_modules.
  const workspaceRoot = path.dirname(labsRoot);
  if (!fs.existsSync(path.join(workspaceRoot, 'package.json'))) {
    written.push(...installTypesPackages(distTypesDir, path.join(workspaceRoot, TYPES_FOLDER), version, check).map((f) => `../${f}`));
  }
  const tsconfig = path.join(labsRoot, 'tsconfig.json');
  if (!fs.existsSync(tsconfig)) {
    check(tsconfig);
    fs.writeFileSync(tsconfig, LABS_TSCONFIG);
    written.push('tsconfig.json');
  }
  return written;
}

function installTypesPackages(distTypesDir: string, target: string, version: string, check: (p: string) => void): string[] {
  const written: string[] = [];
  const stamp = path.join(target, '.ddia-labs-types-version');
  for (const p of [stamp, '.gitignore', 'ddia-labs', '@types', '@types/node', 'undici-types']) check(path.resolve(target, p));
  const current = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8') : '';
  if (current !== version) {
    for (const pkg of ['ddia-labs', '@types/node', 'undici-types']) fs.rmSync(path.join(target, pkg), { recursive: true, force: true });
    fs.mkdirSync(path.join(target, '@types'), { recursive: true });
    fs.cpSync(path.join(distTypesDir, 'ddia-labs'), path.join(target, 'ddia-labs'), { recursive: true });
    fs.writeFileSync(
      path.join(target, 'ddia-labs', 'package.json'),
      JSON.stringify(
        {
          name: 'ddia-labs',
          version,
          private: true,
          description: 'Type declarations of the DDIA Labs SDK, written by the extension.',
          types: 'sdk/index.d.ts',
        },
        null,
        2,
      ),
    );
    fs.cpSync(path.join(distTypesDir, 'node'), path.join(target, '@types', 'node'), { recursive: true });
    fs.cpSync(path.join(distTypesDir, 'undici-types'), path.join(target, 'undici-types'), { recursive: true });
    fs.writeFileSync(stamp, version);
    fs.writeFileSync(path.join(target, '.gitignore'), '# Written by DDIA Labs (type declarations for your editor).\n*\n');
    written.push(`${TYPES_FOLDER}/`);
  }
  return written;
}
