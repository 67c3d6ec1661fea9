/**
 * Puts type declarations next to the user's labs so completion and hover work in exercise files:
 * `<labs folder>/.types/` (the SDK's .d.ts and Node's, built into dist/types/) and a
 * `tsconfig.json` mapping 'ddia-labs' to them. The types are refreshed when the extension's
 * version changes; an existing tsconfig.json is the user's and is never overwritten.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const TYPES_FOLDER = '.types';

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
    "typeRoots": ["./${TYPES_FOLDER}"],
    "types": ["node"],
    "baseUrl": ".",
    "paths": {
      "ddia-labs": ["./${TYPES_FOLDER}/ddia-labs/sdk/index.d.ts"],
      "undici-types": ["./${TYPES_FOLDER}/undici-types/index.d.ts"]
    }
  },
  "include": ["**/*.ts"]
}
`;

/** Returns what it wrote, relative to `labsRoot`. */
export function installLabTypes(distTypesDir: string, labsRoot: string, version: string): string[] {
  const written: string[] = [];
  if (!fs.existsSync(distTypesDir)) return written;
  const target = path.join(labsRoot, TYPES_FOLDER);
  const stamp = path.join(target, '.version');
  const current = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8') : '';
  if (current !== version) {
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    fs.cpSync(distTypesDir, target, { recursive: true });
    fs.writeFileSync(stamp, version);
    written.push(`${TYPES_FOLDER}/`);
  }
  const tsconfig = path.join(labsRoot, 'tsconfig.json');
  if (!fs.existsSync(tsconfig)) {
    fs.writeFileSync(tsconfig, LABS_TSCONFIG);
    written.push('tsconfig.json');
  }
  return written;
}
