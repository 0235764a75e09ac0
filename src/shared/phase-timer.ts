/**
 * `audit --timings`: wall time and memory per phase of a run, for the bench and for anyone asking
 * where a large export's time goes. The one module that turns the monotonic clock into phase
 * figures; auditRun and the audit command are handed a PhaseTimer and only say where a phase
 * ends. Nothing here reaches a report: the lines go to stderr, so a run's output is the same with
 * and without it.
 */
import { monotonicMs } from '../time/clock.js';

/** The audit's phases, in the order they run. */
export const PHASES = ['load', 'rules', 'decide', 'write'] as const;
export type PhaseName = (typeof PHASES)[number];

export interface PhaseFigures {
  readonly phase: PhaseName | 'total';
  readonly ms: number;
  /** Resident set size and V8 heap used when the phase ended, in bytes. */
  readonly rss: number;
  readonly heapUsed: number;
}

export interface PhaseTimer {
  /** The phase that ran since the timer started or the previous phase ended has ended now. */
  end(phase: PhaseName): void;
  /** The phases ended so far, and the total from the start to the last of them. */
  figures(): PhaseFigures[];
}

/** Starts timing now. `now` and `memory` stand in for the clock and the process in tests. */
export function startPhaseTimer(
  now: () => number = monotonicMs,
  memory: () => { rss: number; heapUsed: number } = () => process.memoryUsage(),
): PhaseTimer {
  const started = now();
  let last = started;
  const ended: PhaseFigures[] = [];
  return {
    end(phase) {
      const t = now();
      const { rss, heapUsed } = memory();
      ended.push({ phase, ms: t - last, rss, heapUsed });
      last = t;
    },
    figures() {
      const final = ended.at(-1);
      if (final === undefined) return [];
      return [...ended, { phase: 'total', ms: last - started, rss: final.rss, heapUsed: final.heapUsed }];
    },
  };
}

/**
 * One line per phase, then the total, in a fixed format a script can read:
 * `timing load: 812 ms, rss 310 MiB, heap used 201 MiB` (whole milliseconds and MiB).
 */
export function timingLines(figures: readonly PhaseFigures[]): string[] {
  const mib = (bytes: number): number => Math.round(bytes / 2 ** 20);
  return figures.map((f) => `timing ${f.phase}: ${Math.round(f.ms)} ms, rss ${mib(f.rss)} MiB, heap used ${mib(f.heapUsed)} MiB`);
}
