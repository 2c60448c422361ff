import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';

// ajv-draft-04 and ajv-formats are CommonJS with a `default` export; require keeps the
// interop explicit under NodeNext.
const require = createRequire(import.meta.url);
const Ajv04 = require('ajv-draft-04').default as new (
  options: object,
) => {
  compile(schema: object): ValidateFunction;
};
const addFormats = require('ajv-formats').default as (ajv: unknown) => void;

// The official OASIS SARIF 2.1.0 schema (errata01), vendored at test/schemas/ in the repository.
export const SARIF_SCHEMA_PATH = fileURLToPath(
  new URL('../../../../test/schemas/sarif-2.1.0.schema.json', import.meta.url),
);

let validator: ValidateFunction | undefined;

/** The official SARIF 2.1.0 schema, compiled once. */
export function sarifValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv04({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')) as object);
  }
  return validator;
}
