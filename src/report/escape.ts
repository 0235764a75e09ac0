/**
 * Escaping and guards shared by the formatters. Every value that comes from the export (ids, file
 * names, column headers, reasons, evidence) passes through one of these before it reaches a file,
 * so a hostile id stays inert in a spreadsheet, a Markdown viewer, a browser, a CI server or a
 * terminal.
 */
import type { Evidence, EvidenceValue } from '../engine/types.js';
import { CONTROL, REPLACEMENT } from '../shared/sanitise.js';

/** Characters XML 1.0 forbids anywhere (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F). */
const XML_FORBIDDEN = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes what XML 1.0 cannot carry even as a character reference. */
export function dropXmlForbidden(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}

/** For text and attribute values in XML: the five entities, forbidden characters dropped. */
export function escapeXml(text: string): string {
  return dropXmlForbidden(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** As escapeXml, and line breaks kept as references, since a parser folds them to spaces in attributes. */
export function escapeXmlAttr(text: string): string {
  return escapeXml(text).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/**
 * For HTML text and (quoted) attribute values alike. Controls become U+FFFD, so a value that held
 * one still shows that something was there.
 */
// Most values (ids, dates, rule ids) need no escaping: one test instead of six replacements
// (escaping was 0.5 s of the HTML report at 100k applications).
const HTML_PLAIN = new RegExp(`[&<>"']|${CONTROL.source}`, 'u');
const MD_PLAIN = new RegExp(`[\\r\\n\\t&<>\\\\\`*_[\\]|~]|${CONTROL.source}|^[-+#=\\d]`, 'u');

export function escapeHtml(text: string): string {
  if (!HTML_PLAIN.test(text)) return text;
  return text
    .replace(CONTROL, REPLACEMENT)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Markdown's inline syntax characters that could start emphasis, code, strikethrough, a link or
 * image (no `[`, so `(`, `)` and `!` stay plain), or end a table cell.
 */
const MD_SPECIAL = /[\\`*_[\]|~]/g;

/**
 * One value as inert inline Markdown: HTML characters as entities (so `<script>` is text, never a
 * tag), Markdown syntax backslash-escaped, line breaks and tabs as spaces (a value never ends a
 * table row or starts a block), controls as U+FFFD. A leading list marker, heading `#`, `=` or
 * digit-dot is escaped too, for a value that starts a list item's text.
 */
export function escapeMd(text: string): string {
  if (!MD_PLAIN.test(text)) return text;
  const flat = text
    .replace(/\r\n|[\r\n\t]/g, ' ')
    .replace(CONTROL, REPLACEMENT)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MD_SPECIAL, (c) => `\\${c}`);
  // Only a value at the start of a line (e.g. a list item's text) could open a block.
  return flat.replace(/^([-+](?=\s|$)|-(?=-)|#|=)/, '\\$1').replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

/**
 * An id (application, person, staff, reference) as a Markdown code span, so a renderer that
 * turns URL-like text into links leaves it as text (issue 15 item 9), and no character of it is
 * syntax: the fence is one backtick longer than the longest run inside, and a space pads an id
 * that starts or ends with a backtick (or with spaces both sides, which a renderer would strip).
 * Inside a code span nothing is escaped but line breaks and tabs (spaces) and controls (U+FFFD);
 * `inTable` also escapes `|`, which a GFM table splits on even inside a code span.
 */
export function codeMd(text: string, inTable = false): string {
  if (text === '') return '';
  let flat = text.replace(/\r\n|[\r\n\t]/g, ' ').replace(CONTROL, REPLACEMENT);
  if (inTable) flat = flat.replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** The CSV formula guard, one for every CSV the tool writes. */
export { guardCell } from '../shared/csv-cell.js';

/** One evidence value as text: lists joined with commas, null as an empty string. */
export function evidenceValueText(value: EvidenceValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value.join(', ');
}

/** Evidence as `key=value` pairs in the order the rule gave them, separated by `; `. */
export function evidenceText(evidence: Evidence): string {
  return Object.entries(evidence)
    .map(([key, value]) => `${key}=${evidenceValueText(value)}`)
    .join('; ');
}

/**
 * (v2) The heading under which every human format lists the entries of basis `assess`, apart from
 * the IOPC referrals: a death or serious injury with no service failure before it is a DSI matter
 * to record and assess, not (yet) a referral (BRIEF section 6).
 */
export const ASSESS_HEADING = 'DSI matters to record and assess';
export const ASSESS_NOTE =
  'A death or serious injury after police contact with no service failure before it: record the DSI matter and assess whether police contact may have caused or contributed to it; refer if so.';
