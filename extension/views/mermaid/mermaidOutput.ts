/** Mermaid outputs (`mermaid()` in the SDK): a diagram's source, drawn by webviews/renderers/mermaidLoader.ts. */
import { outputContract } from '../contract/outputContract';
import * as s from '../contract/shape';

export const MERMAID_MIME = 'application/vnd.ddia-labs.mermaid+json';

const mermaidShape = s.object({ version: s.literal(1), source: s.string() });

export const mermaidOutput = outputContract(
  {
    mime: MERMAID_MIME,
    what: 'diagram',
    schemaName: 'mermaid',
    version: 1,
    title: 'DDIA Labs mermaid diagram (version 1)',
    description:
      "A diagram in mermaid syntax, drawn by mermaid (loaded only when the diagram scrolls into view) in the editor's light or dark theme. The text/plain fallback is the source itself.",
  },
  mermaidShape,
);

export type MermaidSpec = s.Infer<typeof mermaidShape>;
