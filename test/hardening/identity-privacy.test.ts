/**
 * (v2) Names and dates of birth from persons.csv (and the searched ones in checks.csv) are held for
 * matching only: none reaches any output of audit (every format), validate, diff or anonymise,
 * whether the row is accepted or rejected. Random names and dates (fast-check, fixed seed) so the
 * check does not hang on a few hand-picked strings.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cli, tmp } from '../support/cli.js';

// A key as `anonymise --new-key` prints one: one letter repeated is refused as guessable.
const KEY = 'S7u6SipNPDZM72fCkpGFEoD6UWvfcBLlxlVw-qJle_4';
// Long, letter-only names (8-12 letters) so one cannot turn up by chance in a hash or an id.
const name = fc.stringMatching(/^[A-Z][a-z]{7,11}$/);
const dob = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2005-12-31T00:00:00Z'), noInvalidDate: true });

interface Person {
  surname: string;
  forename: string;
  dob: Date;
}

const people: Person[] = fc.sample(fc.record({ surname: name, forename: name, dob }), { numRuns: 12, seed: 20261203 });

const iso = (d: Date): string => d.toISOString().slice(0, 10);
/** The ways a date of birth could be written in an output. */
function spellings(d: Date): string[] {
  const [y, m, day] = iso(d).split('-');
  return [iso(d), `${day}/${m}/${y}`, `${y}${m}${day}`];
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

describe('names and dates of birth appear in no output', () => {
  it('of audit, validate, diff and anonymise', async () => {
    const work = await tmp('privacy');
    const input = join(work, 'in');
    const apps = ['application_id,route,received_at,person_at_risk_id,subject_id,decision,decision_at'];
    const persons = ['person_id,surname,forenames,date_of_birth,pnc_id'];
    const checks = ['check_id,application_id,system,about,performed_at,performed_by,searched_surname,searched_date_of_birth,result'];
    people.forEach((p, i) => {
      apps.push(`A${i},right_to_ask,2023-01-0${(i % 9) + 1},PAR${i},S${i},no_disclosure,2023-01-20`);
      persons.push(`S${i},${p.surname},${p.forename},${iso(p.dob)},PNC${i}X`);
      checks.push(`C${i},A${i},pnc,subject,2023-01-10,H1,${p.surname.toUpperCase()},${iso(p.dob)},no_trace`);
    });
    // Rejected rows too: a bad date of birth and a check of an unknown application.
    persons.push(`S99,${people[0]!.surname}x,Bad,31/02/${people[0]!.dob.getUTCFullYear()},`);
    checks.push(`C99,A404,pnc,,2023-01-10,,${people[1]!.surname},${iso(people[1]!.dob)},trace`);
    await mkdir(input, { recursive: true });
    await writeFile(join(input, 'applications.csv'), `${apps.join('\n')}\n`);
    await writeFile(join(input, 'persons.csv'), `${persons.join('\n')}\n`);
    await writeFile(join(input, 'checks.csv'), `${checks.join('\n')}\n`);

    const texts: string[] = [];
    const run = async (args: string[], env: Record<string, string> = {}): Promise<void> => {
      const r = await cli(args, { cwd: work, env });
      texts.push(r.stdout, r.stderr);
    };
    await run(['audit', 'in', '--as-of', '2025-01-31', '--fail-on', 'none', '--format', 'table,json,csv,md,html,junit', '--out', 'report']);
    await run(['audit', 'in', '--as-of', '2025-01-31', '--fail-on', 'none']);
    await run(['validate', 'in']);
    await run(['diff', 'report/report.json', 'report/report.json']);
    // Without --shift-weeks a copy keeps every date as it was, dates of birth included (BRIEF
    // section 8: they are dates, so the copy's duplicates match as the original's do); a copy to
    // share moves them.
    await run(['anonymise', 'in', '--out', 'anon', '--shift-weeks'], { DVDS_ANONYMISE_KEY: KEY });
    for (const file of await filesUnder(join(work, 'report'))) texts.push(await readFile(file, 'utf8'));
    for (const file of await filesUnder(join(work, 'anon'))) texts.push(await readFile(file, 'utf8'));
    expect(texts.join('').length).toBeGreaterThan(1000);
    // The rejected rows are reported, by line and column.
    expect(texts.join('')).toContain('date_of_birth');

    const all = texts.join('\n').toUpperCase();
    for (const p of people) {
      expect(all, p.surname).not.toContain(p.surname.toUpperCase());
      expect(all, p.forename).not.toContain(p.forename.toUpperCase());
      for (const s of spellings(p.dob)) expect(all, s).not.toContain(s);
    }
    // Nor the bad value of the rejected date of birth.
    expect(all).not.toContain(`31/02/${people[0]!.dob.getUTCFullYear()}`);
  });
});
