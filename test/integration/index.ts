/**
 * Entry point that VS Code loads as `extensionTestsPath`: runs every integration suite with mocha
 * inside the real extension host. The launcher relays the extension host's console.
 */
import Mocha from 'mocha';
import * as path from 'node:path';
import * as fs from 'node:fs';

export async function run(): Promise<void> {
  const grep = process.env['DDIA_TEST_GREP'];
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  const dir = __dirname;
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith('.suite.js')) mocha.addFile(path.join(dir, file));
  }
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
