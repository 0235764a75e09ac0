/**
 * The suggested failure type of an application (BRIEF section 6, v2), in the source review's
 * classes: `harm` when a harm finding grounds a dsi-and-conduct or conduct-gravity route (a harm
 * after a correctly handled case, dsi-assess, is not a failure); else `service`, else
 * `administrative`, when a finding not at info of a rule of that failureType is present; else `none`.
 */
import type { RuleKinds } from '../engine/service-failure.js';
import type { FailureType } from '../engine/types.js';
import type { Dataset } from '../model/dataset.js';
import type { SuggestedType } from '../model/report.js';
import type { FindingsByApplication } from './findings-index.js';
import type { ApplicationRoutes } from './referrals.js';

export interface Suggestions {
  /** Applications with a suggested type other than `none`, by id. */
  readonly byApplication: ReadonlyMap<string, Exclude<SuggestedType, 'none'>>;
  /** Accepted applications per suggested type (`none` included). */
  readonly counts: Readonly<Record<SuggestedType, number>>;
}

export function suggestTypes(dataset: Dataset, byApplication: FindingsByApplication, kinds: RuleKinds, routes: readonly ApplicationRoutes[]): Suggestions {
  const harmed = new Set<string>();
  for (const r of routes) {
    if (r.routes.some((g) => g.route === 'dsi-and-conduct' || g.route === 'conduct-gravity')) harmed.add(r.app.application_id);
  }
  const out = new Map<string, Exclude<SuggestedType, 'none'>>();
  const counts: Record<FailureType, number> = { harm: 0, service: 0, administrative: 0, none: 0 };
  for (const { app, findings } of byApplication.applications(dataset)) {
    let type: Exclude<SuggestedType, 'none'> | null = harmed.has(app.application_id) ? 'harm' : null;
    if (type === null) {
      for (const f of findings) {
        const t = kinds.failureTypeOf(f);
        if (t === 'service') {
          type = 'service';
          break;
        }
        if (t === 'administrative') type = 'administrative';
      }
    }
    if (type === null) continue;
    out.set(app.application_id, type);
    counts[type] += 1;
  }
  counts.none = dataset.applications.length - counts.harm - counts.service - counts.administrative;
  return { byApplication: out, counts };
}
