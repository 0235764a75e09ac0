/**
 * Progress on stderr for long loads and rule runs: one line, rewritten in place with `\r`, at most
 * every `intervalMs`, and cleared at the end. Shown only to a person at a terminal: never when
 * stderr is a pipe or file, never under CI, never with --quiet, so logs and reports stay clean.
 */
import { terminalText } from '../shared/sanitise.js';
import { monotonicMs } from '../time/clock.js';
import type { CliIO } from './io.js';

export interface Progress {
  /** Whether anything will be shown at all. */
  readonly enabled: boolean;
  /** Replaces the line with `text` (dropped if the last one was shown less than the interval ago). */
  update(text: string): void;
  /** Clears the line, if one was shown; call before any other output to stderr. */
  done(): void;
}

export interface ProgressOptions {
  readonly quiet?: boolean;
  /** Least time between two redraws; default 100 ms. */
  readonly intervalMs?: number;
  /** A monotonic clock in ms (tests give their own). */
  readonly now?: () => number;
}

const CLEAR_LINE = '\r\x1b[K';

/** CI runners set `CI` (GitHub Actions, GitLab, Azure, ...); `CI=false` or `CI=0` opts back out. */
export function inCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v.toLowerCase() !== 'false' && v !== '0';
}

export function progressEnabled(io: Pick<CliIO, 'stderrIsTTY' | 'env'>, quiet = false): boolean {
  return io.stderrIsTTY && !quiet && !inCi(io.env);
}

const OFF: Progress = { enabled: false, update: () => {}, done: () => {} };

export function createProgress(io: CliIO, options: ProgressOptions = {}): Progress {
  if (!progressEnabled(io, options.quiet)) return OFF;
  const interval = options.intervalMs ?? 100;
  const now = options.now ?? monotonicMs;
  let shown = false;
  let last = -Infinity;
  return {
    enabled: true,
    update(text) {
      const t = now();
      if (shown && t - last < interval) return;
      last = t;
      shown = true;
      // A file name or id must not move the cursor or end the line.
      io.stderr(`${CLEAR_LINE}${terminalText(text)}`);
    },
    done() {
      if (shown) io.stderr(CLEAR_LINE);
      shown = false;
      last = -Infinity;
    },
  };
}

/** Thousands separated, as a person reads a row count. */
export function rowCount(n: number): string {
  return n.toLocaleString('en-GB');
}
