/**
 * The one cell writer of every CSV the tool writes for a spreadsheet (findings.csv,
 * referrals.csv, safeguarding.csv, worklist.csv): UTF-8 with a BOM (so Excel reads UTF-8), CRLF
 * line ends, each cell under the formula guard and quoted when it holds anything a spreadsheet
 * could split on.
 *
 * The guard is the reversible one of BRIEF section 6b, applied to every part of a cell: a cell
 * starts a part, and so does each character after a `;` or a tab, since a spreadsheet that splits
 * on either (Excel on a continental PC, a paste into a sheet) makes each part a cell of its own
 * (issue 15 item 9: `x;=cmd|' /C calc'!A0;y` must not become a formula there). A part starting
 * with a character a spreadsheet reads as a formula (= + - @ tab CR), or with `'` and such a
 * character, gets one leading `'`; reading removes exactly that `'` again, so the team's text in
 * the worklist round-trips.
 */

const FORMULA = /^[=+\-@\t\r]/;

function guarded(text: string): boolean {
  return FORMULA.test(text) || (text.startsWith("'") && FORMULA.test(text.slice(1)));
}

// Each piece ends just after its separator, so a `'` put at a piece's start never moves a
// separator: the written text splits into exactly the guarded pieces, and unguarding is exact.
const PARTS = /(?<=[;\t])/;

export function guardCell(text: string): string {
  if (!/[;\t]/.test(text)) return guarded(text) ? `'${text}` : text;
  return text
    .split(PARTS)
    .map((part) => (guarded(part) ? `'${part}` : part))
    .join('');
}

export function unguardCell(text: string): string {
  const one = (part: string): string => (part.startsWith("'") && guarded(part.slice(1)) ? part.slice(1) : part);
  if (!/[;\t]/.test(text)) return one(text);
  return text.split(PARTS).map(one).join('');
}

/** A cell is quoted when it holds a comma, a quote, a `;`, a tab or a line break: any of them could end the cell in some reader. */
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** One cell as written: guarded, then quoted if it must be. */
export function csvCell(text: string): string {
  const cell = guardCell(text);
  return NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** A whole file: BOM, comma-separated guarded cells, CRLF after every record. */
export function csvText(records: Iterable<readonly string[]>): string {
  return [...csvPieces(records)].join('');
}

const PIECE_CHARS = 1 << 15;

/** The same text in pieces of about 32K characters: a national size's findings.csv is never one string. */
export function* csvPieces(records: Iterable<readonly string[]>): Generator<string> {
  let out = '\uFEFF';
  for (const record of records) {
    out += `${record.map(csvCell).join(',')}\r\n`;
    if (out.length >= PIECE_CHARS) {
      yield out;
      out = '';
    }
  }
  if (out !== '') yield out;
}
