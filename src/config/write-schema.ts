/**
 * `npm run schema`: regenerates schema/dvds-audit.config.schema.json from the zod schema.
 * Run from the package root.
 */
import { writeFile } from 'node:fs/promises';
import { configJsonSchemaText, JSON_SCHEMA_PATH } from './json-schema.js';

await writeFile(JSON_SCHEMA_PATH, configJsonSchemaText());
process.stdout.write(`wrote ${JSON_SCHEMA_PATH}\n`);
