/**
 * The one module that knows the CSV parser (csv-parse). Everything else sees records as string
 * arrays with the physical line each starts on, so the parser can be swapped after measuring.
 *
 * Lines: header = line 1; LF, CRLF and a lone CR each end a line, inside quoted fields too. Line
 * breaks are normalised to LF before parsing (changing only the line breaks inside quoted fields,
 * which are free text the tool does not keep), and a record's start line is counted here from
 * the line breaks in the records before it: csv-parse's own `info.lines` follows one detected
 * record delimiter, so it miscounts files that mix CRLF and lone CR, and asking for it costs ~50%.
 * Entirely empty lines are not records: they are skipped but counted.
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { parse } from 'csv-parse';

export type Delimiter = ',' | ';' | '\t';
export const CSV_DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

export interface CsvReadOptions {
  readonly delimiter: Delimiter | 'auto';
}

export interface CsvReadResult {
  readonly delimiter: Delimiter;
  /** Records delivered, the header included. */
  readonly records: number;
}

/** The text is not CSV the reader can follow (an unclosed quote, text after a closing quote). */
export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    /** Physical line on which the faulty record starts. */
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Turns CRLF and lone CR into LF, holding a CR at a chunk's end until the next chunk is seen. */
async function* normaliseLineBreaks(source: AsyncIterable<string>): AsyncGenerator<string> {
  let pendingCR = false;
  for await (let chunk of source) {
    if (chunk.length === 0) continue;
    if (pendingCR) {
      chunk = `\r${chunk}`;
      pendingCR = false;
    }
    if (chunk.endsWith('\r')) {
      pendingCR = true;
      chunk = chunk.slice(0, -1);
    }
    if (chunk.length > 0) yield chunk.indexOf('\r') === -1 ? chunk : chunk.replace(/\r\n?/g, '\n');
  }
  if (pendingCR) yield '\n';
}

/** End of the first line outside quotes, or -1 when the text has none yet. */
function headerEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) quoted = !quoted;
    else if (c === 10 /* \n */ && !quoted) return i;
  }
  return -1;
}

/** The most frequent of `,` `;` and tab outside quotes in the header line (comma on a tie or none). */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts = new Map<Delimiter, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch as Delimiter)) counts.set(ch as Delimiter, (counts.get(ch as Delimiter) ?? 0) + 1);
  }
  let best: Delimiter = ',';
  for (const d of CSV_DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

function countLineBreaks(fields: readonly string[]): number {
  let n = 0;
  for (const field of fields) {
    let at = field.indexOf('\n');
    while (at !== -1) {
      n++;
      at = field.indexOf('\n', at + 1);
    }
  }
  return n;
}

interface CsvParseError extends Error {
  code?: string;
}

/**
 * Streams `source` (decoded text chunks) through the parser and calls `onRecord` for each record,
 * the header first, with the physical line it starts on. An exception thrown by `onRecord` stops
 * the read and is rethrown as is.
 */
export async function readCsv(
  source: AsyncIterable<string>,
  options: CsvReadOptions,
  onRecord: (fields: string[], line: number) => void,
): Promise<CsvReadResult> {
  const text = normaliseLineBreaks(source)[Symbol.asyncIterator]();

  // The delimiter is decided on the header line, so hold text back until it is complete.
  let head = '';
  let ended = false;
  while (headerEnd(head) === -1) {
    const next = await text.next();
    if (next.done) {
      ended = true;
      break;
    }
    head += next.value;
  }
  const end = headerEnd(head);
  const delimiter = options.delimiter === 'auto' ? detectDelimiter(end === -1 ? head : head.slice(0, end)) : options.delimiter;

  const parser = parse({
    delimiter,
    record_delimiter: '\n',
    quote: '"',
    escape: '"',
    bom: false,
    relax_column_count: true,
    // Excel writes a stray quote inside an unquoted cell as is; read it as a character.
    relax_quotes: true,
    // Spaces around a field, quoted or not, are not data (every cell is trimmed anyway).
    skip_empty_lines: false,
    trim: true,
  });

  let nextLine = 1;
  let records = 0;
  let failure: unknown = null;
  parser.on('data', (fields: string[]) => {
    if (failure !== null) return;
    const line = nextLine;
    nextLine += 1 + countLineBreaks(fields);
    // An entirely empty line: not a record.
    if (fields.length === 1 && fields[0] === '') return;
    records++;
    try {
      onRecord(fields, line);
    } catch (error) {
      failure = error;
      parser.destroy(error as Error);
    }
  });
  const done = finished(parser);
  // Awaited below; this only keeps an early rejection from being reported as unhandled.
  done.catch(() => undefined);

  const translate = (error: unknown): unknown => {
    if (failure !== null) return failure;
    const e = error as CsvParseError;
    switch (e?.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        return new CsvSyntaxError(nextLine, 'a quoted field in the record starting on this line is never closed (a missing closing quote)');
      case 'CSV_INVALID_CLOSING_QUOTE':
      case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
        return new CsvSyntaxError(nextLine, 'text follows the closing quote of a quoted field in the record starting on this line (a quote inside a quoted field must be doubled: "")');
      default:
        return e?.code?.startsWith('CSV_') ? new CsvSyntaxError(nextLine, e.message) : error;
    }
  };

  try {
    if (head.length > 0 && !parser.write(head)) await once(parser, 'drain');
    if (!ended) {
      for (;;) {
        const next = await text.next();
        if (next.done) break;
        if (!parser.write(next.value)) await once(parser, 'drain');
      }
    }
    parser.end();
    await done;
  } catch (error) {
    parser.destroy();
    await text.return?.(undefined);
    throw translate(error);
  }
  if (failure !== null) throw failure;
  return { delimiter, records };
}

const STOP = Symbol('stop');

/**
 * The first `maxRecords` records of a text, header included (for guessing from a file's head).
 * A text cut inside a quoted field gives the records before the cut.
 */
export async function readCsvHead(text: string, options: CsvReadOptions & { readonly maxRecords: number }): Promise<string[][]> {
  const records: string[][] = [];
  async function* one(): AsyncGenerator<string> {
    yield text;
  }
  try {
    await readCsv(one(), options, (fields) => {
      records.push(fields);
      if (records.length >= options.maxRecords) throw STOP;
    });
  } catch (error) {
    if (error !== STOP && !(error instanceof CsvSyntaxError)) throw error;
  }
  return records;
}
