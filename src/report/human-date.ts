/**
 * Dates as an analyst in England reads them, for the human formats (table, md, html):
 * `03/04/2023 09:30` in Europe/London local time, `03/04/2023` for a date without a time. The
 * report holds ISO 8601 (json and csv keep it); this only changes how it is shown, from the text
 * alone, so it is the same on every machine whatever its time zone.
 */
import { londonOffsetMinutes } from '../time/london.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const two = (n: number): string => String(n).padStart(2, '0');

/** Offset text (`Z`, `+01:00`, `-0500`) in minutes east of UTC. */
function offsetMinutes(text: string): number {
  if (text === 'Z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/**
 * An ISO 8601 date or date-time as `dd/MM/yyyy` or `dd/MM/yyyy HH:mm` (London). A time with an
 * offset is moved to London's wall clock at that instant (GMT or BST); a time without one already
 * is London time (BRIEF section 2). Text that is not an ISO date is returned as it is.
 */
export function humanDate(text: string): string {
  const m = ISO.exec(text);
  if (m === null) return text;
  const [, y, mo, d, hh, mm, ss, offset] = m;
  if (hh === undefined || mm === undefined) return `${d}/${mo}/${y}`;
  if (offset === undefined) return `${d}/${mo}/${y} ${hh}:${mm}`;
  const instant = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(hh), Number(mm), Number(ss ?? 0)) - offsetMinutes(offset) * 60_000;
  const local = new Date(instant + londonOffsetMinutes(instant) * 60_000);
  return `${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
}
