import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite, ROOT, type BuildResult } from './helpers/build.ts';

// Expected values are worked out by hand in tests/fixtures/basic/EXPECTED.md.

interface ExportedIncident {
  id: string;
  url: string;
  quarter: string;
  durationMinutes: number | null;
  timeToDetectMinutes: number;
  timeToResolveMinutes: number | null;
  cost: { direct: number; indirect: number; total: number; perMinute: number | null };
  repeatOf: string | null;
  actions: { title: string; overdue: boolean; completed: string | null; status: string }[];
  [key: string]: unknown;
}

const readJson = <T>(build: BuildResult, path: string): T => JSON.parse(readFileSync(join(build.outDir, path), 'utf8')) as T;

describe('building the basic fixture library', () => {
  let build: BuildResult;
  let incidents: ExportedIncident[];

  beforeAll(async () => {
    build = await buildSite('tests/fixtures/basic');
    expect(build.code, build.output).toBe(0);
    incidents = readJson(build, 'api/incidents.json');
  });

  it('exports the published post-mortems, newest first, and not the draft', () => {
    expect(incidents.map((i) => i.id)).toEqual(['asset-cache-rule-change', 'INC-2026-003', 'INC-2026-002', 'INC-2026-001']);
  });

  it.each([
    // id, quarter, duration, detect, resolve, direct, indirect, total, perMinute, repeatOf
    ['INC-2026-001', '2026-Q1', 150, 8, 150, 135000, 103300, 238300, 238300 / 150, null],
    ['INC-2026-002', '2026-Q2', 40, 4, 40, 8500, 1440, 9940, 248.5, null],
    ['INC-2026-003', '2026-Q2', 85, 12, 85, 0, 2720, 2720, 32, 'INC-2026-001'],
    ['asset-cache-rule-change', '2026-Q4', 0, 0, 0, 0, 360, 360, null, 'INC-2026-003'],
  ])('%s has the hand-worked figures', (id, quarter, duration, detect, resolve, direct, indirect, total, perMinute, repeatOf) => {
    const incident = incidents.find((i) => i.id === id)!;
    expect(incident).toMatchObject({ url: `/incidents/${id}/`, quarter, durationMinutes: duration, timeToDetectMinutes: detect, timeToResolveMinutes: resolve, repeatOf });
    expect(incident.cost).toMatchObject({ direct, indirect, total });
    if (perMinute === null) expect(incident.cost.perMinute).toBeNull();
    else expect(incident.cost.perMinute).toBeCloseTo(perMinute as number, 6);
  });

  it('carries every key docs/site.md#json-files names', () => {
    for (const key of ['id', 'url', 'title', 'kind', 'severity', 'quarter', 'services', 'category', 'started', 'detected', 'resolved', 'durationMinutes', 'timeToDetectMinutes', 'timeToResolveMinutes', 'cost', 'repeatOf', 'actions']) {
      expect(incidents[0]).toHaveProperty(key);
    }
    expect(Object.keys(incidents[0].actions[0]).sort()).toEqual(expect.arrayContaining(['title', 'owner', 'deadline', 'priority', 'status', 'completed', 'overdue']));
  });

  it('marks exactly the one overdue action', () => {
    const overdue = incidents.flatMap((i) => i.actions.filter((a) => a.overdue).map((a) => `${i.id}: ${a.title}`));
    expect(overdue).toEqual(['INC-2026-002: Raise the connection-pool limit on every payments-db replica']);
  });

  it('writes a page per published post-mortem and none for the draft', () => {
    for (const incident of incidents) expect(existsSync(join(build.outDir, incident.url, 'index.html'))).toBe(true);
    expect(existsSync(join(build.outDir, 'incidents/INC-2026-005/index.html'))).toBe(false);
    const list = readFileSync(join(build.outDir, 'incidents/index.html'), 'utf8');
    expect(list).toContain('/incidents/INC-2026-001/');
    expect(list).not.toContain('INC-2026-005');
  });

  it('shows the narrative with its GFM table, the repeat links both ways and the edit link', () => {
    const page = readFileSync(join(build.outDir, 'incidents/INC-2026-003/index.html'), 'utf8');
    // Rendered at content sync (src/loader/narrative.ts): the table is wrapped as ProseTable does.
    expect(page).toMatch(/<div class="table-scroll" role="region" aria-label="Table: before the purge, an hour after" tabindex="0"><table>[\s\S]*<th scope="col"[\s\S]*<\/table><\/div>/);
    // The narrative's headings sit a level down, under the page's own "What happened".
    expect(page).toContain('<h2 id="pm-narrative-title">What happened</h2>');
    // It repeats the page's own title, so it says where it comes from: no two headings read the same.
    expect(page).toContain('<h3 id="narrative-what-happened">What happened <span class="heading-source">(narrative)</span></h3>');
    const headings = [...page.matchAll(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/g)].map(([, inner]) => inner.replace(/<[^>]+>/g, '').trim());
    expect(headings.length).toBe(new Set(headings).size);
    expect(page).toContain('href="/incidents/INC-2026-001/"');
    expect(page).toContain('href="/incidents/asset-cache-rule-change/"');
    const first = readFileSync(join(build.outDir, 'incidents/INC-2026-001/index.html'), 'utf8');
    // Rendered narratives live in files of their own, not in the data store every build loads whole:
    // one per post-mortem rendered at sync (all but INC-2026-001, which has an export).
    const cache = join(build.outDir, '../cache');
    const [library] = readdirSync(join(cache, 'hindsight-narratives'));
    expect(readdirSync(join(cache, 'hindsight-narratives', library))).toHaveLength(4);
    expect(readFileSync(join(cache, 'data-store.json'), 'utf8')).not.toContain('table-scroll');
    // A narrative with an export is compiled by @astrojs/mdx, as before: its expression is evaluated.
    expect(first).toContain('A CDN config push reached all 114 edge locations at once.');
    // …and its table is wrapped by ProseTable, as the rendered narratives' tables are.
    expect(first).toMatch(/<div class="table-scroll" role="region" aria-label="Table: stage, edge locations" tabindex="0"><table>[\s\S]*<th scope="col"[^>]*>stage<\/th>[\s\S]*114[\s\S]*<\/table><\/div>/);
    expect(first).toContain('<h2 id="what-happened">What happened</h2>');
    expect(first).toMatch(/[Ee]dit this post-mortem/);
    expect(first).toContain('href="https://git.example/acme/postmortems/blob/main/content/postmortems/2026/cdn-config-push.mdx"');
  });

  it.each(['INC-2026-003', 'INC-2026-001'])('lists the narrative headings of %s under "What happened" in "On this page", no two alike', (id) => {
    const page = readFileSync(join(build.outDir, `incidents/${id}/index.html`), 'utf8');
    const toc = /<nav class="toc[^>]*>([\s\S]*?)<\/nav>/.exec(page)![1];
    const links = [...toc.matchAll(/<a href="#([^"]+)"[^>]*>([^<]+)<\/a>/g)].map(([, target, text]) => ({ target, text }));
    // The narrative's h2s (What happened, Lessons) nested in the item of the page's "What happened".
    const narrativeItem = /<li[^>]*><a href="#pm-narrative"[^>]*>What happened<\/a>\s*<ol[^>]*>([\s\S]*?)<\/ol>/.exec(toc);
    expect(narrativeItem, toc).not.toBeNull();
    expect([...narrativeItem![1].matchAll(/>([^<]+)<\/a>/g)].map(([, text]) => text)).toEqual(['What happened (narrative)', 'Lessons']);
    const texts = links.map((link) => link.text.toLowerCase());
    expect(new Set(texts).size, texts.join(', ')).toBe(texts.length);
    // Every id on the page is unique, and every entry points at one of them.
    const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map(([, pageId]) => pageId);
    expect(ids.filter((pageId, index) => ids.indexOf(pageId) !== index)).toEqual([]);
    for (const link of links) expect(ids).toContain(link.target);
  });
});

describe('building with HINDSIGHT_DRAFTS=1', () => {
  it('gives the draft a page but counts it in no figure', async () => {
    const build = await buildSite('tests/fixtures/basic', { HINDSIGHT_DRAFTS: '1' });
    expect(build.code, build.output).toBe(0);
    expect(existsSync(join(build.outDir, 'incidents/INC-2026-005/index.html'))).toBe(true);
    const incidents = readJson<ExportedIncident[]>(build, 'api/incidents.json');
    expect(incidents.map((i) => i.id)).not.toContain('INC-2026-005');
    expect(incidents.find((i) => i.id === 'asset-cache-rule-change')?.repeatOf).toBe('INC-2026-003');
  });
});

describe('a library with invalid post-mortems', () => {
  it('stops the build with every problem of every file, by file:line and field, without a stack trace', async () => {
    const content = mkdtempSync(join(tmpdir(), 'hindsight-invalid-'));
    cpSync(join(ROOT, 'tests/fixtures/basic'), content, { recursive: true });
    const dir = join(content, 'postmortems/2026');
    const edit = (file: string, from: string, to: string) => {
      const path = join(dir, file);
      const text = readFileSync(path, 'utf8');
      expect(text).toContain(from);
      writeFileSync(path, text.replace(from, to));
    };
    edit('cdn-config-push.mdx', 'severity: SEV-2', 'severty: SEV-2');
    edit('payments-db-failover.mdx', 'started: 2026-03-31T23:30:00Z', 'started: 2026-03-31T23:30:00');
    mkdirSync(dir, { recursive: true });
    edit('static-assets-purge.mdx', 'repeatOf: INC-2026-001', 'repeatOf: INC-2099-404');

    const build = await buildSite(content);
    expect(build.code).not.toBe(0);
    expect(build.output).toMatch(/cdn-config-push\.mdx:\d+:\d+ +severty +is not a known field; did you mean "severity"\?/);
    expect(build.output).toMatch(/cdn-config-push\.mdx:\d+:\d+ +severity +is required/);
    expect(build.output).toMatch(/payments-db-failover\.mdx:\d+:\d+ +started +"2026-03-31T23:30:00" has no UTC offset/);
    expect(build.output).toMatch(/static-assets-purge\.mdx:\d+:\d+ +repeatOf +"INC-2099-404" is not the id of any post-mortem/);
    expect(build.output).not.toMatch(/^\s+at .*\.(js|ts):\d+/m);
    expect(build.output).not.toContain('Stack trace');
  });
});
