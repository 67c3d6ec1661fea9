/**
 * Entry point that VS Code loads as `extensionTestsPath`: runs every integration suite with mocha
 * inside the real extension host. The launcher relays the extension host's console.
 */
import Mocha from 'mocha';
import * as path from 'node:path';
import * as fs from 'node:fs';

export async function run(): Promise<void> {
  // Suites tagged @restricted run only in the untrusted-workspace pass, and only they do.
  const restricted = process.env['DDIA_TEST_WORKSPACE_TRUST'] === '1';
  const grep = process.env['DDIA_TEST_GREP'];
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (grep) mocha.grep(grep);
  else if (restricted) mocha.grep('@restricted');
  else mocha.grep('@restricted').invert();
  const dir = __dirname;
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith('.suite.js')) mocha.addFile(path.join(dir, file));
  }
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
