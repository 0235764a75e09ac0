/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The HTML report in a real browser (Debian's chromium driven by playwright-core): tables render
 * with rows, the three charts draw marks with their labels, nothing is fetched but the page itself,
 * no injected script runs and no element from the data exists. The junit XML is parsed by the
 * browser's DOMParser too. Without chromium the test fails in CI (which installs it) and is
 * skipped elsewhere.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderJunit } from '../../src/report/junit.js';
import type { Report } from '../../src/report/model.js';
import { hostileReport } from '../fixtures/report-hostile.js';
import { realisticReport } from '../fixtures/report-realistic.js';
import { tempDir } from '../support/temp.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);

if (!available && process.env['CI']) {
  describe('html report in chromium', () => {
    it('needs chromium, which CI installs', () => {
      throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (see .ci/run)`);
    });
  });
} else if (!available) {
  describe.skip(`html report in chromium (skipped: ${CHROMIUM} not found; apt-get install -y chromium)`, () => {
    it('renders', () => undefined);
  });
} else {
  describe('html report in chromium', () => {
    let browser: Browser;
    let dir: string;

    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      dir = await tempDir('html');
    });

    afterAll(async () => {
      await browser?.close();
    });

    interface Opened {
      readonly page: Page;
      readonly url: string;
      readonly requests: string[];
      readonly dialogs: string[];
      readonly errors: string[];
    }

    async function open(report: Report, name: string): Promise<Opened> {
      const file = path.join(dir, `${name}.html`);
      await writeFile(file, renderHtml(report, { color: false })[0]!.content, 'utf8');
      const url = pathToFileURL(file).href;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const requests: string[] = [];
      const dialogs: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url, { waitUntil: 'load' });
      return { page, url, requests, dialogs, errors };
    }

    it('renders the realistic report: tables with rows, three charts with marks, nothing fetched', async () => {
      const { page, url, requests, errors } = await open(realisticReport, 'realistic');
      expect(await page.title()).toBe('DVDS audit report as of 31/01/2025');
      const sections = await page.$$eval('main > section', (els) => els.map((e) => e.id));
      expect(sections).toEqual(['summary', 'referrals', 'assess', 'safeguarding', 'charts', 'review', 'data-quality', 'provenance']);
      expect(await page.$$eval('article.referral', (els) => els.length)).toBe(realisticReport.referrals.length);
      // Assess entries sit under their own heading, not among the referrals; each card names route and status.
      expect(await page.$eval('#assess h2', (e) => e.textContent)).toBe('DSI matters to record and assess');
      expect(await page.$$eval('#referrals article h3', (els) => els.map((e) => e.textContent))).toEqual(['1. Application APP-2023-0142', '2. Application APP-2022-0311', '3. Staff member PC-1187']);
      expect(await page.$$eval('#assess article h3', (els) => els.map((e) => e.textContent))).toEqual(['1. Application APP-2024-0187']);
      const facts = await page.$$eval('main article.referral', (els) =>
        els.map((a) => {
          const dts = [...a.querySelectorAll('dt')].map((d) => d.textContent);
          const dd = (name: string): string => a.querySelectorAll('dd')[dts.indexOf(name)]?.textContent ?? '';
          return [dd('Routes'), dd('Status'), dd('Refer by')];
        }),
      );
      expect(facts).toEqual([
        ['dsi-and-conduct, conduct-prior-referral', 'overdue', '20/01/2025'],
        ['conduct-gravity', 'due', '03/02/2025'],
        ['conduct-prior-referral', 'referred on 28/01/2025 (IOPC reference IOPC-2025/0113)', '20/01/2025'],
        ['dsi-assess', 'due', '03/02/2025'],
      ]);
      expect(await page.$$eval('#safeguarding tbody tr', (els) => els.length)).toBe(realisticReport.safeguarding.length);
      expect(await page.$$eval('#review tbody tr', (els) => els.length)).toBe(realisticReport.review.length);
      expect(await page.$$eval('#data-quality tbody tr', (els) => els.length)).toBe(realisticReport.rejectedRows.length + 3);
      expect(await page.$$eval('#provenance tbody tr', (els) => els.length)).toBe(realisticReport.inputs.length + realisticReport.rules.length);
      // Tables are laid out (not collapsed) with visible rows.
      const rowHeights = await page.$$eval('#safeguarding tbody tr', (els) => els.map((e) => e.getBoundingClientRect().height));
      expect(rowHeights.every((hgt) => hgt > 10)).toBe(true);

      const charts = await page.$$eval('svg.chart', (els) =>
        els.map((svg) => ({
          id: svg.id,
          role: svg.getAttribute('role'),
          label: svg.getAttribute('aria-label'),
          title: svg.querySelector('title')?.textContent ?? '',
          marks: svg.querySelectorAll('.mark').length,
          limits: svg.querySelectorAll('.limit').length,
          width: svg.getBoundingClientRect().width,
          texts: [...svg.querySelectorAll('text')].map((t) => t.textContent ?? ''),
        })),
      );
      expect(charts.map((c) => c.id)).toEqual(['chart-outcome-days', 'chart-failures-by-month', 'chart-handler-funnel', 'chart-review-progress']);
      for (const c of charts) {
        expect(c.role).toBe('img');
        expect(c.label).toBeTruthy();
        expect(c.title).toBe(c.label);
        expect(c.width).toBeGreaterThan(300);
      }
      const st = realisticReport.statistics;
      expect(charts[0]!.marks).toBe(st.outcomeDaysByYear.length * 2);
      expect(charts[0]!.limits).toBe(st.outcomeDaysByYear.reduce((n, y) => n + y.limitDays.length, 0));
      expect(charts[1]!.marks).toBe(st.failuresByMonth.length);
      expect(charts[2]!.marks).toBe(st.handlerFunnel.handlers.length);
      expect(charts[2]!.limits).toBe(4);
      // Axes are labelled.
      expect(charts[0]!.texts).toEqual(expect.arrayContaining(['days to outcome', 'year received', '2021', '2024']));
      expect(charts[1]!.texts).toEqual(expect.arrayContaining(['applications', 'month received', '2022-01']));
      expect(charts[2]!.texts).toEqual(expect.arrayContaining(['service-failure rate', 'cases handled (n)', 'PC-1187']));
      // (v2) The review's progress: a concluded and an awaiting bar per suggested type, each laid out.
      expect(charts[3]!.marks).toBe(st.reviewProgress.length * 2);
      expect(charts[3]!.texts).toEqual(expect.arrayContaining(['harm', 'none', '1 of 2 concluded', '40 of 993 concluded']));
      const bars = await page.$$eval('#chart-review-progress rect.mark', (els) => els.map((e) => e.getBoundingClientRect().width));
      expect(bars.filter((w) => w > 0)).toHaveLength(st.reviewProgress.length * 2);
      expect(await page.$eval('#summary p.statement', (e) => e.textContent)).toMatch(/^Review progress: 1001 applications screened, 44 reviewed;/);
      // Each chart has its data table.
      expect(await page.$$eval('figure details.data table', (els) => els.length)).toBe(4);

      expect(requests).toEqual([url]);
      expect(errors).toEqual([]);
      // Pictures for a person to look at, only when asked for: a run leaves nothing behind otherwise.
      const shots = process.env['DVDS_SCREENSHOTS'];
      if (shots) {
        await page.screenshot({ path: path.join(shots, 'dvds-report-realistic.png'), fullPage: true });
        await page.emulateMedia({ media: 'print' });
        await page.screenshot({ path: path.join(shots, 'dvds-report-realistic-print.png'), fullPage: true });
      }
    });

    it('keeps the hostile report inert: no script ran, no element or request from the data', async () => {
      const { page, url, requests, dialogs, errors } = await open(hostileReport, 'hostile');
      await page.waitForTimeout(200);
      expect(dialogs).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(await page.$$eval('script, img, link, iframe, object, embed, x', (els) => els.length)).toBe(0);
      // Only the four charts and the referral cards' timelines are svg roots; the data's <svg/onload> stayed text.
      expect(await page.$$eval('svg', (els) => els.filter((e) => !e.parentElement?.closest('svg')).map((e) => e.getAttribute('class')))).toEqual([
        ...hostileReport.referrals.map(() => 'timeline'),
        'chart',
        'chart',
        'chart',
        'chart',
      ]);
      expect(await page.$$eval('[onerror], [onload]', (els) => els.length)).toBe(0);
      expect(requests).toEqual([url]);
      expect(errors).toEqual([]);
      // The hostile values are shown as text.
      const text = await page.evaluate(() => document.body.innerText);
      expect(text).toContain('<script>window.__pwned=1;alert(1)</script>');
      expect(text).toContain('"><img src=x onerror="window.__pwned=1;alert(1)">');
      expect(text).toContain('=HYPERLINK("http://x")');
      // The funnel labels carry hostile staff ids as text only.
      const funnelTexts = await page.$$eval('#chart-handler-funnel title', (els) => els.map((e) => e.textContent ?? ''));
      expect(funnelTexts.some((t) => t.includes('<script>'))).toBe(true);
      expect(await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'))).toBe(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      );
    });

    it('parses the junit XML with the browser DOMParser: one testcase per rule and per referral entry, one failure per finding and per open entry', async () => {
      const page = await browser.newPage();
      for (const report of [realisticReport, hostileReport]) {
        const xml = renderJunit(report, { color: false })[0]!.content;
        const counts = await page.evaluate((text) => {
          const doc = new DOMParser().parseFromString(text, 'application/xml');
          return {
            error: doc.getElementsByTagName('parsererror').length,
            cases: doc.getElementsByTagName('testcase').length,
            failures: doc.getElementsByTagName('failure').length,
            scripts: doc.getElementsByTagName('script').length,
          };
        }, xml);
        const open = report.referrals.filter((r) => r.status === 'due' || r.status === 'overdue').length;
        // A dismissed finding is no failure.
        const failing = report.findings.filter((f) => f.dismissed !== true).length;
        expect(counts).toEqual({ error: 0, cases: report.rules.length + report.referrals.length, failures: failing + open, scripts: 0 });
      }
      await page.close();
    });
  });
}
