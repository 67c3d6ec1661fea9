/**
 * The result channel's framing and signatures (extension/grading/resultChannel.ts): what the
 * harness signs verifies; anything else, from a wrong key, a changed byte, a dropped, reordered
 * or replayed record to a forged frame, is reported as a problem, and records after it are not
 * trusted. A last line cut short by a kill is dropped without blame.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { RunEvent } from '../../../extension/grading/core/runEvents';
import { ChannelReader, newChannelKey, signRecord, verifyChannel } from '../../../extension/grading/resultChannel';

const events: RunEvent[] = [
  { type: 'ready' },
  { type: 'test:start', name: 'a' },
  { type: 'test:fail', name: 'a', durationMs: 2, diagnostics: ['seed=4'], error: { name: 'AssertionError', message: '1 !== 2' } },
  { type: 'end' },
];

describe('result channel', () => {
  const key = newChannelKey();
  const lines = events.map((e, i) => signRecord(key, i, e));

  test('signed records verify, in order, unchanged', () => {
    const r = verifyChannel(lines.join(''), key);
    assert.equal(r.problem, undefined);
    assert.deepEqual(r.events, events);
  });

  test('another key does not verify', () => {
    const r = verifyChannel(lines.join(''), newChannelKey());
    assert.match(r.problem ?? '', /record 1 .* does not carry the grader's signature/);
    assert.equal(r.events.length, 0);
  });

  test('a changed byte, a forged frame, a dropped, reordered or replayed record are each a problem', () => {
    const flipped = (lines[2] as string).replace('test:fail', 'test:pass');
    const cases: [string, RegExp][] = [
      [[lines[0], lines[1], flipped, lines[3]].join(''), /record 3 .* signature/],
      [[lines[0], `1 ${'0'.repeat(64)} {"type":"end"}\n`].join(''), /record 2 .* signature/],
      [[lines[0], 'not a record\n'].join(''), /record 2 .* not framed/],
      [[lines[0], lines[2], lines[3]].join(''), /record 2 .* out of sequence/],
      [[lines[0], lines[1], lines[1]].join(''), /record 3 .* out of sequence/],
    ];
    for (const [text, problem] of cases) {
      const r = verifyChannel(text, key);
      assert.match(r.problem ?? '', problem, text);
    }
  });

  test('a last line cut short by a kill is dropped, not held against the run', () => {
    const cut = lines.slice(0, 2).join('') + (lines[2] as string).slice(0, 30);
    const r = verifyChannel(cut, key);
    assert.equal(r.problem, undefined);
    assert.equal(r.events.length, 2);
  });

  test('read in small chunks, as it arrives, each record verifies once and in order; after a bad one nothing is trusted', () => {
    const text = lines.join('');
    const reader = new ChannelReader(key);
    const seen: RunEvent[] = [];
    for (let i = 0; i < text.length; i += 7) seen.push(...reader.push(text.slice(i, i + 7)));
    assert.deepEqual(seen, events);
    assert.deepEqual(reader.result(), { events });
    const bad = new ChannelReader(key);
    assert.deepEqual(bad.push(`${lines[0]}0 ${'0'.repeat(64)} {"type":"end"}\n`), [events[0]]);
    assert.deepEqual(bad.push(lines[1] as string), []);
    assert.match(bad.result().problem ?? '', /record 2 .* out of sequence/);
  });
});
