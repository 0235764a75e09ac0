/**
 * The JSON Schema of report.json, generated from the zod schema of the report
 * (src/model/report.ts) for whoever reads reports with other tools. `npm run schema` writes it to
 * schema/; a test fails when the shipped copy is stale.
 */
import { z } from 'zod';
import { ReportSchema } from '../model/report.js';

export const REPORT_SCHEMA_PATH = 'schema/report.schema.json';

/** The schema as the shipped file holds it: 2-space JSON with a trailing newline. */
export function reportJsonSchemaText(): string {
  // `output`: the report as the tool writes it (it has no defaults to leave out).
  const schema = z.toJSONSchema(ReportSchema, { io: 'output', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'dvds-audit report (schemaVersion 2)' }, null, 2)}\n`;
}
