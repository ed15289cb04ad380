// Ajv validators for the two documented output schemas.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext the import is module.exports, whose .default is the plugin.
const addFormats = addFormatsModule.default;

function load(path: string): object {
  return JSON.parse(readFileSync(new URL(`../../schema/${path}`, import.meta.url), 'utf8')) as object;
}

function compile(path: string): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(load(path));
}

export const validateScanReport = compile('scan-report.schema.json');
export const SARIF_SCHEMA_PATH = 'vendor/sarif-schema-2.1.0.json';
export const validateSarif = (): ValidateFunction => compile(SARIF_SCHEMA_PATH);

export function errorsOf(validate: ValidateFunction): string {
  return JSON.stringify(validate.errors, null, 2);
}
