/**
 * The private result channel between a grading child process and the grader.
 *
 * Why it exists: the learner's code runs in the same process as the built-in tests, so anything
 * that travels on stdout (or any stream the learner can write or wrap) can be forged. Instead:
 *
 *   - the grader makes a fresh 256-bit key per process and writes it to the child's stdin, which
 *     the harness reads (and the grader then closes) before any learner code loads; the key is
 *     never in the environment, the command line or a file;
 *   - the harness writes records to file descriptor 3, a pipe of its own, each line
 *
 *       <seq> <hex HMAC-SHA256(key, "<seq> <json>")> <json of RunEvent>\n
 *
 *     with `seq` counting 0, 1, 2… so a record cannot be dropped, reordered or replayed;
 *   - the grader verifies every line and computes the verdict itself. A line that fails the check
 *     voids the whole run (the learner's code wrote to the channel).
 *
 * The learner's code can find fd 3 and write to it, but without the key it cannot produce a line
 * that verifies. The functions the harness signs with are captured when this module loads, which
 * is before any learner module runs, so replacing `crypto.createHmac` later changes nothing.
 */
import * as crypto from 'node:crypto';
import { isRunEvent, type RunEvent } from './core/runEvents';

const createHmac = crypto.createHmac;
const timingSafeEqual = crypto.timingSafeEqual;
const stringify = JSON.stringify;
const parseJson = JSON.parse;

/** The file descriptor of the channel in the child (stdio index 3). */
export const CHANNEL_FD = 3;
export const KEY_BYTES = 32;

const LINE = /^(\d{1,9}) ([0-9a-f]{64}) (.*)$/;

function mac(key: crypto.KeyObject | Buffer, seq: number, json: string): string {
  return createHmac('sha256', key).update(`${seq} ${json}`).digest('hex');
}

/** One framed, signed record, newline included. */
export function signRecord(key: crypto.KeyObject | Buffer, seq: number, event: RunEvent): string {
  const json = stringify(event);
  return `${seq} ${mac(key, seq, json)} ${json}\n`;
}

export interface VerifiedChannel {
  /** The records that verified, in order, up to the first one that did not. */
  readonly events: readonly RunEvent[];
  /** Why the channel cannot be trusted, when a complete line failed the check. */
  readonly problem?: string;
}

/**
 * Checks every complete line of what the child wrote on the channel. A last line without its
 * newline is a record cut short by a kill: it is dropped, not held against the run.
 */
export function verifyChannel(text: string, key: Buffer): VerifiedChannel {
  const reader = new ChannelReader(key);
  reader.push(text);
  return reader.result();
}

/**
 * Verifies the channel as it arrives, each line once: the grader reads it chunk by chunk (to
 * start the time limit at `ready` and stop waiting at `end`) and keeps what verified for the
 * verdict. After the first line that fails, nothing more is trusted.
 */
export class ChannelReader {
  private readonly events: RunEvent[] = [];
  private problem: string | undefined;
  private partial = '';

  constructor(private readonly key: Buffer) {}

  /** Adds received text; returns the events that verified in it. */
  push(text: string): readonly RunEvent[] {
    if (this.problem !== undefined) return [];
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() as string;
    const added: RunEvent[] = [];
    for (const line of lines) {
      const event = this.verifyLine(line, this.events.length);
      if (event === undefined) break;
      this.events.push(event);
      added.push(event);
    }
    return added;
  }

  result(): VerifiedChannel {
    return { events: this.events, ...(this.problem !== undefined ? { problem: this.problem } : {}) };
  }

  private verifyLine(line: string, i: number): RunEvent | undefined {
    const where = `record ${i + 1} on the result channel`;
    const fail = (why: string): undefined => {
      this.problem = `${where} ${why}`;
      return undefined;
    };
    const m = LINE.exec(line);
    if (!m) return fail('is not framed as the harness frames records');
    const seq = Number(m[1]);
    if (seq !== i) return fail(`is out of sequence (number ${seq}, expected ${i})`);
    const expected = Buffer.from(mac(this.key, seq, m[3] as string), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(m[2] as string, 'hex'))) return fail("does not carry the grader's signature");
    let event: unknown;
    try {
      event = parseJson(m[3] as string);
    } catch {
      return fail('is signed but not valid JSON');
    }
    if (!isRunEvent(event)) return fail('is signed but is not a known record');
    return event;
  }
}

export function newChannelKey(): Buffer {
  return crypto.randomBytes(KEY_BYTES);
}
