import { describe, expect, it } from 'vitest';
import { buildLibrary, type EntryInput } from './library.ts';
import { incidentRecord } from './records.ts';
import { actionJson, quarterRecord } from './records.ts';
import { actionSummary, byCategory, byService } from './groups.ts';
import { quarterStats } from './quarters.ts';
import { publicLeaks, publicView } from './visibility.ts';
import { postmortemSchema } from '../schemas/postmortem.ts';
import { categoryShares, headlineFigures, quarterTrendCharts } from './review.ts';
import { costInputs } from './figures.ts';
import { settingsSchema } from '../schemas/settings.ts';

const settings = settingsSchema.parse({ timezone: 'UTC', loadedRate: 120, repository: 'https://git.example/pm/blob/main/content' });
const FACTORS = { monitoring: 0, testing: 0, documentation: 0, process: 0, 'knowledge-concentration': 0, capacity: 0, 'third-party': 0, communication: 0, 'change-management': 0, 'technical-debt': 0 };

function entry(id: string, visibility: 'internal' | 'public', extra: Record<string, unknown> = {}): EntryInput {
  const raw = {
    title: `Post-mortem ${id}`,
    id,
    severity: 'SEV-2',
    visibility,
    services: ['checkout-api'],
    started: '2026-03-10T09:00:00Z',
    detected: '2026-03-10T09:10:00Z',
    resolved: '2026-03-10T10:00:00Z',
    detection: { method: 'monitoring' },
    impact: { usersAffected: 1000, revenueLost: 50000, slaBreached: true },
    timeline: [{ at: '09:00', event: 'Start' }, { at: '10:00', event: 'End' }],
    whys: ['One', 'Two', 'Three', 'Four', 'Five'],
    rootCause: { category: 'capacity', summary: 'A gap' },
    factors: FACTORS,
    wentWell: ['Alerting'],
    actions: [{ title: 'Add a canary', owner: 'payments-sre', deadline: '2026-03-17', priority: 'P1', status: 'open' }],
    cost: { slaCredits: 7000, engineeringHours: 10, churn: { probability: 0.01, ltv: 300 }, brand: 2500 },
    ...extra,
  };
  return { id, file: `postmortems/${id}.mdx`, data: postmortemSchema(settings).parse(raw) };
}

const entries = [entry('INT-1', 'internal'), entry('PUB-1', 'public', { related: ['INT-1'], repeatOf: 'INT-1', started: '2026-04-10T09:00:00Z', detected: '2026-04-10T09:10:00Z', resolved: '2026-04-10T10:00:00Z' })];
const options = { today: '2026-11-27', drafts: false, visibility: 'public' as const };

describe('publicView', () => {
  it('drops money, owners and links to post-mortems that are not shown', () => {
    const view = publicView(entries[1].data, new Set(['PUB-1']));
    expect(view.impact).toMatchObject({ revenueLost: undefined, usersAffected: 1000, slaBreached: true });
    expect(view.cost).toBeUndefined();
    expect(view.actions.map((action) => action.owner)).toEqual(['']);
    expect(view).toMatchObject({ related: [], repeatOf: undefined });
    // The rest is the post-mortem as written.
    expect(view.actions[0]).toMatchObject({ title: 'Add a canary', deadline: '2026-03-17' });
  });

  it('keeps links to post-mortems that are shown', () => {
    const view = publicView(entries[1].data, new Set(['PUB-1', 'INT-1']));
    expect(view).toMatchObject({ related: ['INT-1'], repeatOf: 'INT-1' });
  });
});

describe('the public library model', () => {
  const library = buildLibrary(entries, settings, options);
  const [incident] = library.incidents;

  it('is flagged public and holds no money, owner, edit link or internal id', () => {
    expect(library.public).toBe(true);
    expect(library.incidents.map((i) => i.id)).toEqual(['PUB-1']);
    expect(incident.cost).toBeUndefined();
    expect(incident.actions[0]).not.toHaveProperty('owner');
    expect(incident.editUrl).toBeUndefined();
    const everything = JSON.stringify(library.incidents);
    for (const secret of ['INT-1', 'payments-sre', '50000', '7000', '2500']) expect(everything).not.toContain(secret);
  });

  it('writes records without money or owner keys', () => {
    const record = incidentRecord(incident);
    expect(record).not.toHaveProperty('cost');
    expect(record.actions[0]).not.toHaveProperty('owner');
    expect(actionJson(incident.actions[0])).not.toHaveProperty('owner');
    const [quarter] = quarterStats(library.published, library.today, settings.timezone).map((stats) => quarterRecord(stats));
    expect(quarter).not.toHaveProperty('totalCost');
    expect(actionSummary(library.actions, library.today).byOwner).toEqual([]);
  });

  it('keeps them all in the internal build', () => {
    const internal = buildLibrary(entries, settings, { ...options, visibility: 'all' });
    const pub = internal.byId.get('PUB-1')!;
    expect(internal.public).toBe(false);
    // 50000 + 7000; 10 × 120 + 1000 × 0.01 × 300 + 2500.
    expect(pub.cost).toMatchObject({ direct: 57000, indirect: 6700, total: 63700 });
    expect(incidentRecord(pub).cost).toMatchObject({ total: 63700 });
    expect(actionJson(pub.actions[0])).toMatchObject({ owner: 'payments-sre' });
    expect(pub.editUrl).toBe('https://git.example/pm/blob/main/content/postmortems/PUB-1.mdx');
    expect(quarterRecord(quarterStats(internal.published, internal.today, settings.timezone)[0])).toHaveProperty('totalCost', 63700);
  });
});

describe('publicLeaks: a public post-mortem naming an internal one', () => {
  const internal = { id: 'INC-2026-004', title: 'Payments ledger double-counted refunds', visibility: 'internal' as const, texts: [] };
  const subject = (text: string) => ({ id: 'PUB-1', title: 'Public', visibility: 'public' as const, texts: [{ path: ['body'], text }] });
  it.each([
    ['its id', 'Same cause as INC-2026-004.', 1],
    ['its id in another case', 'See inc-2026-004 for more.', 1],
    ['its page', 'See [the review](/incidents/INC-2026-004/).', 1],
    ['its title', 'Unlike payments ledger double-counted refunds, this one…', 1],
    ['a longer id that merely starts the same', 'INC-2026-0045 is another one.', 0],
    ['nothing internal', 'A self-contained story.', 0],
  ])('%s: %d finding(s)', (_name, text, count) => {
    expect(publicLeaks([internal, subject(text)])).toHaveLength(count);
  });

  it('reads only public post-mortems, and says which internal one and where', () => {
    const internalText = { ...internal, texts: [{ path: ['body'], text: 'INC-2026-004 itself' }] };
    const [leak, ...rest] = publicLeaks([internalText, subject('x INC-2026-004')]);
    expect(rest).toEqual([]);
    expect(leak).toMatchObject({ id: 'PUB-1', path: ['body'], index: 2, message: expect.stringMatching(/names the internal post-mortem INC-2026-004 \("Payments ledger double-counted refunds"\)/) });
  });
});

describe('what a public model holds (docs/site.md#public-build)', () => {
  /** Keys that hold money in the model and its records, at any depth (`cost` holds the cost block, or the breakdown). */
  const MONEY = ['revenueLost', 'cost', 'totalCost', 'loadedRate'];

  /** Every [path, value] under `root`, through arrays, maps and plain objects (getters included). */
  function walk(root: unknown): [string, unknown][] {
    const found: [string, unknown][] = [];
    const seen = new Set<unknown>();
    const visit = (value: unknown, path: string) => {
      found.push([path, value]);
      if (value === null || typeof value !== 'object' || seen.has(value)) return;
      seen.add(value);
      if (value instanceof Map) for (const [name, item] of value) visit(item, `${path}.${String(name)}`);
      else if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${path}[${index}]`));
      else for (const name of Object.keys(value)) visit((value as Record<string, unknown>)[name], `${path}.${name}`);
    };
    visit(root, '');
    return found;
  }

  /** The last key of a path: `.incidents[0].cost.total` → `total`. */
  const key = (path: string) => path.replace(/(\[\d+\])+$/, '').slice(path.replace(/(\[\d+\])+$/, '').lastIndexOf('.') + 1);
  const moneyIn = (root: unknown) => walk(root).filter(([path, value]) => MONEY.includes(key(path)) && value !== undefined);
  const ownersIn = (root: unknown) => walk(root).filter(([path, value]) => key(path) === 'owner' && value !== '' && value !== undefined);
  /** The whole model, its library-wide figures (getters) spelled out. */
  const whole = (library: ReturnType<typeof buildLibrary>) => ({
    ...library,
    quarters: library.quarters,
    categories: library.categories,
    services: library.services,
    openActions: library.openActions,
    actionSummary: library.actionSummary,
  });

  // INT-1 (2026-Q1) is left out; PUB-1 (2026-Q2) is kept, then two quiet quarters up to today, and categories with none.
  const library = buildLibrary(entries, settings, options);

  it('knows what it is looking for', () => {
    // The internal model of the same post-mortems holds money and owners in these places.
    const internal = whole(buildLibrary(entries, settings, { ...options, visibility: 'all' }));
    expect(new Set(moneyIn(internal).map(([path]) => key(path)))).toEqual(new Set(MONEY));
    expect(ownersIn(internal).map(([, owner]) => owner)).toContain('payments-sre');
    expect(library.quarters.map((stats) => [stats.quarter, stats.count])).toEqual([['2026-Q2', 1], ['2026-Q3', 0], ['2026-Q4', 0]]);
    expect(library.categories.some((group) => group.count === 0)).toBe(true);
  });

  it('holds no money figure and no owner anywhere, not even 0', () => {
    expect(moneyIn(whole(library))).toEqual([]);
    expect(ownersIn(whole(library))).toEqual([]);
  });

  it('writes records with no money or owner key', () => {
    const records = [...library.published.map(incidentRecord), ...library.quarters.map(quarterRecord), ...library.actions.map(actionJson)];
    expect(moneyIn(records)).toEqual([]);
    expect(walk(records).filter(([path]) => key(path) === 'owner')).toEqual([]);
  });

  it('gives a page no money to arrange, however it asks', () => {
    for (const stats of library.quarters) expect(headlineFigures(stats, settings.currency).map((figure) => figure.label)).not.toContain('Total cost');
    expect(quarterTrendCharts(library.quarters, settings.currency).map((chart) => chart.unit)).not.toContain('money');
    expect(categoryShares(library.published, ['capacity'])).toEqual([{ category: 'capacity', count: 1, totalCost: undefined }]);
    expect(costInputs(library.published[0].data, library.settings.loadedRate)).toBeUndefined();
    // Figures worked out again from the model's post-mortems are withheld too, wherever they sum one.
    const again = [...quarterStats(library.published, library.today, settings.timezone), ...byCategory(library.published), ...byService(library.published)];
    expect(again.length).toBeGreaterThan(0);
    expect(moneyIn(again.filter((figures) => figures.count > 0))).toEqual([]);
  });
});
