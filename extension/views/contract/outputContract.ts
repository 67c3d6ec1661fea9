/**
 * An output's contract: its MIME type, its shape (hence its TypeScript type), the check a view
 * runs before drawing, and its JSON schema. Every output kind declares one (extension/views/<view>/),
 * and extension/views/outputContracts.ts lists them all for the schema files and their test.
 */
import { describeValue, isObject, type Infer, type JsonSchema, type Shape } from './shape';

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

export interface OutputContract<T> {
  readonly mime: string;
  /** What the data is, in messages: "chart", "LSM levels". */
  readonly what: string;
  /** File name of the published schema, without `.schema.json`. */
  readonly schemaName: string;
  readonly shape: Shape<T>;
  /** Checks data before drawing: the value typed, or the first problem in words that name where it is. */
  check(value: unknown): Checked<T>;
  /** The published JSON schema (draft 2020-12), $id = the MIME type. */
  jsonSchema(): JsonSchema;
}

export interface ContractInfo {
  readonly mime: string;
  readonly what: string;
  readonly schemaName: string;
  /** Schema title and description. */
  readonly title: string;
  readonly description: string;
  /** The version this view draws; data of another version is refused by name. */
  readonly version: number;
}

export function outputContract<S extends Shape<unknown>>(info: ContractInfo, shape: S): OutputContract<Infer<S>> {
  return {
    mime: info.mime,
    what: info.what,
    schemaName: info.schemaName,
    shape: shape as Shape<Infer<S>>,
    check(value) {
      if (!isObject(value)) return { ok: false, problem: `the ${info.what} data is not a JSON object (got ${describeValue(value)})` };
      if (value['version'] !== info.version)
        return {
          ok: false,
          problem: `unsupported ${info.what} version ${JSON.stringify(value['version'])} (this view draws version ${info.version})`,
        };
      const problem = shape.problem(value, '');
      return problem ? { ok: false, problem } : { ok: true, value: value as Infer<S> };
    },
    jsonSchema: () => ({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: info.mime,
      title: info.title,
      description: info.description,
      ...shape.json(),
    }),
  };
}
