/**
 * The plain report's input from a file written by `praxiswache scan --format json`, so a report
 * needs no store. The file is checked against the published schema (schema/scan-report.schema.json)
 * before anything of it is used: a wrong or tampered file is a usage error naming the file.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ScanReport } from '../../core/types.js';
import { UsageError } from '../../core/types.js';
import { openPortCount } from '../summary.js';
import type { PlainReportInput } from './types.js';

/** A scan of a /16 with many findings stays far below this; anything larger is not our file. */
export const MAX_SCAN_FILE_BYTES = 64 * 1024 * 1024;

const SCHEMA_URL = new URL('../../../schema/scan-report.schema.json', import.meta.url);
// ajv-formats is CommonJS: under NodeNext the import is module.exports, whose .default is the plugin.
const addFormats = addFormatsModule.default;
let validator: ValidateFunction | undefined;

function scanReportValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: false, strict: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as object);
  }
  return validator;
}

function readCapped(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new UsageError(`cannot read scan file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_SCAN_FILE_BYTES) throw new UsageError(`scan file ${path} is ${size} bytes, more than the ${MAX_SCAN_FILE_BYTES} a scan report may have`);
    return readFileSync(fd, 'utf8');
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read scan file ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  } finally {
    closeSync(fd);
  }
}

/** Parses and validates; throws a UsageError that names the file and the first problem. */
export function readScanFile(path: string): ScanReport {
  const text = readCapped(path);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`scan file ${path} is not JSON: write it with praxiswache scan --format json -o ${path}`);
  }
  const validate = scanReportValidator();
  if (!validate(data)) {
    const first = validate.errors?.[0];
    const problem = first ? `${first.instancePath || '/'} ${first.message ?? 'is invalid'}` : 'does not match the schema';
    throw new UsageError(`scan file ${path} is not a praxiswache scan report (${problem}); write it with praxiswache scan --format json`);
  }
  return data as ScanReport;
}

export function reportFromScan(report: ScanReport): PlainReportInput {
  return {
    status: report.interrupted ? 'interrupted' : 'finished',
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    targets: report.targets,
    hostCount: report.hosts.length,
    openPortCount: openPortCount(report),
    findings: report.findings,
    skipped: report.skippedChecks ?? [],
    changes: 'file',
  };
}
