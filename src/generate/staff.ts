/**
 * The staff of an export: handlers (one per ~60 cases, capped), the one outlier among them, the
 * handlers with a conduct referral, decision makers who handle nothing, and unknown handler ids
 * that are not on the register. All from the staff stream, in a fixed order: the plan first, then
 * the register, then the referrals.
 */
import { SCHEME_START, NONE } from './case.js';
import { pad } from './ids.js';
import type { Layout } from './layout.js';
import type { Rng } from './prng.js';
import { csvField, type TableWriter } from './table-writer.js';
import { REFERRAL_OUTCOMES } from './texts.js';

export interface Staff {
  /** Every staff id on the register, the handlers first. */
  readonly ids: readonly string[];
  readonly handlers: readonly string[];
  /** The handler given the planted outlier failures. */
  readonly outlier: string;
  /** Handlers with a conduct referral on the register, with its day, in the order they were drawn. */
  readonly referredDay: ReadonlyMap<string, number>;
  /** Handler ids the register does not hold (unknown-handler). */
  readonly unknownHandlers: readonly string[];
}

export function planStaff(applications: number, asOf: number, rng: Rng): Staff {
  const handlerCount = Math.min(2000, Math.max(4, Math.round(applications / 60)));
  const ids = Array.from({ length: handlerCount + Math.ceil(handlerCount / 3) + 3 }, (_, k) => `E${10001 + k}`);
  const handlers = ids.slice(0, handlerCount);
  const outlier = handlers[rng.int(handlers.length)]!;
  const referredCount = Math.max(1, Math.round(handlerCount / 7));
  const referredDay = new Map<string, number>();
  for (let tries = 0; referredDay.size < referredCount && tries < 10 * handlerCount; tries++) {
    const handler = rng.pick(handlers);
    if (handler === outlier || referredDay.has(handler)) continue;
    referredDay.set(handler, SCHEME_START + Math.floor((asOf - SCHEME_START) * (0.3 + 0.4 * rng.next())));
  }
  const unknownHandlers = Array.from({ length: Math.min(20, Math.max(2, Math.round(applications / 5000))) }, (_, k) => `AG${pad(k + 1, 3)}`);
  return { ids, handlers, outlier, referredDay, unknownHandlers };
}

export async function writeStaffRegister(writer: TableWriter, layout: Layout, staff: Staff, rng: Rng): Promise<void> {
  for (const [k, staffId] of staff.ids.entries()) {
    const role = rng.chance(0.4) ? 'officer' : 'staff';
    const isHandler = k < staff.handlers.length;
    const name = rng.chance(0.1) ? `Équipe Sécurité ${pad(k + 1, 3)}` : `${isHandler ? 'Researcher' : 'Decision Maker'} ${pad(k + 1, 4)}`;
    writer.line([staffId, layout.code('role', role), csvField(name)]);
  }
  await writer.close();
}

export interface HandlingRecord {
  /** (v2) Referrals planted while a handler held a case: handler -> day. */
  readonly plantedReferral: ReadonlyMap<string, number>;
  /** The latest end date of the handler's cases; NONE: none. */
  lastEndDay(handler: string): number;
}

export async function writeConductReferrals(
  writer: TableWriter,
  layout: Layout,
  staff: Staff,
  handling: HandlingRecord,
  asOf: number,
  rng: Rng,
): Promise<void> {
  let referralNo = 0;
  const writeReferral = (staffId: string, day: number): void => {
    referralNo += 1;
    writer.line([
      `CR${pad(referralNo, 5)}`,
      staffId,
      layout.date(day),
      layout.code('body', rng.chance(0.3) ? 'iopc' : 'psd'),
      csvField(rng.pick(REFERRAL_OUTCOMES)),
    ]);
  };
  for (const [handler, day] of staff.referredDay) {
    writeReferral(handler, day);
    if (rng.chance(0.5) && day + 30 < asOf) writeReferral(handler, rng.between(day + 30, asOf));
  }
  // Referrals that cannot fire: on or after a handler's last case, and of staff who handle none.
  const others = staff.handlers.filter((h) => h !== staff.outlier && !staff.referredDay.has(h));
  for (let k = 0; k < Math.min(2, others.length); k++) {
    const handler = others[k]!;
    const last = handling.lastEndDay(handler);
    if (last === NONE) continue;
    const day = rng.chance(0.3) ? last : last + rng.between(0, 60);
    if (day <= asOf) writeReferral(handler, day);
  }
  for (const staffId of staff.ids.slice(staff.handlers.length)) {
    if (rng.chance(0.3)) writeReferral(staffId, SCHEME_START - 365 + rng.int(asOf - SCHEME_START + 366));
  }
  // (v2) Referrals made while the handler held a case (last, so the referrals above stay as they were).
  for (const [handler, day] of handling.plantedReferral) writeReferral(handler, day);
  await writer.close();
}
