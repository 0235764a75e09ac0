/** (v2) The value profile as terminal lines, one per column: shared by `validate` and `init`. */
import type { ValueProfile } from '../load/read-table.js';
import { terminalText } from '../shared/sanitise.js';

const quoted = (raw: string): string => (raw === '' ? '(empty)' : `"${terminalText(raw)}"`);

/**
 * Per flag, enum and yes/no column, each raw value with its count and what it was read as, so a
 * mapping that reads "N" as a route, or "No" as exceptional circumstances, is seen before the
 * audit. Free text read as recorded is counted, never shown.
 */
export function profileLines(file: string, columns: readonly ValueProfile[]): string[] {
  return columns.map((column) => {
    const parts = column.values.map((v) => `${quoted(v.raw)} x${v.count} -> ${v.read}`);
    if (column.otherCells > 0) parts.push(`${column.otherCells} cell${column.otherCells === 1 ? '' : 's'} of other values`);
    if (column.recordedText !== undefined && column.recordedText > 0) {
      parts.push(`${column.recordedText} cell${column.recordedText === 1 ? '' : 's'} of text read as recorded (not shown)`);
    }
    return `${terminalText(file)} "${terminalText(column.column)}" -> ${column.field}: ${parts.length === 0 ? 'no values' : parts.join('; ')}`;
  });
}
