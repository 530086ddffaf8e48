import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { buildSite, type BuildResult } from './helpers/build.ts';
import { launchBrowser, serve, type StaticServer } from './helpers/browser.ts';

/*
 * The quarterly review, category, service and action pages over tests/fixtures/analytics, built
 * once. Settings: timezone America/New_York, loadedRate 120; HINDSIGHT_NOW=2026-11-27, so today is
 * 2026-11-27 and the current quarter 2026-Q4.
 *
 * The post-mortems (started → detected → resolved, in minutes after start; cost = revenueLost +
 * slaCredits + vendorCosts + hours × rate + users × churn × ltv + brand):
 *
 *   INC-090  draft, 2025-08-10, checkout-api, change-management, revenueLost 99 999, one open action
 *            due 2025-08-11. Counts nowhere: were it counted, the quarters would start at 2025-Q3
 *            and INC-101 would be a detected repeat of it.
 *   INC-101  2025-11-04 10:00 EST        SEV-2 incident   checkout-api  change-management
 *            MTTD 12, MTTR 90. Cost 5 000 + 10 h × 120 = 6 200.
 *            Actions: P1 done 2025-11-10 (deadline 11-11, on time); P2 done 2025-12-10 (deadline 12-05, late).
 *   INC-102  2026-01-01T03:30Z = 2025-12-31 22:30 EST → 2025-Q4 in New York (2026-Q1 in UTC).
 *            SEV-1 incident   auth-service  capacity   MTTD 20, MTTR 120. Cost 10 000.
 *            Actions: P0 done 2026-01-02 (deadline 01-02, on time); P2 wont-do; P2 open due 2026-01-31 → overdue.
 *   INC-103  2026-02-10 09:00 EST        SEV-2 incident   checkout-api  change-management
 *            MTTD 30, MTTR 240. Cost 2 000. Detected repeat of INC-101 (same category, shared
 *            service) across quarters. Action: P1 in-progress due 2026-02-17 → overdue.
 *   INC-104  2026-04-01T02:00Z = 2026-03-31 22:00 EDT → 2026-Q1 (2026-Q2 in UTC).
 *            SEV-3 failed-launch   search   capacity   MTTD 10, MTTR 50. Cost 5 h × 200 = 1 000.
 *            Not a repeat: the earlier capacity post-mortem (INC-102) shares no service.
 *            Action: P2 done 2026-04-20 (deadline 04-30, on time).
 *   INC-105  2026-07-01T01:00+02:00 (own zone Berlin: 1 July, Q3) = 2026-06-30 19:00 EDT → 2026-Q2.
 *            SEV-1 incident   auth-service  third-party   MTTD 5, MTTR 65.
 *            Cost 1 500 + 1 000 SLA credits + 1 000 users × 0.01 × 50 = 3 000. repeatOf INC-102
 *            (declared). Action: P1 wont-do.
 *   INC-106  2026-05-05 14:00 EDT        SEV-2 incident   search   monitoring   MTTD 15, MTTR 45.
 *            Cost 3 000. Action: P2 done 2026-06-01 (deadline 06-05, on time).
 *   (2026-Q3: no post-mortem.)
 *   INC-107  2026-11-20 08:00 EST        SEV-3 other   checkout-api  change-management
 *            MTTD 45, MTTR 180. Cost brand 700. Detected repeat of INC-103, the most recent earlier
 *            change-management post-mortem on checkout-api. Actions: P2 open due 2026-12-15; P2 open
 *            due 2026-11-27 (today: not overdue, overdue means a deadline *before* today).
 */

// Every post-mortem of this fixture records every figure's inputs (docs/format.md#unknown-values).
const recordedAll = (count: number) => ({ detect: count, resolve: count, costed: count, severity: count, category: count });

const QUARTERS = [
  {
    // INC-101, INC-102. MTTD 12, 20: mean = median = 16, p90 = the ⌈0.9·2⌉ = 2nd smallest = 20.
    // MTTR 90, 120: mean = median = 105, p90 120. Actions: 5, one wont-do → 4 considered, 3 done →
    // 0.75; on time 2 of the 3 done. Cost 6 200 + 10 000. Top: capacity and change-management both
    // have 1 post-mortem; capacity costs more (10 000 > 6 200), so it comes first.
    quarter: '2025-Q4',
    count: 2,
    bySeverity: { 'SEV-1': 1, 'SEV-2': 1, 'SEV-3': 0 },
    byKind: { incident: 2, 'missed-deadline': 0, 'failed-launch': 0, 'lost-deal': 0, other: 0 },
    mttd: { mean: 16, median: 16, p90: 20 },
    mttr: { mean: 105, median: 105, p90: 120 },
    actionCompletionRate: 0.75,
    onTimeRate: 2 / 3,
    repeats: 0,
    totalCost: 16200,
    recorded: recordedAll(2),
    topCategories: ['capacity', 'change-management'],
    change: null,
  },
  {
    // INC-103, INC-104 (the 31 March EDT one). MTTD 30, 10 → mean = median 20, p90 30. MTTR 240, 50 →
    // 145, 145, 240. Actions: in-progress + done → 1/2; on time 1/1. Repeats: INC-103. Cost
    // 2 000 + 1 000. Top: both 1 post-mortem; change-management costs more.
    quarter: '2026-Q1',
    count: 2,
    bySeverity: { 'SEV-1': 0, 'SEV-2': 1, 'SEV-3': 1 },
    byKind: { incident: 1, 'missed-deadline': 0, 'failed-launch': 1, 'lost-deal': 0, other: 0 },
    mttd: { mean: 20, median: 20, p90: 30 },
    mttr: { mean: 145, median: 145, p90: 240 },
    actionCompletionRate: 0.5,
    onTimeRate: 1,
    repeats: 1,
    totalCost: 3000,
    recorded: recordedAll(2),
    topCategories: ['change-management', 'capacity'],
    change: {
      count: 0,
      bySeverity: { 'SEV-1': -1, 'SEV-2': 0, 'SEV-3': 1 },
      byKind: { incident: -1, 'missed-deadline': 0, 'failed-launch': 1, 'lost-deal': 0, other: 0 },
      mttd: { mean: 4, median: 4, p90: 10 },
      mttr: { mean: 40, median: 40, p90: 120 },
      actionCompletionRate: -0.25,
      onTimeRate: 1 - 2 / 3,
      repeats: 1,
      totalCost: -13200,
    },
  },
  {
    // INC-105 (30 June in New York), INC-106. MTTD 5, 15 → 10, 10, 15. MTTR 65, 45 → 55, 55, 65.
    // Actions: wont-do + done → 1/1; on time 1/1. Repeats: INC-105 (declared). Cost 3 000 + 3 000.
    // Top: monitoring and third-party tie on count (1) and cost (3 000): by name.
    quarter: '2026-Q2',
    count: 2,
    bySeverity: { 'SEV-1': 1, 'SEV-2': 1, 'SEV-3': 0 },
    byKind: { incident: 2, 'missed-deadline': 0, 'failed-launch': 0, 'lost-deal': 0, other: 0 },
    mttd: { mean: 10, median: 10, p90: 15 },
    mttr: { mean: 55, median: 55, p90: 65 },
    actionCompletionRate: 1,
    onTimeRate: 1,
    repeats: 1,
    totalCost: 6000,
    recorded: recordedAll(2),
    topCategories: ['monitoring', 'third-party'],
    change: {
      count: 0,
      bySeverity: { 'SEV-1': 1, 'SEV-2': 0, 'SEV-3': -1 },
      byKind: { incident: 1, 'missed-deadline': 0, 'failed-launch': -1, 'lost-deal': 0, other: 0 },
      mttd: { mean: -10, median: -10, p90: -15 },
      mttr: { mean: -90, median: -90, p90: -175 },
      actionCompletionRate: 0.5,
      onTimeRate: 0,
      repeats: 0,
      totalCost: 3000,
    },
  },
  {
    // Quiet: counts and money 0, every other figure null, and so every change of a null figure.
    quarter: '2026-Q3',
    count: 0,
    bySeverity: { 'SEV-1': 0, 'SEV-2': 0, 'SEV-3': 0 },
    byKind: { incident: 0, 'missed-deadline': 0, 'failed-launch': 0, 'lost-deal': 0, other: 0 },
    mttd: { mean: null, median: null, p90: null },
    mttr: { mean: null, median: null, p90: null },
    actionCompletionRate: null,
    onTimeRate: null,
    repeats: 0,
    totalCost: 0,
    recorded: recordedAll(0),
    topCategories: [],
    change: {
      count: -2,
      bySeverity: { 'SEV-1': -1, 'SEV-2': -1, 'SEV-3': 0 },
      byKind: { incident: -2, 'missed-deadline': 0, 'failed-launch': 0, 'lost-deal': 0, other: 0 },
      mttd: { mean: null, median: null, p90: null },
      mttr: { mean: null, median: null, p90: null },
      actionCompletionRate: null,
      onTimeRate: null,
      repeats: -1,
      totalCost: -6000,
    },
  },
  {
    // INC-107 only. Two open actions, none done → completion 0/2 = 0, on-time null (nothing done).
    quarter: '2026-Q4',
    count: 1,
    bySeverity: { 'SEV-1': 0, 'SEV-2': 0, 'SEV-3': 1 },
    byKind: { incident: 0, 'missed-deadline': 0, 'failed-launch': 0, 'lost-deal': 0, other: 1 },
    mttd: { mean: 45, median: 45, p90: 45 },
    mttr: { mean: 180, median: 180, p90: 180 },
    actionCompletionRate: 0,
    onTimeRate: null,
    repeats: 1,
    totalCost: 700,
    recorded: recordedAll(1),
    topCategories: ['change-management'],
    change: {
      count: 1,
      bySeverity: { 'SEV-1': 0, 'SEV-2': 0, 'SEV-3': 1 },
      byKind: { incident: 0, 'missed-deadline': 0, 'failed-launch': 0, 'lost-deal': 0, other: 1 },
      mttd: { mean: null, median: null, p90: null },
      mttr: { mean: null, median: null, p90: null },
      actionCompletionRate: null,
      onTimeRate: null,
      repeats: 1,
      totalCost: 700,
    },
  },
];

// Newest post-mortem first (by started), each post-mortem's actions in file order; the draft's none.
const action = (incident: string, title: string, owner: string, deadline: string, priority: string, status: string, completed: string | null, overdue: boolean) => ({
  incident,
  title,
  owner,
  deadline,
  priority,
  status,
  completed,
  overdue,
  // No action of this fixture links a ticket.
  ticket: null,
});
const ACTIONS = [
  action('INC-107', 'Finish the checkout config schema check', 'payments-sre', '2026-12-15', 'P2', 'open', null, false),
  action('INC-107', 'Protect time for post-mortem actions', 'payments-sre', '2026-11-27', 'P2', 'open', null, false),
  action('INC-105', 'Automatic failover between SMS providers', 'identity-sre', '2026-07-07', 'P1', 'wont-do', null, false),
  action('INC-106', 'Alert on index freshness', 'search-team', '2026-06-05', 'P2', 'done', '2026-06-01', false),
  action('INC-104', 'Add a capacity section to the launch template', 'search-team', '2026-04-30', 'P2', 'done', '2026-04-20', false),
  action('INC-103', 'Validate checkout config against a schema before a push', 'payments-sre', '2026-02-17', 'P1', 'in-progress', null, true),
  action('INC-102', 'Raise auth pool limits for holidays', 'identity-sre', '2026-01-02', 'P0', 'done', '2026-01-02', false),
  action('INC-102', 'Quarterly capacity review', 'identity-sre', '2026-01-31', 'P2', 'wont-do', null, false),
  action('INC-102', 'Autoscale the auth pool', 'platform-team', '2026-01-31', 'P2', 'open', null, true),
  action('INC-101', 'Canary stage for checkout config pushes', 'payments-sre', '2025-11-11', 'P1', 'done', '2025-11-10', false),
  action('INC-101', 'Document the config rollback', 'docs-team', '2025-12-05', 'P2', 'done', '2025-12-10', false),
];

const CATEGORIES = [
  'monitoring',
  'testing',
  'documentation',
  'process',
  'knowledge-concentration',
  'capacity',
  'third-party',
  'communication',
  'change-management',
  'technical-debt',
];

let build: BuildResult;
const page = (route: string) => readFileSync(join(build.outDir, route, 'index.html'), 'utf8');
const json = (route: string) => JSON.parse(readFileSync(join(build.outDir, route), 'utf8'));
/** Text of some HTML with tags dropped and whitespace collapsed, for reading sentences. */
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/\s+/g, ' ');
/** The HTML of one page section, from its id to the next section. */
const section = (html: string, id: string) => {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `section #${id}`).toBeGreaterThan(-1);
  const end = html.indexOf('<section', start + 1);
  return html.slice(start, end === -1 ? undefined : end);
};

interface Chart {
  id: string;
  html: string;
  spec: { labels: string[]; series: { label: string; data: (number | null)[] }[] };
}

/** Each trend chart of a page: the block from `data-chart` to the JSON that ends it. */
function charts(html: string): Chart[] {
  return [...html.matchAll(/<div class="trend(?: [^"]*)?"[^>]*data-chart[^>]*id="([^"]+)"[\s\S]*?<script type="application\/json"[^>]*>([\s\S]*?)<\/script>/g)].map(
    (match) => ({ id: match[1], html: match[0], spec: JSON.parse(match[2]) }),
  );
}

/** A chart beside a real table: a canvas with role img and a name, and a table with caption and scopes. */
function expectChartWithTable(chart: Chart) {
  expect(chart.html).toMatch(/<canvas[^>]*role="img"[^>]*aria-label="[^"]{40,}"/);
  expect(chart.html).toMatch(/<table[\s\S]*<caption[^>]*>[^<]+<\/caption>/);
  expect(chart.html).toContain('scope="col"');
  expect(chart.html).toContain('scope="row"');
  // Not hidden: the table is there for everyone, not only for screen readers.
  expect(chart.html).not.toMatch(/<table[^>]*(hidden|visually-hidden)/);
  // One body row per quarter.
  expect(chart.html.split('<tr').length - 1).toBe(chart.spec.labels.length + 1);
}

describe('analytics pages and JSON over a built library', () => {
  beforeAll(async () => {
    build = await buildSite('tests/fixtures/analytics');
    expect(build.code, build.output).toBe(0);
  });

  it('quarters.json carries the hand-worked figures, quiet quarter and time zones included', () => {
    expect(json('api/quarters.json')).toEqual(QUARTERS);
  });

  it('actions.json lists every action of the published post-mortems, with overdue as of today', () => {
    expect(json('api/actions.json')).toEqual(ACTIONS);
  });

  it('builds a review for every quarter from the first published post-mortem to today, the quiet one included', () => {
    const built = readdirSync(join(build.outDir, 'quarters'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(built).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
  });

  describe('/quarters/', () => {
    it('draws five trend charts, each beside a table of the same numbers', () => {
      const html = page('quarters');
      const found = charts(html);
      expect(found.map((chart) => chart.id)).toEqual(['chart-severity', 'chart-times', 'chart-actions', 'chart-repeats', 'chart-cost']);
      for (const chart of found) expectChartWithTable(chart);
      const [severity, times, rates, repeats, cost] = found;
      expect(severity.spec.series.map((series) => series.data)).toEqual([
        [1, 0, 1, 0, 0],
        [1, 1, 1, 0, 0],
        [0, 1, 0, 0, 1],
      ]);
      expect(times.spec.series.map((series) => series.data)).toEqual([
        [16, 20, 10, null, 45],
        [105, 145, 55, null, 180],
      ]);
      expect(rates.spec.series[0].data).toEqual([75, 50, 100, null, 0]);
      expect(repeats.spec.series[0].data).toEqual([0, 1, 1, 0, 1]);
      expect(cost.spec.series[0].data).toEqual([16200, 3000, 6000, 0, 700]);
      // The table says what the chart draws, in words people read.
      expect(text(times.html)).toContain('2026-Q1 20 min 2 h 25 min');
      expect(text(times.html)).toContain('2026-Q3 no data no data');
      expect(text(cost.html)).toContain('2025-Q4 $16,200.00');
    });

    it('links every quarter to its review', () => {
      const html = page('quarters');
      for (const quarter of ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']) expect(html).toContain(`href="/quarters/${quarter}/"`);
      expect(html).not.toContain('2025-Q3');
    });

    it('keeps the chart script within its 70 KB gzip budget', () => {
      const scripts = [...page('quarters').matchAll(/<script[^>]*src="([^"]+\.js)"/g)].map((match) => match[1]);
      expect(scripts.length).toBeGreaterThan(0);
      const size = scripts.reduce((sum, src) => sum + gzipSync(readFileSync(join(build.outDir, src))).length, 0);
      expect(size).toBeLessThan(70 * 1024);
    });
  });

  describe('/quarters/<quarter>/', () => {
    it('gives headline figures with their change in words, better or worse', () => {
      const words = text(page('quarters/2026-Q1'));
      expect(words).toContain('Only 2 post-mortems in 2026-Q1: too few to read a trend.');
      expect(words).toMatch(/2 h 25 min MTTR \(median\) mean 2 h 25 min · p90 4 h ▲ up 40 min from 2025-Q4 , worse/);
      expect(words).toMatch(/20 min MTTD \(median\) .* ▲ up 4 min from 2025-Q4 , worse/);
      expect(words).toMatch(/50% Actions completed .* ▼ down 25 points from 2025-Q4 , worse/);
      expect(words).toMatch(/\$3,000\.00 Total cost ▼ down \$13,200\.00 from 2025-Q4 , better/);
      expect(words).toContain('2 Post-mortems 0 SEV-1 no change from 2025-Q4');
    });

    it('ranks where to invest, with the tie rules', () => {
      const invest = (quarter: string) => [...section(page(`quarters/${quarter}`), 'invest').matchAll(/href="\/categories\/([^/]+)\/"/g)].map((m) => m[1]);
      expect(invest('2025-Q4')).toEqual(['capacity', 'change-management']);
      expect(invest('2026-Q2')).toEqual(['monitoring', 'third-party']);
    });

    it('lists each repeat with the post-mortem it repeats, across quarters', () => {
      const q1 = text(section(page('quarters/2026-Q1'), 'repeats'));
      expect(q1).toContain('INC-103 Checkout config push broke card payments again');
      expect(q1).toMatch(/repeats INC-101 Checkout errors after a config push \(2025-Q4\) · detected/);
      expect(section(page('quarters/2026-Q4'), 'repeats')).toContain('href="/incidents/INC-103/"');
      expect(text(section(page('quarters/2026-Q2'), 'repeats'))).toMatch(/repeats INC-102 .* declared/);
    });

    it('lists actions still open, overdue marked in text', () => {
      const open = text(section(page('quarters/2025-Q4'), 'open-actions'));
      expect(open).toContain('1 of 5 actions from 2025-Q4’s post-mortems is still open , 1 overdue');
      expect(open).toContain('Autoscale the auth pool');
      expect(open).toMatch(/Overdue by 300 days/);
      expect(open).not.toContain('Quarterly capacity review');
    });

    it('says when a quarter is quiet, and links the quarters either side', () => {
      const html = page('quarters/2026-Q3');
      expect(text(html)).toContain('No published post-mortem started in 2026-Q3.');
      expect(html).toContain('href="/quarters/2026-Q2/"');
      expect(html).toContain('href="/quarters/2026-Q4/"');
      expect(text(html)).toContain('— MTTR (median) no data this quarter');
    });

    it('lists the quarter’s post-mortems by the settings zone, never the draft', () => {
      const q4 = page('quarters/2025-Q4');
      expect(q4).toContain('href="/incidents/INC-102/"');
      expect(q4).not.toContain('INC-090');
      expect(page('quarters/2026-Q1')).toContain('href="/incidents/INC-104/"');
      expect(page('quarters/2026-Q2')).toContain('href="/incidents/INC-105/"');
    });
  });

  describe('/categories/', () => {
    it('lists every settings category, empty ones with 0', () => {
      const rows = section(page('categories'), 'categories');
      for (const category of CATEGORIES) expect(rows).toContain(`href="/categories/${category}/"`);
      expect(text(rows)).toContain('Change management 3 $8,900.00 2');
      expect(text(rows)).toContain('Testing 0 $0.00 0');
    });

    it('shows the factor heatmap as a table with shaded cells and their numbers', () => {
      const heatmap = section(page('categories'), 'heatmap');
      expect(heatmap).toMatch(/<caption[^>]*>Average contributing-factor score per quarter<\/caption>/);
      // Monitoring: 2025-Q4 (1 + 2) / 2 = 1.5; 2026-Q1 0; 2026-Q2 (1 + 3) / 2 = 2; 2026-Q3 none; 2026-Q4 1.
      const monitoring = heatmap.match(/<th scope="row"[^>]*>Monitoring<\/th>([\s\S]*?)<\/tr>/)![1];
      expect([...monitoring.matchAll(/class="num heat heat--(\d)[^"]*"[^>]*>([\s\S]*?)<\/td>/g)].map((m) => [m[1], text(m[2]).trim()])).toEqual([
        ['2', '1.5'],
        ['0', '0'],
        ['3', '2'],
        ['0', '— no post-mortem'],
        ['2', '1'],
      ]);
    });

    it('builds a page for every settings category', () => {
      for (const category of CATEGORIES) expect(existsSync(join(build.outDir, 'categories', category, 'index.html')), category).toBe(true);
      expect(text(page('categories/testing'))).toContain('No published post-mortem has this root cause yet.');
    });

    it('gives a category its trend chart beside a table, its repeats and its factor scores', () => {
      const html = page('categories/change-management');
      const [trend] = charts(html);
      expectChartWithTable(trend);
      expect(trend.spec.series[0].data).toEqual([1, 1, 0, 0, 1]);
      const words = text(html);
      expect(words).toContain('Same root cause twice = systemic.');
      expect(text(section(html, 'repeats'))).toMatch(/INC-107 .* repeats INC-103 .* INC-103 .* repeats INC-101/);
      // Change management scores 3, 3, 2 → 8 / 3 = 2.7; monitoring 1, 0, 1 → 0.7.
      expect(text(section(html, 'factors'))).toContain('Change management 2.7');
      expect(text(section(html, 'factors'))).toContain('Monitoring 0.7');
    });
  });

  describe('/services/', () => {
    it('lists every service with incidents, cost and open actions', () => {
      const words = text(page('services'));
      expect(words).toContain('checkout-api 3 $8,900.00 Change management 3 (1 overdue)');
      expect(words).toContain('auth-service 2 $13,000.00');
      // search: monitoring (3 000) before capacity (1 000), one post-mortem each.
      expect(words).toContain('search 2 $4,000.00 Monitoring 0');
    });

    it('gives a service its incidents, cost, categories and open actions', () => {
      const html = page('services/checkout-api');
      const words = text(html);
      expect(words).toContain('$8,900.00 Total cost');
      expect(text(section(html, 'categories'))).toContain('Change management 3 $8,900.00');
      const open = text(section(html, 'open-actions'));
      expect(open).toContain('Validate checkout config against a schema before a push');
      expect(open).toContain('Protect time for post-mortem actions');
      expect(html).not.toContain('INC-090');
    });
  });

  describe('/actions/', () => {
    it('puts the summary and the overdue list first', () => {
      const html = page('actions');
      const words = text(html);
      // 11 actions; open: 4 (2 on INC-107, INC-103, INC-102); overdue 2; done 5 of 11 − 2 wont-do = 55.6%; on time 4 of 5.
      expect(words).toMatch(/11 Actions in all 4 Open or in progress 2 Overdue 55\.6% Completed .* 80% Done on time/);
      expect(html.indexOf('id="overdue"')).toBeLessThan(html.indexOf('id="all"'));
      const overdue = text(section(html, 'overdue'));
      expect(overdue).toContain('Autoscale the auth pool');
      expect(overdue).toContain('Validate checkout config against a schema before a push');
      expect(overdue).not.toContain('Protect time');
    });

    it('lists every action in a plain table that a script can filter and sort', () => {
      const all = section(page('actions'), 'all');
      // One page of 100 rows holds all 11; the filters read the same rows from /lists/actions/.
      expect(all.split('<tbody')[1].split('</tbody>')[0].match(/<tr[\s>]/g)).toHaveLength(11);
      expect(all).toMatch(/data-total="11"/);
      expect(all).toMatch(/<form[^>]*data-filters[^>]*hidden/);
      expect(text(all)).toContain('Overdue by 283 days');
      for (const header of ['Post-mortem', 'Action', 'Owner', 'Deadline', 'Priority', 'Status', 'Completed']) {
        expect(all).toMatch(new RegExp(`<th scope="col"[^>]*>${header}</th>`));
      }
    });

    it('tallies by owner and by priority', () => {
      const html = page('actions');
      expect(text(section(html, 'by-owner'))).toContain('payments-sre 4 3 1 1 0');
      expect(text(section(html, 'by-priority'))).toContain('P2 · within 31 days 7 3 1 3 1');
    });
  });

  describe('in a browser', () => {
    let server: StaticServer;
    let browser: Browser;

    beforeAll(async () => {
      server = await serve(build.outDir);
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('draws every chart, light and dark, without errors', async () => {
      for (const colorScheme of ['light', 'dark'] as const) {
        const tab = await browser.newPage({ colorScheme });
        const errors: string[] = [];
        tab.on('pageerror', (error) => errors.push(error.message));
        await tab.goto(`${server.url}/quarters/`);
        await tab.waitForFunction(() => document.querySelectorAll('.chart--drawn').length === 5);
        expect(errors).toEqual([]);
        await tab.close();
      }
    });

    it('filters the action table without a server', async () => {
      const tab = await browser.newPage();
      await tab.goto(`${server.url}/actions/`);
      await tab.check('input[name="overdue"]');
      await tab.waitForFunction(() => document.querySelector('[data-count]')?.textContent === 'Showing 2 actions that match (of 11).');
      await tab.selectOption('#tracker-owner', 'payments-sre');
      await tab.waitForFunction(() => document.querySelector('[data-count]')?.textContent === 'Showing 1 action that matches (of 11).');
      expect(tab.url()).toContain('owner=payments-sre');
      await tab.close();
    });
  });
});
