import { describe, expect, it } from 'vitest';
import { dropXmlForbidden, evidenceText } from '../../src/report/escape.js';
import { renderJunit } from '../../src/report/junit.js';
import type { Report } from '../../src/report/model.js';
import { emptyReport } from '../fixtures/report-empty.js';
import { hostileReport } from '../fixtures/report-hostile.js';
import { baselineReport, realisticReport } from '../fixtures/report-realistic.js';
import { parseXml, type XmlElement } from './xml-check.js';

function render(report: Report): { xml: string; suite: XmlElement; referrals: XmlElement; root: XmlElement } {
  const files = renderJunit(report, { color: false });
  expect(files.map((f) => f.name)).toEqual(['junit.xml']);
  const xml = files[0]!.content;
  const root = parseXml(xml);
  expect(root.name).toBe('testsuites');
  expect(root.children.map((c) => [c.name, c.attrs['name']])).toEqual([
    ['testsuite', 'dvds-audit'],
    ['testsuite', 'dvds-audit.referrals'],
  ]);
  return { xml, suite: root.children[0]!, referrals: root.children[1]!, root };
}

const cases = (suite: XmlElement): XmlElement[] => suite.children.filter((c) => c.name === 'testcase');

describe('junit', () => {
  const open = realisticReport.findings.filter((f) => f.dismissed !== true);

  it('has one testcase per rule and one failure per finding', () => {
    const { suite } = render(realisticReport);
    const tc = cases(suite);
    expect(tc.map((c) => c.attrs['name'])).toEqual(realisticReport.rules.map((r) => r.id));
    expect(tc.every((c) => c.attrs['classname'] === 'dvds-audit')).toBe(true);
    for (const c of tc) {
      // A dismissed finding is no failure (the review concluded no_failure).
      const expected = realisticReport.findings.filter((f) => f.ruleId === c.attrs['name'] && f.dismissed !== true);
      const failures = c.children.filter((x) => x.name === 'failure');
      expect(failures.map((x) => x.attrs['message'])).toEqual(expected.map((f) => f.message));
      expect(failures.map((x) => x.attrs['type'])).toEqual(expected.map((f) => f.severity));
    }
    expect(suite.attrs['tests']).toBe(String(realisticReport.rules.length));
    expect(suite.attrs['failures']).toBe(String(open.length));
    expect(suite.attrs['skipped']).toBe('3');
  });

  it('writes application, staff, severity and evidence in the failure text', () => {
    const { suite } = render(realisticReport);
    const deadline = cases(suite).find((c) => c.attrs['name'] === 'deadline-missed')!;
    const f = realisticReport.findings.find((x) => x.ruleId === 'deadline-missed' && x.severity === 'high')!;
    const failure = deadline.children.find((x) => x.attrs['message'] === f.message)!;
    expect(failure.text).toBe(
      [`application: ${f.applicationId}`, `staff: ${f.staffId}`, 'severity: high', 'category: timeliness', `evidence: ${evidenceText(f.evidence)}`, `fingerprint: ${f.fingerprint}`].join('\n'),
    );
  });

  it('has a testcase per referral entry naming basis, routes and status; assess entries apart, open ones failing', () => {
    const { referrals, root } = render(realisticReport);
    const tc = cases(referrals);
    expect(tc.map((c) => [c.attrs['classname'], c.attrs['name']])).toEqual([
      ['dvds-audit.referrals', 'application APP-2023-0142'],
      ['dvds-audit.referrals', 'application APP-2022-0311'],
      ['dvds-audit.referrals', 'staff PC-1187'],
      ['dvds-audit.assess', 'application APP-2024-0187'],
    ]);
    const [mandatory, voluntary, staff, assess] = tc.map((c) => c.children[0]!);
    expect(mandatory).toMatchObject({ name: 'failure', attrs: { type: 'overdue', message: 'IOPC referral, mandatory (dsi-and-conduct, conduct-prior-referral) overdue: refer by 2025-01-20' } });
    expect(mandatory!.text).toContain('basis: mandatory\nroutes: dsi-and-conduct, conduct-prior-referral\nstatus: overdue\nrefer by: 2025-01-20\n');
    expect(voluntary).toMatchObject({ name: 'failure', attrs: { type: 'due' } });
    expect(voluntary!.text).toContain('routes: conduct-gravity\nstatus: due\n');
    // A referral already made passes, and says so.
    expect(staff!.name).toBe('system-out');
    expect(staff!.text).toContain('status: referred\nrefer by: 2025-01-20\nreferred at: 2025-01-28\niopc reference: IOPC-2025/0113\n');
    expect(assess).toMatchObject({ name: 'failure', attrs: { type: 'due', message: 'DSI matter to record and assess (dsi-assess) due: refer by 2025-02-03' } });
    expect(assess!.text).toContain('basis: assess\nroutes: dsi-assess\nstatus: due\n');
    expect(referrals.attrs).toMatchObject({ tests: '4', failures: '3' });
    expect(root.attrs).toMatchObject({ tests: String(realisticReport.rules.length + 4), failures: String(open.length + 3) });
    expect(cases(render(emptyReport).referrals)).toEqual([]);
  });

  it('marks disabled and skipped rules as skipped', () => {
    const { suite } = render(realisticReport);
    const byName = new Map(cases(suite).map((c) => [c.attrs['name'], c]));
    expect(byName.get('face-to-face-late')!.children.map((x) => [x.name, x.attrs['message']])).toEqual([['skipped', 'rule disabled']]);
    expect(byName.get('unknown-handler')!.children.map((x) => [x.name, x.attrs['message']])).toEqual([['skipped', 'table staff is absent']]);
    expect(byName.get('future-date')!.children.map((x) => x.name)).toEqual(['failure']);
  });

  it('shows the baseline status', () => {
    const { suite } = render(baselineReport);
    const texts = cases(suite).flatMap((c) => c.children.filter((x) => x.name === 'failure').map((x) => x.text));
    expect(texts.filter((t) => t.includes('status: new'))).toHaveLength(baselineReport.findings.filter((f) => f.status === 'new').length);
  });

  it('records tool, as-of and hashes as properties', () => {
    const props = (report: Report): Record<string, string> =>
      Object.fromEntries(render(report).suite.children.find((c) => c.name === 'properties')!.children.map((p) => [p.attrs['name']!, p.attrs['value']!]));
    expect(props(realisticReport)).toMatchObject({ tool: 'dvds-audit 0.1.0', asOf: '2025-01-31', 'config.sha256': realisticReport.config.sha256, 'input.incidents.sha256': realisticReport.inputs[1]!.sha256 });
    expect(props(emptyReport)).not.toHaveProperty('config.sha256');
  });

  it('is valid when there are no findings', () => {
    const { suite } = render(emptyReport);
    expect(cases(suite)).toHaveLength(emptyReport.rules.length);
    expect(suite.attrs['failures']).toBe('0');
    expect(cases(suite).flatMap((c) => c.children.filter((x) => x.name === 'failure'))).toEqual([]);
  });

  it('stays well-formed with hostile values, which come back intact bar forbidden characters', () => {
    const { xml, suite } = render(hostileReport);
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain('<img');
    expect(xml).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f]/);
    const tc = cases(suite);
    expect(tc.map((c) => c.attrs['name'])).toEqual(hostileReport.rules.map((r) => dropXmlForbidden(r.id)));
    const failures = tc.flatMap((c) => c.children.filter((x) => x.name === 'failure'));
    expect(failures).toHaveLength(hostileReport.findings.length);
    expect(new Set(failures.map((f) => f.attrs['message']))).toEqual(new Set(hostileReport.findings.map((f) => dropXmlForbidden(f.message))));
    for (const f of hostileReport.findings) {
      const text = failures.find((x) => x.text.includes(`fingerprint: ${f.fingerprint}`))!.text;
      expect(text).toContain(`application: ${dropXmlForbidden(f.applicationId!)}`);
      expect(text).toContain(`evidence: ${dropXmlForbidden(evidenceText(f.evidence))}`);
    }
  });
});

describe('xml-check', () => {
  it.each([
    ['<?xml version="1.0"?><a><b></a></b>'],
    ['<?xml version="1.0"?><a>x & y</a>'],
    ['<?xml version="1.0"?><a x="1" x="2"/>'],
    ['<?xml version="1.0"?><a>\x01</a>'],
    ['<?xml version="1.0"?><a/><b/>'],
    ['<?xml version="1.0"?><a>]]></a>'],
    ['<?xml version="1.0"?><a x=1/>'],
  ])('rejects %j', (xml) => expect(() => parseXml(xml)).toThrow());
});

describe('junit: written in pieces (issue 13 item 2)', () => {
  it('its pieces joined are the file, a failure per piece', () => {
    const f = realisticReport.findings[0]!;
    const many: Report = { ...realisticReport, findings: [...realisticReport.findings, ...Array.from({ length: 2000 }, (_, i) => ({ ...f, fingerprint: `fp-many-${i}` }))] };
    for (const report of [realisticReport, emptyReport, baselineReport, hostileReport, many]) {
      const [file] = renderJunit(report, { color: false });
      const pieces = [...file!.chunks!()];
      expect(pieces.join('')).toBe(file!.content);
      if (report === many) expect(Math.max(...pieces.map((p) => p.length)) * 100).toBeLessThan(file!.content.length);
    }
  });
});
