/** The schema files the output contracts imply: path and exact text (formatted as prettier formats the repo's JSON). */
import * as path from 'node:path';
import * as prettier from 'prettier';
import { OUTPUT_CONTRACTS, SCHEMA_FOLDER } from '../extension/views/outputContracts';

const viewsDir = path.resolve(__dirname, '../extension/views');

export async function schemaFiles(): Promise<{ file: string; text: string }[]> {
  return Promise.all(
    OUTPUT_CONTRACTS.map(async (c) => {
      const folder = SCHEMA_FOLDER[c.schemaName];
      if (!folder) throw new Error(`no folder for the ${c.schemaName} schema in SCHEMA_FOLDER`);
      const file = path.join(viewsDir, folder, `${c.schemaName}.schema.json`);
      const options = (await prettier.resolveConfig(file)) ?? {};
      return { file, text: await prettier.format(JSON.stringify(c.jsonSchema()), { ...options, filepath: file }) };
    }),
  );
}
