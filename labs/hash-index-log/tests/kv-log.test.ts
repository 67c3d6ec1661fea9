/**
 * Built-in tests for exercise "kv-log". They import the learner's file through the
 * DDIA_EXERCISE_DIR folder (the grader sets it to the user's lab folder, the self-checks to the
 * reference or the starter), so the tests themselves never live in the user's workspace.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

interface KvLogApi {
  put(key: string, value: string): void;
  get(key: string): string | undefined;
  readonly size: number;
}
interface KvLogClass {
  open(file: string): KvLogApi;
}

const exerciseDir = process.env['DDIA_EXERCISE_DIR'];
if (!exerciseDir) throw new Error('DDIA_EXERCISE_DIR must name the folder holding kv-log.ts');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KvLog } = require(path.join(exerciseDir, 'kv-log.ts')) as { KvLog: KvLogClass };

function scratchFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kv-log-test-')), 'data.log');
}

test('put then get returns the value', () => {
  const db = KvLog.open(scratchFile());
  db.put('cat', 'meow');
  assert.equal(db.get('cat'), 'meow');
});

test('a later put wins', () => {
  const db = KvLog.open(scratchFile());
  db.put('cat', 'meow');
  db.put('dog', 'woof');
  db.put('cat', 'purr');
  assert.equal(db.get('cat'), 'purr');
  assert.equal(db.get('dog'), 'woof');
  assert.equal(db.size, 2);
});

test('get of an unknown key is undefined', () => {
  const db = KvLog.open(scratchFile());
  db.put('cat', 'meow');
  assert.equal(db.get('cow'), undefined);
});

test('records use the documented byte layout', () => {
  const file = scratchFile();
  const db = KvLog.open(file);
  db.put('k', 'välue');
  const value = Buffer.from('välue', 'utf8');
  const expected = Buffer.concat([Buffer.from([1, 0, 0, 0, value.length, 0, 0, 0]), Buffer.from('k'), value]);
  assert.equal(fs.readFileSync(file).toString('hex'), expected.toString('hex'));
});

test('open recovers every key from the file', () => {
  const file = scratchFile();
  const first = KvLog.open(file);
  for (let i = 0; i < 100; i++) first.put(`key-${i % 10}`, `value-${i}`);
  const reopened = KvLog.open(file);
  assert.equal(reopened.size, 10);
  for (let k = 0; k < 10; k++) assert.equal(reopened.get(`key-${k}`), `value-${90 + k}`);
});
