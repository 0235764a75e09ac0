/**
 * Property: whatever bytes or CSV text sit in applications.csv, the loader either refuses the file
 * with a clear InputError (one line, naming the file) or accounts for every row: read = accepted +
 * rejected, and every rejected row points at a physical line inside the file.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/load-config.js';
import { InputError } from '../../src/errors.js';
import { loadInputs } from '../../src/load/index.js';
import { tempDir } from '../support/temp.js';

const HEADER = [
  'application_id',
  'route',
  'received_at',
  'applicant_id',
  'person_at_risk_id',
  'subject_id',
  'handler_id',
  'initial_checks_at',
  'immediate_risk',
  'face_to_face_at',
  'decision',
  'decision_at',
  'disclosure_at',
  'disclosure_method',
  'exceptional_circumstances',
  'closed_at',
  'notes',
];

let dir: string;
beforeAll(async () => {
  dir = await tempDir('prop-load');
});

/** Physical lines as an editor counts them: LF, CRLF and a lone CR each end a line. */
function physicalLines(bytes: Uint8Array): number {
  let lines = 1;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) lines++;
    else if (bytes[i] === 0x0d) {
      lines++;
      if (bytes[i + 1] === 0x0a) i++;
    }
  }
  return lines;
}

/** How often each outcome happened, so a generator that only ever made refused files shows up. */
const outcomes = { refused: 0, accounted: 0, rejected: 0, accepted: 0 };

async function check(bytes: Uint8Array): Promise<void> {
  await writeFile(path.join(dir, 'applications.csv'), bytes);
  let result;
  try {
    result = await loadInputs({ cwd: dir, config: defaultConfig(dir) });
  } catch (error) {
    // Refusing the file is allowed, but only as a user-facing error a person can act on.
    expect(error, String((error as Error)?.stack)).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message).toMatch(/applications/);
    expect(message).not.toMatch(/[\r\n]/);
    outcomes.refused++;
    return;
  }
  const lines = physicalLines(bytes);
  const [input] = result.inputs;
  expect(input).toBeDefined();
  expect(input!.table).toBe('applications');
  expect(input!.rowsRead).toBe(input!.rowsAccepted + input!.rowsRejected);
  expect(input!.rowsAccepted).toBe(result.dataset.applications.length);
  expect(input!.rowsRejected).toBe(result.rejectedRows.length);
  expect(input!.sha256).toMatch(/^[0-9a-f]{64}$/);
  for (const row of result.rejectedRows) {
    expect(row.table).toBe('applications');
    expect(row.file).toBe('applications.csv');
    // The header is line 1, so a data row starts on line 2 or later.
    expect(row.line).toBeGreaterThanOrEqual(2);
    expect(row.line).toBeLessThanOrEqual(lines);
    expect(row.reason.length).toBeGreaterThan(0);
  }
  const accepted = result.dataset.applications.map((a) => a.line);
  for (const line of accepted) {
    expect(line).toBeGreaterThanOrEqual(2);
    expect(line).toBeLessThanOrEqual(lines);
  }
  // Each record starts on its own line: no two rows (accepted or rejected) claim one start line.
  const starts = [...accepted, ...result.rejectedRows.map((r) => r.line)];
  expect(new Set(starts).size).toBe(starts.length);
  expect(starts.length).toBe(input!.rowsRead);
  outcomes.accounted++;
  outcomes.rejected += input!.rowsRejected;
  outcomes.accepted += input!.rowsAccepted;
}

function resetOutcomes(): void {
  Object.assign(outcomes, { refused: 0, accounted: 0, rejected: 0, accepted: 0 });
}

const enc = new TextEncoder();

/** Cells that exercise the parser and the value readers: quotes, delimiters, line ends, odd bytes. */
const cell = fc.oneof(
  fc.constantFrom(
    '',
    'A1',
    'A1',
    'right_to_ask',
    'Right-To-Know',
    'right to ask',
    '2023-04-05',
    '2023-03-26T01:30',
    '2023-10-29T01:30',
    '2023-02-30',
    '2023-04-05T14:30:00+01:00',
    'yes',
    'N',
    'maybe',
    'disclose',
    'withdrawn',
    'in_person',
    '"',
    '""',
    '"a,b"',
    '"a\nb"',
    '"a\r\nb"',
    '"a\rb"',
    'a"b',
    '\uFEFF',
    '\u0000',
    '=1+1',
    ';',
    '\t',
    '€',
    '\uD800',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

const lineEnd = fc.constantFrom('\n', '\r\n', '\r');

const date = fc.oneof(
  fc.constantFrom('2023-04-04', '2023-04-05', '2019-03-31T01:30', '2019-10-27T01:30', '2024-02-29', '2023-02-29', '2023-13-01', ''),
  fc.date({ min: new Date('2014-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 16)),
);

/** A value for each column that is mostly valid, sometimes anything at all. */
const FIELD_VALUES: Record<string, fc.Arbitrary<string>> = {
  application_id: fc.integer({ min: 1, max: 30 }).map((n) => `A${n}`),
  route: fc.constantFrom('right_to_ask', 'right_to_know', 'Right To Ask', 'RTA'),
  applicant_id: fc.constantFrom('', 'X1'),
  person_at_risk_id: fc.constantFrom('P1', 'P2', ''),
  subject_id: fc.constantFrom('S1', 'S2'),
  handler_id: fc.constantFrom('', 'H1', 'H2'),
  immediate_risk: fc.constantFrom('', 'yes', 'no', 'Y', '0', 'perhaps'),
  decision: fc.constantFrom('', 'disclose', 'no_disclosure', 'not-proceeded', 'Withdrawn', 'later'),
  disclosure_method: fc.constantFrom('', 'in_person', 'telephone', 'letter'),
  exceptional_circumstances: fc.constantFrom('', 'staff sickness, "late"'),
  notes: fc.string({ maxLength: 20 }),
};
for (const f of ['received_at', 'initial_checks_at', 'face_to_face_at', 'decision_at', 'disclosure_at', 'closed_at']) FIELD_VALUES[f] = date;

function quote(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

const csvText = fc
  .record({
    delimiter: fc.constantFrom(',', ';', '\t'),
    header: fc.oneof(
      { weight: 6, arbitrary: fc.constant(HEADER) },
      { weight: 2, arbitrary: fc.shuffledSubarray(HEADER, { minLength: 1 }) },
      { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom(...HEADER), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 20 }) },
    ),
    seed: fc.array(
      fc.oneof(
        // A row of the header's width, quoted as a spreadsheet would, with now and then a hostile cell.
        { weight: 6, arbitrary: fc.array(fc.tuple(fc.nat(), fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: cell })), { minLength: 17, maxLength: 17 }).map((cells) => ({ kind: 'valid' as const, cells })) },
        // Raw text: any width, unbalanced quotes, stray line ends.
        { weight: 1, arbitrary: fc.array(cell, { maxLength: 20 }).map((cells) => ({ kind: 'raw' as const, cells })) },
      ),
      { maxLength: 12 },
    ),
    values: fc.array(fc.tuple(...HEADER.map((h) => FIELD_VALUES[h] ?? fc.string({ maxLength: 6 }))), { minLength: 12, maxLength: 12 }),
    ends: fc.array(lineEnd, { minLength: 14, maxLength: 14 }),
    trailing: fc.boolean(),
    bom: fc.boolean(),
  })
  .map(({ header, delimiter, seed, values, ends, trailing, bom }) => {
    const rows = seed.map((row, r) => {
      if (row.kind === 'raw') return row.cells.join(delimiter);
      return header
        .map((h, c) => {
          const hostile = row.cells[c]?.[1] ?? null;
          const i = HEADER.indexOf(h);
          const value = hostile ?? (i === -1 ? 'x' : values[r]![i]!);
          return quote(value, delimiter);
        })
        .join(delimiter);
    });
    const lines = [header.join(delimiter), ...rows];
    let text = bom ? '\uFEFF' : '';
    lines.forEach((l, i) => {
      text += l + (i < lines.length - 1 || trailing ? ends[i % ends.length]! : '');
    });
    return text;
  });

describe('property: applications.csv never crashes the loader', () => {
  it('arbitrary bytes: a clear InputError or a full accounting', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      // A valid header first, so the bytes reach the row readers too.
      fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array([...enc.encode(`${HEADER.join(',')}\n`), ...b])),
    );
    resetOutcomes();
    await fc.assert(fc.asyncProperty(bytes, check), { numRuns: 150 });
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(outcomes.accounted).toBeGreaterThan(10);
  });

  it('arbitrary CSV text (any delimiter, line ends, quoting, values): a clear InputError or a full accounting', async () => {
    resetOutcomes();
    await fc.assert(
      fc.asyncProperty(csvText, async (text) => check(enc.encode(text))),
      { numRuns: 200 },
    );
    expect(outcomes.accounted).toBeGreaterThan(50);
    expect(outcomes.rejected).toBeGreaterThan(0);
    expect(outcomes.accepted).toBeGreaterThan(0);
  });

  it('the same text as Windows-1252 bytes (a file from Excel) is accounted for too', async () => {
    const latin = csvText.map((t) => Uint8Array.from([...t].map((ch) => (ch.codePointAt(0)! < 0x100 ? ch.codePointAt(0)! : 0x80))));
    resetOutcomes();
    await fc.assert(fc.asyncProperty(latin, check), { numRuns: 100 });
    expect(outcomes.accounted).toBeGreaterThan(20);
  });
});
