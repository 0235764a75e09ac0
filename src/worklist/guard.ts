/**
 * (v2) The worklist's formula guard, made reversible so the team's text round-trips exactly
 * (BRIEF section 6b): on writing, a cell starting with a character a spreadsheet reads as a
 * formula (= + - @ tab CR), or with `'` and such a character, gets one leading `'`; on reading,
 * one leading `'` before such a character, or before `'` and such a character, is removed. A
 * cell that merely starts with `'` otherwise is left alone both ways.
 */
const FORMULA = /^[=+\-@\t\r]/;

function guarded(text: string): boolean {
  return FORMULA.test(text) || (text.startsWith("'") && FORMULA.test(text.slice(1)));
}

export function guardCell(text: string): string {
  return guarded(text) ? `'${text}` : text;
}

export function unguardCell(text: string): string {
  return text.startsWith("'") && guarded(text.slice(1)) ? text.slice(1) : text;
}
