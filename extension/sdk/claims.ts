/**
 * "What you should see": how a lab states, in a cell, what its prose says the cell's output
 * shows, so that the prose and the output cannot drift apart unnoticed.
 *
 *   shouldSee('at least one stale read in this run', anomalies.length > 0, `${anomalies.length} stale reads`);
 *
 * For the learner this is one line under the output (✓ and the claim, or a warning that this run
 * did not show it, which a busy machine can cause). For the lab's author it is a check:
 * `ddia-labs run` (and so the test suite, which runs every lab) fails a cell whose claim does not
 * hold, naming the claim and the measured detail.
 */
import { display } from './display';
import { DISPLAYABLE, type Displayable } from './outputs';
import { CLAIM_MIME, type ClaimSpec } from '../views/claim/claimOutput';
import type { OutputBundle } from '../views/notebook/outputBundle';

/** A claim as a displayable value (what shouldSee shows). */
export function claim(text: string, holds: boolean, detail?: string): Displayable & ClaimSpec {
  if (typeof text !== 'string' || text.trim() === '')
    throw new TypeError('shouldSee(text, holds): text must say what the learner should see');
  if (typeof holds !== 'boolean') throw new TypeError(`shouldSee('${text}', holds): holds must be true or false, got ${typeof holds}`);
  const spec: ClaimSpec = { version: 1, text, holds, ...(detail !== undefined ? { detail: String(detail) } : {}) };
  const suffix = spec.detail ? ` (${spec.detail})` : '';
  const markdown = holds
    ? `✓ **You should see:** ${text}${suffix}`
    : `⚠ **The lab expects:** ${text}, **but this run did not show it**${suffix}. A busy machine can blur a measurement: run the cell again, and if it persists, tell us.`;
  const plain = holds ? `✓ You should see: ${text}${suffix}` : `⚠ The lab expects: ${text}, but this run did not show it${suffix}.`;
  return {
    ...spec,
    [DISPLAYABLE]: (): OutputBundle => ({
      items: [
        { mime: 'text/markdown', data: markdown },
        { mime: CLAIM_MIME, data: spec },
      ],
      text: plain,
    }),
  };
}

/**
 * Shows the claim under the cell's output. It does not throw: a learner whose run misses a claim
 * reads why and carries on; `ddia-labs run` fails the cell. It returns nothing, so that a cell
 * may end with it without a stray `true` shown as the cell's result.
 */
export function shouldSee(text: string, holds: boolean, detail?: string): void {
  display(claim(text, holds, detail));
}

/** The claims in an output bundle (for `ddia-labs run`). */
export function claimsIn(bundle: OutputBundle): ClaimSpec[] {
  return bundle.items.filter((i) => i.mime === CLAIM_MIME).map((i) => i.data as ClaimSpec);
}
