/**
 * A synthetic DVDS export, shaped like a force's (volumes growing over time, a third disclosed,
 * most in time, a few dozen handlers, incidents, history, staff and conduct referrals), with
 * failures of every rule planted at known rates and written down in `ground-truth.json`.
 *
 * Background cases are built clean of every rule, and each plan changes only what makes its
 * rules fire, so the audit's findings per rule equal the planted set exactly. (v2) The v2 plans
 * (plans.ts V2_PLANS) run on a random stream of their own and take only background slots, and
 * the later passes draw as the background case would have, so adding them leaves the rest of an
 * export as it was: only their own rows differ, and their extra rows come last. Applications are
 * written as they are made (a stream with backpressure); the few integers per application that
 * the incidents and history need are kept in typed arrays (state.ts).
 *
 * Each table is one step, in this order; each step draws only from its own random streams, in a
 * fixed order, so an export is a function of its options.
 */
import { writeFile } from 'node:fs/promises';
import { makeFolder } from '../shared/make-folder.js';
import { join } from 'node:path';
import type { TableName } from '../model/records.js';
import { formatDay } from '../time/london.js';
import { writeApplications } from './applications.js';
import { writeChecks } from './checks.js';
import { type GroundTruth, HarmPairs, handlerOutliers, TruthTally } from './ground-truth.js';
import { Handlers } from './handlers.js';
import { writeHistory } from './history.js';
import { writeHousehold, writeIncidents } from './incidents.js';
import { foreignConfig, type LayoutName, layoutFor } from './layout.js';
import { People } from './people.js';
import { writePersons } from './persons.js';
import { createRng } from './prng.js';
import { referralTruth } from './referral-truth.js';
import { planStaff, writeConductReferrals, writeStaffRegister } from './staff.js';
import { ApplicationState } from './state.js';
import { TableWriter } from './table-writer.js';

export type { GroundTruth, HarmPair, RuleTruth } from './ground-truth.js';

export interface GenerateOptions {
  readonly out: string;
  readonly applications: number;
  readonly seed: number;
  /** The audit date the export is made for, a London day number: no application date is after it unless planted. */
  readonly asOf: number;
  readonly layout: LayoutName;
}

export interface GenerateResult {
  readonly groundTruth: GroundTruth;
  readonly files: { table: TableName; file: string; rows: number }[];
}

export async function generateExport(opts: GenerateOptions): Promise<GenerateResult> {
  const { applications: count, asOf, seed } = opts;
  const layout = layoutFor(opts.layout);
  // One stream per concern, so drawing more in one leaves the others as they were.
  const mainRng = createRng(seed, 1);
  const incidentRng = createRng(seed, 2);
  const historyRng = createRng(seed, 3);
  const staffRng = createRng(seed, 4);
  const v2Rng = createRng(seed, 5);
  await makeFolder(opts.out);

  const rows = {} as Record<TableName, number>;
  const writeTable = async <T>(table: TableName, step: (writer: TableWriter) => Promise<T>): Promise<T> => {
    const writer = new TableWriter(join(opts.out, layout.file(table)), layout.encoding, layout.eol);
    writer.header(layout.header(table));
    const result = await step(writer);
    rows[table] = writer.rows;
    return result;
  };

  const staff = planStaff(count, asOf, staffRng);
  const handlers = new Handlers(staff, asOf);
  const state = new ApplicationState(count);
  const people = new People(state);
  const tally = new TruthTally(count);
  const harmPairs = new HarmPairs();
  await writeTable('applications', (writer) =>
    writeApplications(writer, layout, { asOf, handlerCount: staff.handlers.length, state, people, handlers, tally, rng: mainRng, v2Rng }),
  );
  const household = await writeTable('incidents', (writer) => writeIncidents(writer, layout, state, people, harmPairs, asOf, incidentRng));
  await writeTable('history', (writer) => writeHistory(writer, layout, state, asOf, historyRng));
  await writeTable('staff', (writer) => writeStaffRegister(writer, layout, staff, staffRng));
  await writeTable('conduct_referrals', (writer) => writeConductReferrals(writer, layout, staff, handlers, asOf, staffRng));
  await writeTable('household', (writer) => writeHousehold(writer, layout, household));
  await writeTable('persons', (writer) => writePersons(writer, layout, state, seed));
  await writeTable('checks', (writer) => writeChecks(writer, layout, state, seed));

  const groundTruth: GroundTruth = {
    generator: 'dvds-audit generate',
    seed,
    asOf: formatDay(asOf),
    layout: opts.layout,
    counts: {
      rows,
      handlers: staff.handlers.length,
      serviceFailures: tally.serviceFailures,
      casesWithHandler: handlers.casesWithHandler,
      plans: tally.planCounts(),
    },
    planted: tally.plantedIds(),
    rules: tally.rules(harmPairs.pairs, handlerOutliers(handlers.stats, handlers.casesWithHandler)),
    decisions: referralTruth(tally.facts, harmPairs.facts),
  };
  await writeFile(join(opts.out, 'ground-truth.json'), `${JSON.stringify(groundTruth, null, 2)}\n`);
  if (opts.layout === 'foreign') {
    await writeFile(join(opts.out, 'dvds-audit.config.json'), `${JSON.stringify(foreignConfig(), null, 2)}\n`);
  }
  const files = (Object.keys(rows) as TableName[]).map((table) => ({ table, file: layout.file(table), rows: rows[table] }));
  return { groundTruth, files };
}
