/**
 * Every report a test writes is checked against the one report schema (src/model/report.ts,
 * published as schema/report.schema.json): strict, so a field written without a place in the
 * schema fails the test that wrote it.
 */
import { ReportSchema, type Report } from '../../src/model/report.js';

/** The report in `json` (its text, or a value already parsed), after it passed the schema; else an error naming every issue's path. */
export function validReport(json: unknown): Report {
  const value: unknown = typeof json === 'string' ? JSON.parse(json) : json;
  const parsed = ReportSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 200).map((i) => `  ${i.path.map(String).join('.') || '(top level)'}: ${i.message}`);
    throw new Error(`not a valid report (schema/report.schema.json):\n${issues.join('\n')}`);
  }
  return value as Report;
}
