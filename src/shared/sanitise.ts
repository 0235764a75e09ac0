/**
 * Text from an export (ids, file names, headers, reasons) on its way to a terminal or a page: what
 * could move the cursor, recolour the screen, end a line or break a document is replaced, by one
 * character everywhere, so a value that held one still shows that something was there.
 *
 * Two levels, one set of characters (TERMINAL_UNSAFE):
 * - terminalText, for one value inside a line: its line breaks and tabs become spaces too.
 * - terminalOutput, for everything the CLI writes to stdout or stderr (src/cli/terminal.ts): the
 *   output's own line breaks stay, and so do the few escape sequences the CLI itself writes to a
 *   terminal (its colours, the progress line's clear), nothing else.
 */

/**
 * C0 and C1 controls (ESC among them) but tab, LF and CR, DEL, U+FFFE/U+FFFF and lone
 * surrogates. With the `u` flag a surrogate pair is one character and does not match.
 * The file formats (html, md) use this set; the terminal takes a wider one (TERMINAL_UNSAFE).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is what this is for
export const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;

/**
 * What, beyond CONTROL, a terminal must not be given from the data. The set and why:
 * - Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the bidi marks
 *   (U+200E LRM, U+200F RLM, U+061C ALM): invisible, yet they reorder what is shown, so an id or
 *   path can display as another (the "Trojan Source" set, CVE-2021-42574). A terminal line of this
 *   tool never needs one: right-to-left text in a name still shows in its own order without them.
 * - U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR: line breaks to some terminals and
 *   viewers, so a value could start a forged line. (U+0085 NEXT LINE is a C1 control, in CONTROL.)
 * Left alone on purpose: ZWJ/ZWNJ (U+200D/U+200C), needed to write Arabic, Persian and Indic
 * names and emoji correctly, and U+FEFF/U+200B: they neither move the cursor nor reorder text.
 */
const BIDI_AND_SEPARATORS = '\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029';

/** CONTROL and BIDI_AND_SEPARATORS: every character the terminal is never given from the data. */
export const TERMINAL_UNSAFE = new RegExp(`[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\uFFFE\\uFFFF${BIDI_AND_SEPARATORS}]|[\\uD800-\\uDFFF]`, 'gu');

/** What a control becomes: the replacement character. */
export const REPLACEMENT = '\uFFFD';

/** For a terminal: line breaks and tabs as spaces (a value never ends a line), the rest of TERMINAL_UNSAFE as U+FFFD. */
export function terminalText(text: string): string {
  return text.replace(/\r\n|[\r\n\t]/g, ' ').replace(TERMINAL_UNSAFE, REPLACEMENT);
}

/**
 * The escape sequences the CLI itself writes to a terminal, exactly: chalk's level-1 colours for the
 * styles it uses (bold 1/22, underline 4/24, red 31, green 32, yellow 33, cyan 36, gray 90, the
 * colour's end 39) and the progress line's carriage return and clear-to-end-of-line. None can
 * hide text, move the cursor elsewhere, retitle the window or clear the screen.
 */
// eslint-disable-next-line no-control-regex -- the CLI's own escape sequences are what this names
const OWN_SEQUENCE = /\x1b\[(?:1|4|22|24|31|32|33|36|39|90)m|\r\x1b\[K/;

// A CRLF is a line break (csv); a lone CR would let what follows overwrite the start of the line.
const OUTPUT_UNSAFE = new RegExp(`(${OWN_SEQUENCE.source})|\\r\\n|\\r|${TERMINAL_UNSAFE.source}`, 'gu');

export interface TerminalOutputOptions {
  /** Keep the CLI's own colour and progress sequences (the stream is a terminal); otherwise none. */
  readonly ownSequences: boolean;
}

/**
 * For a whole output on its way to stdout or stderr: LF, CRLF and tab kept (the output's own
 * layout), the CLI's own sequences kept when `ownSequences`, and every other character of
 * TERMINAL_UNSAFE (ESC, a lone CR, C1, bidi, U+2028/U+2029) as U+FFFD.
 */
export function terminalOutput(text: string, options: TerminalOutputOptions): string {
  return text.replace(OUTPUT_UNSAFE, (match: string, own: string | undefined) => {
    if (match === '\r\n') return match;
    if (own !== undefined) return options.ownSequences ? match : match.replace(/\r/g, REPLACEMENT).replace(TERMINAL_UNSAFE, REPLACEMENT);
    return REPLACEMENT;
  });
}
