/**
 * (v2) Reading the team's worklist (`audit --review FILE`, BRIEF section 6b) with the loader's
 * encodings and delimiters, by the row policy: every row is accepted or rejected with its
 * physical line, column and reason, and every row (rejected ones too) is kept with its team
 * cells verbatim so the next worklist carries them over. Reasons never quote the team's text.
 */
import { InputError } from '../errors.js';
import { readCsv } from '../load/csv-reader.js';
import { DateReader } from '../load/dates.js';
import { decodeFile, type ReadInfo, type TextEncoding } from '../load/decode.js';
import { readWithEncoding } from '../load/read-table.js';
import { type Conclusion, CONCLUSIONS, type RejectedRow } from '../model/report.js';
import {
  type CarriedRow,
  type ReviewEntry,
  type ReviewInput,
  type TeamColumn,
  WORKLIST_TEAM_COLUMNS,
  WORKLIST_TOOL_COLUMNS,
  worklistKey,
  type WorklistKind,
} from '../model/worklist.js';
import { unguardCell } from './guard.js';

export interface WorklistSource {
  /** Absolute path to read. */
  readonly path: string;
  /** Relative POSIX path for reports and messages. */
  readonly file: string;
}

const TOOL = new Set<string>(WORKLIST_TOOL_COLUMNS);
const TEAM = new Set<string>(WORKLIST_TEAM_COLUMNS);
/** What Excel on a UK PC writes back, beside ISO 8601. */
const DATES = new DateReader(['dd/MM/yyyy']);

interface Problem {
  readonly column?: string;
  readonly reason: string;
}

/** The header: where each column is, by its name (trimmed, lower case); the team's added columns in order. */
interface Header {
  readonly names: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly extra: readonly string[];
}

function readHeader(fields: readonly string[], file: string): Header {
  const names = fields.map((f) => unguardCell(f).trim().toLowerCase());
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === '') return;
    if (index.has(name)) throw new InputError(`${file}:1: the column "${name}" appears twice in the header`);
    index.set(name, i);
  });
  for (const required of ['kind', 'id']) {
    if (!index.has(required)) {
      throw new InputError(
        `${file}:1: no "${required}" column; a worklist has the columns ${[...WORKLIST_TOOL_COLUMNS, ...WORKLIST_TEAM_COLUMNS].join(', ')} (write one with audit --out)`,
      );
    }
  }
  const extra = names.filter((n) => n !== '' && !TOOL.has(n) && !TEAM.has(n));
  return { names, index, extra };
}

function conclusionOf(text: string): Conclusion | null {
  const value = text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return (CONCLUSIONS as readonly string[]).includes(value) ? (value as Conclusion) : null;
}

class WorklistRows {
  readonly rows: CarriedRow[] = [];
  readonly entries = new Map<string, ReviewEntry>();
  readonly rejected: RejectedRow[] = [];
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly header: Header,
    private readonly file: string,
  ) {}

  read(raw: readonly string[], line: number): void {
    const fields = raw.map(unguardCell);
    // A row Excel leaves with every cell empty holds nothing typed: it is not a row.
    if (fields.every((f) => f.trim() === '')) return;
    const { names, index } = this.header;
    const cell = (name: string): string => {
      const i = index.get(name);
      return i === undefined ? '' : (fields[i] ?? '');
    };
    const cells = new Map<string, string>();
    for (const name of [...WORKLIST_TEAM_COLUMNS, ...this.header.extra]) cells.set(name, cell(name));
    const problems: Problem[] = [];
    if (fields.length !== names.length) {
      problems.push({ reason: `has ${fields.length} field${fields.length === 1 ? '' : 's'}, expected ${names.length} as in the header` });
    }
    const kindText = cell('kind').trim().toLowerCase();
    const kind: WorklistKind | null = kindText === 'application' || kindText === 'staff' ? kindText : null;
    if (kind === null) problems.push({ column: 'kind', reason: kindText === '' ? 'required value is missing' : 'expected application or staff' });
    const id = cell('id').trim();
    if (id === '') problems.push({ column: 'id', reason: 'required value is missing' });

    const date = (column: TeamColumn): number | null => {
      const text = cell(column).trim();
      if (text === '') return null;
      const value = DATES.read(text);
      if (value === null) problems.push({ column, reason: 'not a date (expected YYYY-MM-DD or dd/MM/yyyy)' });
      return value?.day ?? null;
    };
    const reviewedAt = date('reviewed_at');
    const referredAt = date('referred_at');
    const conclusionText = cell('conclusion').trim();
    const conclusion = conclusionText === '' ? null : conclusionOf(conclusionText);
    if (conclusionText !== '' && conclusion === null) problems.push({ column: 'conclusion', reason: `expected one of ${CONCLUSIONS.join(', ')}` });
    const reviewer = cell('reviewer').trim();
    if (conclusionText !== '' && (reviewer === '' || cell('reviewed_at').trim() === '')) {
      problems.push({ column: reviewer === '' ? 'reviewer' : 'reviewed_at', reason: 'a conclusion needs both reviewer and reviewed_at' });
    }
    const iopcReference = cell('iopc_reference').trim();
    if (cell('referred_at').trim() !== '' && iopcReference === '') {
      problems.push({ column: 'iopc_reference', reason: 'a referral made (referred_at) needs its iopc_reference' });
    }

    let repeat = false;
    if (kind !== null && id !== '') {
      const key = worklistKey(kind, id);
      const first = this.seen.get(key);
      if (first === undefined) this.seen.set(key, line);
      else {
        repeat = true;
        problems.unshift({ column: 'id', reason: `repeats kind ${kind} and id of line ${first}` });
      }
    }

    let entry: ReviewEntry | null = null;
    if (problems.length === 0 && kind !== null) {
      entry = { kind, id, conclusion, reviewedAt, referredAt, iopcReference: iopcReference === '' ? null : iopcReference };
      this.entries.set(worklistKey(kind, id), entry);
    } else {
      const [first, ...more] = problems as [Problem, ...Problem[]];
      const also = more.map((p) => `; also${p.column === undefined ? '' : ` column "${p.column}":`} ${p.reason}`).join('');
      this.rejected.push({ table: 'worklist', file: this.file, line, ...(first.column === undefined ? {} : { column: first.column }), reason: first.reason + also });
    }
    this.rows.push({ kind: cell('kind'), id: cell('id'), cells, overflow: fields.slice(names.length), line, entry, repeat });
  }
}

async function readPass(source: WorklistSource, encoding: TextEncoding): Promise<ReviewInput> {
  const info: ReadInfo = { sha256: null, bom: false, bytes: 0 };
  let rows: WorklistRows | null = null;
  let header: Header | null = null;
  await readCsv(decodeFile(source.path, encoding, info), { delimiter: 'auto' }, (fields, line) => {
    if (rows === null) {
      header = readHeader(fields, source.file);
      rows = new WorklistRows(header, source.file);
      return;
    }
    rows.read(fields, line);
  });
  if (rows === null || header === null) throw new InputError(`${source.file}: the worklist is empty (no header line)`);
  const read = rows as WorklistRows;
  return {
    file: source.file,
    sha256: info.sha256 ?? '',
    extraColumns: (header as Header).extra,
    rows: read.rows,
    entries: read.entries,
    rejected: read.rejected,
  };
}

/** Reads a worklist as UTF-8, else Windows-1252 (an Excel re-save), with `,` `;` or tab. */
export function readWorklist(source: WorklistSource): Promise<ReviewInput> {
  return readWithEncoding(source, 'auto', (encoding) => readPass(source, encoding));
}
