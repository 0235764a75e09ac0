/**
 * `npm run schema` (with src/config/write-schema.ts): regenerates schema/report.schema.json from
 * the zod schema. Run from the package root.
 */
import { writeFile } from 'node:fs/promises';
import { REPORT_SCHEMA_PATH, reportJsonSchemaText } from './json-schema.js';

await writeFile(REPORT_SCHEMA_PATH, reportJsonSchemaText());
process.stdout.write(`wrote ${REPORT_SCHEMA_PATH}\n`);
