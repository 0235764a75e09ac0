import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { configJsonSchemaText, JSON_SCHEMA_PATH } from '../../src/config/json-schema.js';

describe('the shipped JSON Schema', () => {
  it('is what the zod schema generates (run `npm run schema` when this fails)', async () => {
    expect(await readFile(JSON_SCHEMA_PATH, 'utf8')).toBe(configJsonSchemaText());
  });

  it('describes the config: tables, encodings, delimiters, rules and $schema', () => {
    const schema = JSON.parse(configJsonSchemaText()) as {
      properties: Record<string, { properties?: Record<string, { properties?: Record<string, unknown> }> }>;
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'inputs', 'rules', 'plugins', 'review']);
    expect(Object.keys(schema.properties.inputs!.properties!)).toEqual(['applications', 'incidents', 'history', 'staff', 'conduct_referrals', 'household', 'persons', 'checks']);
    expect(Object.keys(schema.properties.inputs!.properties!.applications!.properties!)).toEqual([
      'file', 'sheet', 'encoding', 'delimiter', 'dateFormats', 'nullDates', 'maxCellSize', 'columns', 'values',
    ]);
    expect(schema.additionalProperties).toBe(false);
  });
});
