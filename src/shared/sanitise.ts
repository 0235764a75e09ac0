/**
 * Text from an export (ids, file names, headers, reasons) on its way to a terminal or a page: what
 * could move the cursor, recolour the screen, end a line or break a document is replaced, by one
 * character everywhere, so a value that held one still shows that something was there.
 */

/**
 * C0 and C1 controls (ESC among them) but tab, LF and CR, DEL, U+FFFE/U+FFFF and lone
 * surrogates. With the `u` flag a surrogate pair is one character and does not match.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is what this is for
export const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;

/** What a control becomes: the replacement character. */
export const REPLACEMENT = '\uFFFD';

/** For a terminal: line breaks and tabs as spaces (a value never ends a line), controls as U+FFFD. */
export function terminalText(text: string): string {
  return text.replace(/\r\n|[\r\n\t]/g, ' ').replace(CONTROL, REPLACEMENT);
}
