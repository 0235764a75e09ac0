/**
 * The one module that reads CSV text into records. Everything else sees records as string
 * arrays with the physical line each starts on.
 *
 * A tokenizer of its own rather than a library, chosen by measurement on the 131 MB applications
 * file of the 1M bench: csv-parse took ~7.8 s (it re-encodes the text to bytes and walks them one
 * at a time), PapaParse ~1.9 s; this one ~1 s, because a record without a quote (nearly all of
 * them) is cut with indexOf on the decoded text and only a record with a quote is walked character
 * by character. It reads exactly what the csv-parse setup it replaced read (quote `"`, doubled to
 * escape; a stray quote inside an unquoted cell is a character; spaces around a field, quoted or
 * not, are not data; a record may hold any number of fields), and gives the same two errors.
 *
 * Lines: header = line 1; LF, CRLF and a lone CR each end a line, inside quoted fields too, where
 * they are read as LF (free text the tool does not keep). A record's start line is counted from
 * the line breaks before it. Entirely empty lines (or lines of spaces) are not records: they are
 * skipped but counted.
 */

export type Delimiter = ',' | ';' | '\t';
export const CSV_DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

export interface CsvReadOptions {
  readonly delimiter: Delimiter | 'auto';
  /** Counts the characters the reader may walk (each buffer it builds, in full): for tests that reading stays linear. */
  readonly work?: { scanned: number };
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

const UNCLOSED = 'a quoted field opened on this line is never closed (a missing closing quote; everything after it was read as that field)';
const AFTER_QUOTE =
  'text follows the closing quote of a quoted field in the record starting on this line (a quote inside a quoted field must be doubled: "")';

const QUOTE = 34;
/** How much of the next chunk, at least, joins a record carried over from the one before. */
const CARRY_STEP = 1 << 16;
const LF = 10;
const CR = 13;

/**
 * End of the first line outside quotes (at its LF or CR), or -1 when the text has none yet. The
 * scan resumes where the last one stopped (`state`), so a header that arrives in many chunks is
 * walked once, not once per chunk.
 */
function headerEnd(text: string, state: { from: number; quoted: boolean }): number {
  let quoted = state.quoted;
  for (let i = state.from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if ((c === LF || c === CR) && !quoted) return i;
  }
  state.from = text.length;
  state.quoted = quoted;
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

/**
 * Space around a field, quoted or not: JavaScript's white space and line terminators (space, tab,
 * VT, FF, NBSP, U+1680, U+2000-200A, U+2028-2029, U+202F, U+205F, U+3000, U+FEFF), the list
 * csv-parse trimmed with. (csv-parse failed to match the characters of more than one byte right
 * after a closing quote, so `"x"` followed by a no-break space was a syntax error there; here it
 * is the field x; and csv-parse opened an empty quoted field again at a quote after spaces,
 * `"" "x"`, which here is text after a closing quote, like `"a" "x"` there.)
 */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** An unquoted cell without the space around it. */
function trimmed(text: string): string {
  const n = text.length;
  if (n === 0) return text;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(n - 1);
  // Nearly every cell: nothing to trim, no call.
  if (first > 32 && first < 127 && last > 32 && last < 127) return text;
  return text.trim();
}

/** Counted line breaks (LF, CRLF, lone CR) in quoted text, and the text with each as LF. */
function normalisedBreaks(text: string): { text: string; breaks: number } {
  let breaks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) breaks++;
    else if (c === CR) {
      breaks++;
      if (text.charCodeAt(i + 1) === LF) i++;
    }
  }
  if (breaks === 0) return { text, breaks };
  return { text: text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n'), breaks };
}

/** Needs the text that follows before the record at hand can be read. */
const MORE = null;

/**
 * Reads records from text that arrives in pieces. `push` adds text; `next` gives the next record
 * or MORE when it needs more text (until `end` says there is none).
 */
class Tokenizer {
  private buf = '';
  private pos = 0;
  /** Text pushed but not yet in `buf`. */
  private queue = '';
  private ended = false;
  /** No text is left to come beyond `buf`. */
  private final = false;
  /** Physical line of the next record. */
  line = 1;
  /** The line breaks inside the quoted fields of the record last read. */
  private breaks = 0;
  // Where the next quote and CR are at or after `pos` (buf.length when none): found once, reused
  // until passed, so quote-free and CR-free text is scanned for them once only.
  private nextQuote = -1;
  private nextCR = -1;

  constructor(
    private readonly delimiter: string,
    private readonly work: { scanned: number } | undefined,
  ) {}

  push(text: string): void {
    this.queue = this.queue.length === 0 ? text : this.queue + text;
    if (this.ready()) this.refill();
  }

  /**
   * Is there enough queued text to try the record at hand again? A record longer than a chunk (a
   * quoted field of megabytes, or one never closed) is walked from its start at each try, so it
   * waits until the queue is as long as what is carried: each try then at least doubles the text,
   * and the tries together walk a field a few times, not once per chunk (which was quadratic:
   * 40 MB in 117 s).
   */
  private ready(): boolean {
    const carried = this.buf.length - this.pos;
    return this.ended || carried <= CARRY_STEP || this.queue.length >= carried;
  }

  /**
   * Moves text from the queue into `buf`. A record cut by a chunk's end is carried over joined to
   * only the next line or so of the queue, never to the whole chunk: a joined (cons) string is
   * searched by indexOf several times slower than a flat one (measured: the 1M applications file
   * tokenized in 1.2 s with each chunk joined to its carry-over, 0.5 s like this).
   */
  private refill(): void {
    const carry = this.pos < this.buf.length ? this.buf.slice(this.pos) : '';
    const queue = this.queue;
    if (carry.length === 0) {
      this.buf = queue;
      this.queue = '';
    } else {
      // At least as much as is carried, so a long record's next try has twice the text (see ready()).
      // When the queue is no longer than a long record, it is taken whole: cut at its first line
      // break, the last chunks of a field holding line breaks moved a line per try (quadratic).
      const long = carry.length > CARRY_STEP;
      const step = long ? carry.length : CARRY_STEP;
      let cut = long && step >= queue.length ? -1 : queue.indexOf('\n', step < queue.length ? step : 0);
      cut = cut === -1 ? queue.length : cut + 1;
      this.buf = carry + queue.slice(0, cut);
      this.queue = cut === queue.length ? '' : queue.slice(cut);
    }
    this.pos = 0;
    this.nextQuote = -1;
    this.nextCR = -1;
    this.final = this.ended && this.queue.length === 0;
    if (this.work !== undefined) this.work.scanned += this.buf.length;
  }

  end(): void {
    this.ended = true;
    this.final = this.queue.length === 0;
  }

  /** The next record (empty lines skipped and counted), MORE, or undefined at the end of the text. */
  next(): string[] | typeof MORE | undefined {
    for (;;) {
      const fields = this.record();
      if (fields !== MORE || this.queue.length === 0 || !this.ready()) return fields;
      this.refill();
    }
  }

  private record(): string[] | typeof MORE | undefined {
    for (;;) {
      const buf = this.buf;
      const pos = this.pos;
      if (pos >= buf.length) return this.final ? undefined : MORE;
      if (this.nextQuote < pos) this.nextQuote = indexOrEnd(buf, '"', pos);
      if (this.nextCR < pos) this.nextCR = indexOrEnd(buf, '\r', pos);
      let lf = buf.indexOf('\n', pos);
      if (lf === -1) lf = buf.length;
      const eol = lf < this.nextCR ? lf : this.nextCR;
      let fields: string[] | typeof MORE;
      if (this.nextQuote < eol) {
        fields = this.quotedRecord();
        if (fields === MORE) return MORE;
      } else {
        // No quote before the line ends: the record is this line.
        if (eol === buf.length && !this.final) return MORE;
        let after = eol + 1;
        if (eol < buf.length && buf.charCodeAt(eol) === CR) {
          if (eol + 1 === buf.length && !this.final) return MORE;
          if (buf.charCodeAt(eol + 1) === LF) after++;
        }
        fields = this.splitLine(buf, pos, eol);
        this.pos = after;
        this.breaks = 0;
      }
      const line = this.line;
      this.line += 1 + this.breaks;
      if (fields.length === 1 && fields[0] === '') continue;
      this.recordLine = line;
      return fields;
    }
  }

  /** The line the record last returned by `next` starts on. */
  recordLine = 0;

  private splitLine(buf: string, from: number, to: number): string[] {
    const d = this.delimiter;
    const fields: string[] = [];
    let start = from;
    for (;;) {
      let at = buf.indexOf(d, start);
      if (at === -1 || at > to) at = to;
      fields.push(trimmed(buf.slice(start, at)));
      if (at === to) return fields;
      start = at + 1;
    }
  }

  /** A record holding a quote, character by character; it may span lines. */
  private quotedRecord(): string[] | typeof MORE {
    const buf = this.buf;
    const n = buf.length;
    const d = this.delimiter.charCodeAt(0);
    const fields: string[] = [];
    let breaks = 0;
    let i = this.pos;
    for (;;) {
      // Space before a field is not data (the delimiter itself is never space here).
      while (i < n) {
        const c = buf.charCodeAt(i);
        if (c === d || c === LF || c === CR || !isSpace(c)) break;
        i++;
      }
      let c = i < n ? buf.charCodeAt(i) : -1;
      if (c === QUOTE) {
        // A quoted field: to the closing quote; a doubled quote is one quote.
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = buf.indexOf('"', from);
          if (q === -1 || (q + 1 === n && !this.final)) {
            if (this.final && q === -1) throw new CsvSyntaxError(this.line + breaks, UNCLOSED);
            return MORE;
          }
          if (buf.charCodeAt(q + 1) === QUOTE) {
            value += buf.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += buf.slice(from, q);
          i = q + 1;
          break;
        }
        // Only space may follow the closing quote before the delimiter or the line's end.
        while (i < n) {
          c = buf.charCodeAt(i);
          if (c === d || c === LF || c === CR || !isSpace(c)) break;
          i++;
        }
        c = i < n ? buf.charCodeAt(i) : -1;
        if (c !== d && c !== LF && c !== CR && c !== -1) throw new CsvSyntaxError(this.line, AFTER_QUOTE);
        const read = normalisedBreaks(value);
        breaks += read.breaks;
        fields.push(read.text);
      } else {
        // An unquoted field: to the delimiter or the line's end; a quote in it is a character.
        const from = i;
        while (i < n) {
          c = buf.charCodeAt(i);
          if (c === d || c === LF || c === CR) break;
          i++;
        }
        c = i < n ? buf.charCodeAt(i) : -1;
        fields.push(trimmed(buf.slice(from, i)));
      }
      if (c === d) {
        i++;
        continue;
      }
      // The record ends at a line break or at the end of the text.
      if (c === -1 && !this.final) return MORE;
      if (c === CR) {
        if (i + 1 === n && !this.final) return MORE;
        if (buf.charCodeAt(i + 1) === LF) i++;
      }
      this.pos = c === -1 ? n : i + 1;
      this.breaks = breaks;
      return fields;
    }
  }
}

function indexOrEnd(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at === -1 ? text.length : at;
}

/**
 * Reads `source` (decoded text chunks) and calls `onRecord` for each record, the header first,
 * with the physical line it starts on. An exception thrown by `onRecord` stops the read and is
 * rethrown as is.
 */
export async function readCsv(
  source: AsyncIterable<string>,
  options: CsvReadOptions,
  onRecord: (fields: string[], line: number) => void,
): Promise<CsvReadResult> {
  const text = source[Symbol.asyncIterator]();
  // The delimiter is decided on the header line, so hold text back until it is complete.
  let head = '';
  let ended = false;
  const scan = { from: 0, quoted: false };
  let end = headerEnd(head, scan);
  while (end === -1) {
    const next = await text.next();
    if (next.done) {
      ended = true;
      break;
    }
    head += next.value;
    end = headerEnd(head, scan);
  }
  if (options.work !== undefined) options.work.scanned += head.length;
  const delimiter = options.delimiter === 'auto' ? detectDelimiter(end === -1 ? head : head.slice(0, end)) : options.delimiter;

  const tokenizer = new Tokenizer(delimiter, options.work);
  let records = 0;
  const drain = (): void => {
    for (;;) {
      const fields = tokenizer.next();
      if (fields === MORE || fields === undefined) return;
      records++;
      onRecord(fields, tokenizer.recordLine);
    }
  };
  try {
    tokenizer.push(head);
    if (!ended) {
      for (;;) {
        drain();
        const next = await text.next();
        if (next.done) break;
        tokenizer.push(next.value);
      }
    }
    tokenizer.end();
    drain();
  } catch (error) {
    await text.return?.(undefined);
    throw error;
  }
  return { delimiter, records };
}

const STOP = new Error('enough records read');

/**
 * The first `maxRecords` records of a text, header included (for guessing from a file's head).
 * A text cut inside a quoted field gives the records before the cut.
 */
export async function readCsvHead(text: string, options: CsvReadOptions & { readonly maxRecords: number }): Promise<string[][]> {
  const records: string[][] = [];
  // readCsv takes an async stream of chunks; this one has its whole text already.
  // eslint-disable-next-line @typescript-eslint/require-await
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
