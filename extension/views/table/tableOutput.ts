/** Table outputs (`table()` in the SDK): a sortable table of scalar cells, drawn by webviews/renderers/table.ts. */
import { outputContract } from '../contract/outputContract';
import * as s from '../contract/shape';

export const TABLE_MIME = 'application/vnd.ddia-labs.table+json';

const column = s.object({ key: s.string(), label: s.string() }, { align: s.oneOf(['left', 'right']) });
const tableShape = s.object(
  {
    version: s.literal(1),
    columns: s.array(column),
    rows: s.array(s.record(s.union([s.string(), s.number(), s.boolean(), s.nullValue()]))),
  },
  { title: s.string() },
);

export const tableOutput = outputContract(
  {
    mime: TABLE_MIME,
    what: 'table',
    schemaName: 'table',
    version: 1,
    title: 'DDIA Labs table (version 1)',
    description: 'A sortable table. Cell values are scalars; the SDK turns anything else into JSON text.',
  },
  tableShape,
);

export type TableSpec = s.Infer<typeof tableShape>;
