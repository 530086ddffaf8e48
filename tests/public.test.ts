import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, relative } from 'node:path';
import { buildSite, ROOT, type BuildResult } from './helpers/build.ts';
import { loadLibrary } from '../src/ingestion/load.ts';
import { buildLibrary, type Incident } from '../src/domain/library.ts';
import { quarterStats } from '../src/domain/quarters.ts';
import { byCategory, byService } from '../src/domain/groups.ts';
import { formatMoney } from '../src/core/numbers.ts';

// docs/site.md#public-build: tests/fixtures/basic mixes internal and public post-mortems (EXPECTED.md,
// "With HINDSIGHT_VISIBILITY=public"). The build must hold only INC-2026-002 and
// asset-cache-rule-change, and nothing of the others, in any file it writes.

const FIXTURE = 'tests/fixtures/basic';
const PUBLIC = ['INC-2026-002', 'asset-cache-rule-change'];

/** Every file of the output as text; Pagefind's gzip files (fragments, metadata, index, filters) decompressed. */
function outputFiles(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((item) => item.isFile())
    .map((item) => {
      const path = join(item.parentPath, item.name);
      let bytes = readFileSync(path);
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      const text = bytes.toString('utf8');
      // Scan what a reader sees too: an id or title written with entities must not slip through.
      const decoded = text.replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code))).replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      return { path: relative(dir, path), text: decoded === text ? text : `${text}\n${decoded}` };
    });
}

type Needle = string | RegExp;

/** Where a needle turns up, with some context, for a failure message a person can act on. */
function findings(files: { path: string; text: string }[], needles: Iterable<Needle>, caseInsensitive = true): string[] {
  const found: string[] = [];
  for (const needle of needles) {
    for (const file of files) {
      let at: number;
      let length: number;
      if (typeof needle === 'string') {
        at = caseInsensitive ? file.text.toLowerCase().indexOf(needle.toLowerCase()) : file.text.indexOf(needle);
        length = needle.length;
      } else {
        const match = needle.exec(file.text);
        at = match ? match.index : -1;
        length = match ? match[0].length : 0;
      }
      if (at >= 0) found.push(`${String(needle)} in ${file.path}: …${file.text.slice(Math.max(0, at - 60), at + length + 60).replace(/\s+/g, ' ')}…`);
    }
  }
  return found;
}

/** A bare number as a token of its own: not part of a longer number, a word or a path (…/2000/svg). */
const bare = (number: string) => new RegExp(`(?<![\\w/]|\\d\\.)${number.replace(/[.,]/g, '\\$&')}(?![\\w/]|\\.\\d)`);

/** A money amount in every form a page, feed or JSON file might write it: formatted, and bare. */
function moneyForms(amount: number, currency: string): { formatted: string[]; bare: RegExp[] } {
  if (!amount) return { formatted: [], bare: [] };
  // Bare numbers of 4 digits or more are distinctive; shorter ones (500, 360) would match anything.
  const numbers = Math.abs(amount) >= 1000 ? [String(amount), amount.toLocaleString('en-US'), amount.toFixed(2), amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })] : [];
  return { formatted: [formatMoney(amount, currency)], bare: [...new Set(numbers)].map(bare) };
}

/** Code the build bundles (scripts, styles, Pagefind's own UI): numbers there are constants of the code, not data. */
const isCode = (path: string) => /\.(js|css)$/.test(path);

describe('the public build of a mixed library (docs/site.md#public-build)', () => {
  let build: BuildResult;
  let files: { path: string; text: string }[];
  // The whole library as the internal build sees it, drafts included: what must not leak.
  const loaded = loadLibrary(join(ROOT, FIXTURE), ROOT);
  const settings = loaded.settings!;
  const everything = buildLibrary(loaded.entries, settings, { today: '2026-11-27', drafts: true, visibility: 'all' });
  const hidden = everything.incidents.filter((incident) => !PUBLIC.includes(incident.id));
  const shown = everything.incidents.filter((incident) => PUBLIC.includes(incident.id));
  const json = <T>(path: string): T => JSON.parse(readFileSync(join(build.outDir, path), 'utf8')) as T;
  const page = (path: string) => readFileSync(join(build.outDir, path, 'index.html'), 'utf8');

  beforeAll(async () => {
    build = await buildSite(FIXTURE, { HINDSIGHT_VISIBILITY: 'public' });
    expect(build.code, build.output).toBe(0);
    files = outputFiles(build.outDir);
  });

  it('knows what it is looking for', () => {
    // The fixture as EXPECTED.md describes it, so a scan for nothing cannot pass.
    expect(hidden.map((incident) => incident.id).sort()).toEqual(['INC-2026-001', 'INC-2026-003', 'INC-2026-005']);
    expect(shown.every((incident) => incident.data.visibility === 'public' && incident.status === 'published')).toBe(true);
    expect(files.some((file) => file.path.endsWith('.pf_fragment'))).toBe(true);
    expect(files.some((file) => file.path.endsWith('.pf_meta'))).toBe(true);
  });

  it('has no id or title of an internal or draft post-mortem in any file', () => {
    const needles = hidden.flatMap((incident) => [incident.id, incident.title]);
    expect(findings(files, needles)).toEqual([]);
  });

  it('has no money figure of the library in any file', () => {
    const { currency } = settings;
    const amounts = new Set<number>();
    const add = (...values: (number | null | undefined)[]) => values.forEach((value) => value && amounts.add(value));
    for (const incident of everything.incidents) {
      const { impact, cost = {} } = incident.data;
      const rate = cost.loadedRate ?? settings.loadedRate;
      add(impact.revenueLost, cost.slaCredits, cost.vendorCosts, cost.brand, cost.loadedRate, cost.churn?.ltv, (cost.engineeringHours ?? 0) * rate);
      add(cost.churn && impact.usersAffected !== null ? impact.usersAffected * cost.churn.probability * cost.churn.ltv : 0);
      add(incident.cost!.direct, incident.cost!.indirect, incident.cost!.total, incident.cost!.perMinute);
    }
    // Totals over the whole library and over the public post-mortems alone: either would be a leak.
    for (const incidents of [everything.published, everything.published.filter((incident) => PUBLIC.includes(incident.id))] as Incident[][]) {
      for (const quarter of quarterStats(incidents, everything.today, settings.timezone)) add(quarter.totalCost, quarter.change?.totalCost);
      for (const group of byCategory(incidents)) add(group.totalCost);
      for (const group of byService(incidents)) add(group.totalCost, ...group.categories.map((category) => category.totalCost));
      add(incidents.reduce((sum, incident) => sum + (incident.cost!.total ?? 0), 0));
    }
    expect([...amounts]).toEqual(expect.arrayContaining([120000, 238300, 9940, 8000, 1440]));
    const forms = [...amounts].map((amount) => moneyForms(amount, currency));
    const formatted = forms.flatMap((form) => form.formatted);
    const numbers = forms.flatMap((form) => form.bare);
    expect(formatted).toEqual(expect.arrayContaining(['€120,000.00', '€238,300.00', '€9,940.00', '€1,588.67']));
    expect(numbers.map(String)).toEqual(expect.arrayContaining([bare('120000'), bare('120,000'), bare('238300'), bare('9940'), bare('9,940')].map(String)));
    expect(findings(files, formatted, false)).toEqual([]);
    // Chart.js carries colour 8000 and the chart script a 1440-minute tick step: the bundles are
    // scanned for formatted amounts and currency signs, the data files for bare numbers as well.
    expect(findings(files.filter((file) => !isCode(file.path)), numbers)).toEqual([]);
    // No amount in the currency at all, and no place for one.
    expect(findings(files, ['€', 'Total cost', 'Revenue lost', 'Cost per minute', 'Direct costs', '"totalCost"', '"revenueLost"', '"cost":'], false)).toEqual([]);
  });

  it('names no action owner anywhere', () => {
    const owners = new Set(everything.incidents.flatMap((incident) => incident.actions.map((action) => action.owner!)));
    expect([...owners].sort()).toEqual(['dba-team', 'payments-sre', 'platform-team', 'web-platform']);
    // dba-team and web-platform are also the teams of the public post-mortems, which a public page
    // shows as teams; the other owners must not appear at all, and no file has a place for an owner.
    const teams = new Set(shown.flatMap((incident) => incident.data.teams));
    expect(findings(files, [...owners].filter((owner) => !teams.has(owner)))).toEqual([]);
    expect(findings(files, ['"owner"', 'data-owner', '>Owner<', 'tracker-owner', 'By owner', 'Owner:', 'owners/'], false)).toEqual([]);
  });

  it('publishes the calendar of the public post-mortems’ deadlines without owners, and no owner’s calendar (docs/site.md#calendar-feeds)', () => {
    expect(existsSync(join(build.outDir, 'owners'))).toBe(false);
    const calendar = readFileSync(join(build.outDir, 'calendar.ics'), 'utf8');
    const unfolded = calendar.replace(/\r\n /g, '');
    const events = [...unfolded.matchAll(/^DTSTART;VALUE=DATE:(\d+)\r\n[\s\S]*?^SUMMARY:(.*)\r$/gm)].map((match) => `${match[1]} ${match[2]}`);
    // The open actions of the two public post-mortems (EXPECTED.md), soonest first; their owners,
    // dba-team and web-platform, are nowhere in the feed.
    expect(events).toEqual([
      '20260402 Raise the connection-pool limit on every payments-db replica (INC-2026-002: Payments database ran out of connections after a night-time failover)',
      '20261127 Document the cache-rule rollout steps (asset-cache-rule-change: New asset cache rule rolled back by the canary check within a minute)',
      '20261221 Pre-deploy check for cache rules against real asset names (asset-cache-rule-change: New asset cache rule rolled back by the canary check within a minute)',
    ]);
    expect(calendar).not.toMatch(/dba-team|web-platform|Owner/);
  });

  it('holds the public post-mortems, with their figures', () => {
    const incidents = json<Record<string, unknown>[]>('api/incidents.json');
    expect(incidents.map((incident) => incident.id)).toEqual(['asset-cache-rule-change', 'INC-2026-002']);
    expect(incidents[1]).toMatchObject({ quarter: '2026-Q2', durationMinutes: 40, timeToDetectMinutes: 4, timeToResolveMinutes: 40, repeatOf: null, usersAffected: 1200 });
    // Computed from the public post-mortems alone: no earlier public change-management one to repeat, and no internal related link.
    expect(incidents[0]).toMatchObject({ quarter: '2026-Q4', durationMinutes: 0, repeatOf: null, repeatedBy: [], related: [] });
    for (const incident of incidents) expect(incident).not.toHaveProperty('cost');

    const quarters = json<Record<string, unknown>[]>('api/quarters.json');
    expect(quarters.map((quarter) => [quarter.quarter, quarter.count])).toEqual([
      ['2026-Q2', 1],
      ['2026-Q3', 0],
      ['2026-Q4', 1],
    ]);
    expect(quarters[0]).toMatchObject({ mttr: { mean: 40, median: 40 }, actionCompletionRate: 0.5, onTimeRate: 0, topCategories: ['capacity'] });
    for (const quarter of quarters) expect(quarter).not.toHaveProperty('totalCost');

    const actions = json<Record<string, unknown>[]>('api/actions.json');
    expect(actions.map((action) => action.incident)).toEqual(['asset-cache-rule-change', 'asset-cache-rule-change', 'INC-2026-002', 'INC-2026-002']);
    expect(actions.filter((action) => action.overdue).map((action) => action.title)).toEqual(['Raise the connection-pool limit on every payments-db replica']);

    for (const incident of shown) {
      const html = page(`incidents/${incident.id}`);
      expect(html).toContain(incident.title);
      expect(html).toContain('id="pm-actions"');
      expect(html).not.toContain('id="pm-cost"');
      expect(html).not.toMatch(/Edit this post-mortem/i);
    }
    expect(page('incidents/INC-2026-002')).toMatch(/40 min/);
    expect(page('incidents')).toContain('2 published post-mortems');
    expect(page('')).toContain('href="/incidents/INC-2026-002/"');
    expect(page('quarters/2026-Q2')).toContain('Raise the connection-pool limit');
  });

  it('indexes, lists and feeds the public post-mortems only', () => {
    const fragments = files.filter((file) => file.path.endsWith('.pf_fragment'));
    expect(fragments.map((file) => JSON.parse(file.text.slice(file.text.indexOf('{'))).url).sort()).toEqual(['/incidents/INC-2026-002/', '/incidents/asset-cache-rule-change/']);
    const rss = readFileSync(join(build.outDir, 'rss.xml'), 'utf8');
    expect(rss.match(/<item>/g)).toHaveLength(2);
    const sitemap = readFileSync(join(build.outDir, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain('/incidents/INC-2026-002/');
    expect(sitemap).toContain('/incidents/asset-cache-rule-change/');
    expect(readdirSync(join(build.outDir, 'incidents')).filter((name) => !name.endsWith('.html')).sort()).toEqual(['INC-2026-002', 'asset-cache-rule-change']);
    // Service pages come from the public post-mortems' services only (checkout-api is INC-2026-001's).
    expect(readdirSync(join(build.outDir, 'services')).filter((name) => !name.endsWith('.html')).sort()).toEqual(['cdn-edge', 'payments-db', 'static-assets']);
    // The search form offers the public post-mortems' facet values only (payments is INC-2026-001's team).
    expect(page('search')).not.toMatch(/value="payments"/);
  });

  it('lists no obligation of an internal post-mortem, and leaves the authoring-only calculator out', () => {
    // INC-2026-001 declares PCI DSS; it is internal, so the public compliance page has nothing to list.
    expect(page('compliance')).toContain('No published post-mortem declares a regulatory framework');
    expect(existsSync(join(build.outDir, 'cost-calculator'))).toBe(false);
  });
});
