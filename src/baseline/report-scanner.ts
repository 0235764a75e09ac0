/**
 * A report file read as a stream of bytes, its top-level object member by member: the members a
 * caller names are parsed, the elements of `findings` are handed over one at a time, and every
 * other member (referrals, statistics, ...) is passed over with its strings and nesting followed,
 * never parsed. A national export's report (~750 MB at 1M applications) is never held: only a
 * window of a few megabytes, grown when one value is longer. Synchronous reads: the audit waits on
 * the baseline before anything else can run.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';

const WINDOW_BYTES = 1 << 22;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** The report's bytes are not the JSON object they should be; `at` is a byte offset in the file. */
export class ReportSyntaxError extends Error {}

export interface ScanVisitor {
  /** Members parsed whole, by name; the rest are passed over unless they are `findings`. */
  readonly members: ReadonlySet<string>;
  /** Whether the element of `findings` at this index is wanted (else it is passed over unparsed). */
  wants(index: number): boolean;
  /** Each wanted element of the top-level `findings` array, as its JSON text, in file order. */
  finding(text: string, index: number): void;
}

export interface ScanResult {
  /** The members asked for, parsed; `findings` is absent from it. */
  readonly members: ReadonlyMap<string, unknown>;
  /** Whether the object has a `findings` member that is an array. */
  readonly hasFindings: boolean;
  /** sha256 of the file's bytes. */
  readonly sha256: string;
  /** Whether the file's first value is an object at all (else nothing else here is set). */
  readonly isObject: boolean;
}

class ByteWindow {
  buf: Buffer;
  /** File offset of buf[0]. */
  base = 0;
  /** Bytes of buf holding the file. */
  len = 0;
  eof = false;
  /** File offset from which bytes must stay in the window (the value being read). */
  mark = 0;
  readonly hash = createHash('sha256');

  constructor(
    private readonly fd: number,
    windowBytes: number,
  ) {
    this.buf = Buffer.allocUnsafe(windowBytes);
  }

  /** Reads more of the file, keeping bytes from `mark` on; false at the end of the file. */
  more(): boolean {
    if (this.eof) return false;
    const keep = Math.min(Math.max(this.mark - this.base, 0), this.len);
    if (keep > 0) {
      this.buf.copyWithin(0, keep, this.len);
      this.len -= keep;
      this.base += keep;
    }
    if (this.len === this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    const n = readSync(this.fd, this.buf, this.len, this.buf.length - this.len, null);
    if (n === 0) {
      this.eof = true;
      return false;
    }
    this.hash.update(this.buf.subarray(this.len, this.len + n));
    this.len += n;
    return true;
  }

  /** The byte at file offset `at`, or -1 past the end. */
  at(at: number): number {
    while (at - this.base >= this.len) if (!this.more()) return -1;
    return this.buf[at - this.base]!;
  }

  text(from: number, to: number): string {
    return this.buf.toString('utf8', from - this.base, to - this.base);
  }

  /** Reads to the end (for the hash), discarding. */
  drain(): void {
    for (;;) {
      this.mark = this.base + this.len;
      if (!this.more()) return;
    }
  }
}

function fail(what: string, at: number): never {
  throw new ReportSyntaxError(`${what} at byte ${at}`);
}

function skipSpace(w: ByteWindow, i: number): number {
  while (isSpace(w.at(i))) i++;
  return i;
}

/**
 * The end (exclusive file offset) of the value starting at `start`: a string, a bracketed value
 * with its strings skipped, or a literal. With `keep`, its bytes stay in the window for `text`.
 */
function valueEnd(w: ByteWindow, start: number, keep: boolean): number {
  w.mark = start;
  const first = w.at(start);
  if (first === -1) fail('expected a value', start);
  const literal = first !== QUOTE && first !== OPEN_OBJECT && first !== OPEN_ARRAY;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let k = start - w.base;
  for (;;) {
    const { buf, len } = w;
    for (; k < len; k++) {
      const b = buf[k]!;
      if (literal) {
        if (b === COMMA || b === CLOSE_OBJECT || b === CLOSE_ARRAY || isSpace(b)) return k + w.base === start ? fail('expected a value', start) : k + w.base;
      } else if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) {
          inString = false;
          if (depth === 0) return k + w.base + 1;
        }
      } else if (b === QUOTE) inString = true;
      else if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
      else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        depth--;
        if (depth === 0) return k + w.base + 1;
      }
    }
    const reached = w.base + len;
    if (!keep) w.mark = reached;
    if (!w.more()) {
      if (literal) return reached;
      return fail(first === QUOTE ? 'unterminated string' : 'unterminated object or array', start);
    }
    k = reached - w.base;
  }
}

/** Scans the report file at `path` (already checked to be a regular file); `windowBytes` is for the tests. */
export function scanReport(path: string, visitor: ScanVisitor, windowBytes = WINDOW_BYTES): ScanResult {
  const fd = openSync(path, 'r');
  try {
    const w = new ByteWindow(fd, windowBytes);
    const members = new Map<string, unknown>();
    let hasFindings = false;
    let i = w.at(0) === 0xef && w.at(1) === 0xbb && w.at(2) === 0xbf ? 3 : 0;
    i = skipSpace(w, i);
    if (w.at(i) !== OPEN_OBJECT) {
      w.drain();
      return { members, hasFindings, sha256: w.hash.digest('hex'), isObject: false };
    }
    i = skipSpace(w, i + 1);
    if (w.at(i) !== CLOSE_OBJECT) {
      for (;;) {
        if (w.at(i) !== QUOTE) fail('expected a member name', i);
        const keyEnd = valueEnd(w, i, true);
        const key = JSON.parse(w.text(i, keyEnd)) as string;
        i = skipSpace(w, keyEnd);
        if (w.at(i) !== COLON) fail('expected :', i);
        i = skipSpace(w, i + 1);
        let end: number;
        if (key === 'findings' && w.at(i) === OPEN_ARRAY) {
          if (hasFindings) fail('a second findings member', i);
          hasFindings = true;
          end = scanArray(w, i, visitor);
        } else if (visitor.members.has(key)) {
          end = valueEnd(w, i, true);
          members.set(key, JSON.parse(w.text(i, end)));
        } else {
          end = valueEnd(w, i, false);
        }
        i = skipSpace(w, end);
        const b = w.at(i);
        if (b === COMMA) i = skipSpace(w, i + 1);
        else if (b === CLOSE_OBJECT) break;
        else fail('expected , or }', i);
      }
    }
    w.mark = i + 1;
    const after = skipSpace(w, i + 1);
    if (w.at(after) !== -1) fail('unexpected text after the report', after);
    return { members, hasFindings, sha256: w.hash.digest('hex'), isObject: true };
  } finally {
    closeSync(fd);
  }
}

/** The elements of the array at `start`, each handed to the visitor; returns the array's end. */
function scanArray(w: ByteWindow, start: number, visitor: ScanVisitor): number {
  let i = skipSpace(w, start + 1);
  if (w.at(i) === CLOSE_ARRAY) return i + 1;
  for (let index = 0; ; index++) {
    const wanted = visitor.wants(index);
    const end = valueEnd(w, i, wanted);
    if (wanted) visitor.finding(w.text(i, end), index);
    i = skipSpace(w, end);
    const b = w.at(i);
    if (b === COMMA) i = skipSpace(w, i + 1);
    else if (b === CLOSE_ARRAY) return i + 1;
    else fail('expected , or ]', i);
  }
}
