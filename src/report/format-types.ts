/**
 * The shape every formatter has: the Report in, files out. A formatter renders only what the
 * Report holds; it derives nothing.
 */
import type { Report } from './model.js';

export const FORMATS = ['table', 'json', 'csv', 'md', 'html', 'junit'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface RenderedFile {
  /** File name under --out (e.g. `report.md`; csv gives `findings.csv`, `referrals.csv` and `safeguarding.csv`). */
  readonly name: string;
  readonly content: string;
  /**
   * The same text in pieces, for a file that may be too long for one string (the JSON report of
   * a national export); a writer uses it when present.
   */
  readonly chunks?: () => Iterable<string>;
}

export interface FormatOptions {
  /** Colour for a terminal; false for files, pipes and NO_COLOR. */
  readonly color: boolean;
  /** The terminal's columns, for the table format; 100 when not a terminal, so files and pipes are stable. */
  readonly width?: number;
}

export type Formatter = (report: Report, options: FormatOptions) => RenderedFile[];
