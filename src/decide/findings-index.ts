/** The findings of a run grouped by application, in the run's order, for the decisions. */
import type { Finding } from '../engine/types.js';

export class FindingsByApplication {
  private readonly map = new Map<string, Finding[]>();

  constructor(findings: readonly Finding[]) {
    for (const f of findings) {
      if (f.applicationId === undefined) continue;
      const list = this.map.get(f.applicationId);
      if (list) list.push(f);
      else this.map.set(f.applicationId, [f]);
    }
  }

  of(applicationId: string): readonly Finding[] {
    return this.map.get(applicationId) ?? [];
  }

  ofRule(applicationId: string, ruleId: string): Finding[] {
    return this.of(applicationId).filter((f) => f.ruleId === ruleId);
  }

  /** Application ids with at least one finding, sorted. */
  applicationIds(): string[] {
    return [...this.map.keys()].sort(compareText);
  }
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareText);
}
