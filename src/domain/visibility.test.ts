import { describe, expect, it } from 'vitest';
import { buildLibrary, type EntryInput } from './library.ts';
import { incidentRecord } from './records.ts';
import { actionJson, quarterRecord } from './records.ts';
import { actionSummary } from './groups.ts';
import { quarterStats } from './quarters.ts';
import { publicLeaks, publicView } from './visibility.ts';
import { postmortemSchema } from '../schemas/postmortem.ts';
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
    expect(view.impact).toMatchObject({ revenueLost: 0, usersAffected: 1000, slaBreached: true });
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
    expect(incident.cost).toEqual({ direct: 0, indirect: 0, total: 0, perMinute: 0 });
    expect(incident.actions[0]).not.toHaveProperty('owner');
    expect(incident.editUrl).toBeUndefined();
    const everything = JSON.stringify(library.incidents);
    for (const secret of ['INT-1', 'payments-sre', '50000', '7000', '2500']) expect(everything).not.toContain(secret);
  });

  it('writes records without money or owner keys', () => {
    const record = incidentRecord(incident, true);
    expect(record).not.toHaveProperty('cost');
    expect(record.actions[0]).not.toHaveProperty('owner');
    expect(actionJson(incident.actions[0])).not.toHaveProperty('owner');
    const [quarter] = quarterStats(library.published, library.today, settings.timezone).map((stats) => quarterRecord(stats, true));
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
