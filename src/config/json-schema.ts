/**
 * The JSON Schema of the config file, generated from the zod schema so editors can complete and
 * check `dvds-audit.config.json`. `npm run schema` writes it to schema/; a test fails when the
 * shipped copy is stale.
 */
import { z } from 'zod';
import { ConfigSchema } from './schema.js';

export const JSON_SCHEMA_PATH = 'schema/dvds-audit.config.schema.json';

/** The schema as the shipped file holds it: 2-space JSON with a trailing newline. */
export function configJsonSchemaText(): string {
  // `input`: fields with defaults may be left out of the file.
  const schema = z.toJSONSchema(ConfigSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'dvds-audit config' }, null, 2)}\n`;
}
