/**
 * A lab's "what you should see" line (`shouldSee` in the SDK, extension/sdk/claims.ts): shown
 * as Markdown by VS Code itself (outputsToVscode), checked by `ddia-labs run`.
 */
import { outputContract } from '../contract/outputContract';
import * as s from '../contract/shape';

export const CLAIM_MIME = 'application/vnd.ddia-labs.claim+json';

const claimShape = s.object(
  {
    version: s.literal(1),
    text: s.string('The claim in the lab\'s words, e.g. "the fixed cache\'s heap stays flat".'),
    holds: s.boolean('Whether this run showed it.'),
  },
  { detail: s.string('The measured values behind the verdict, e.g. "leaky +7.6 MiB, fixed +0.2 MiB".') },
);

export const claimOutput = outputContract(
  {
    mime: CLAIM_MIME,
    what: 'claim',
    schemaName: 'claim',
    version: 1,
    title: 'DDIA Labs claim (version 1)',
    description: "What the lab's prose says a cell shows, and whether this run showed it.",
  },
  claimShape,
);

/** What the lab's prose says a cell shows, and whether this run showed it. */
export type ClaimSpec = s.Infer<typeof claimShape>;
