import { describe, it, expect } from 'vitest';
import { buildLibrary, todayFrom, type BuildOptions, type EntryInput } from './library.ts';
import { postmortemSchema } from '../schemas/postmortem.ts';
import { settingsSchema } from '../schemas/settings.ts';

const settings = settingsSchema.parse({ timezone: 'Europe/Berlin', loadedRate: 120 });
const FACTORS = { monitoring: 0, testing: 0, documentation: 0, process: 0, 'knowledge-concentration': 0, capacity: 0, 'third-party': 0, communication: 0, 'change-management': 0, 'technical-debt': 0 };

interface Spec {
  id: string;
  started: string;
  /** Minutes after started; 60 by default. Leave out resolved with `resolved: null`. */
  resolved?: string | null;
  status?: 'draft' | 'in-review' | 'published';
  visibility?: 'internal' | 'public';
  category?: string;
  services?: string[];
  repeatOf?: string;
  related?: string[];
  timezone?: string;
  timeline?: string[];
  actions?: { deadline: string; status: 'open' | 'in-progress' | 'done' | 'wont-do'; completed?: string }[];
  cost?: Record<string, unknown>;
}

/** A post-mortem run through the real schema, so defaults are applied as on the site. */
function entry(spec: Spec): EntryInput {
  const raw = {
    title: `Post-mortem ${spec.id}`,
    id: spec.id,
    severity: 'SEV-2',
    status: spec.status,
    visibility: spec.visibility,
    services: spec.services ?? ['checkout-api'],
    timezone: spec.timezone,
    started: spec.started,
    detected: spec.started,
    resolved: spec.resolved === null ? undefined : (spec.resolved ?? spec.started),
    detection: { method: 'monitoring' },
    impact: { usersAffected: 0, revenueLost: 1000, slaBreached: false },
    timeline: (spec.timeline ?? [spec.started, spec.started]).map((at) => ({ at, event: 'Something happened' })),
    whys: ['One', 'Two', 'Three', 'Four', 'Five'],
    rootCause: { category: spec.category ?? 'change-management', summary: 'A process gap' },
    factors: FACTORS,
    wentWell: ['Alerting', 'Runbook', 'Communication'],
    actions: (spec.actions ?? []).map((action, index) => ({ title: `Action ${index + 1}`, owner: 'platform', priority: 'P2', ...action })),
    cost: spec.cost,
    related: spec.related,
    repeatOf: spec.repeatOf,
  };
  return { id: spec.id, file: `postmortems/${spec.id}.mdx`, data: postmortemSchema(settings).parse(raw) };
}

const options = (overrides: Partial<BuildOptions> = {}): BuildOptions => ({ today: '2026-11-27', drafts: false, visibility: 'all', ...overrides });
const ids = (list: { id: string }[]) => list.map((item) => item.id);

describe('buildLibrary: drafts (docs/framework.md#environment)', () => {
  const entries = [
    entry({ id: 'PUB-1', started: '2026-02-10T09:00:00+01:00', actions: [{ deadline: '2026-02-17', status: 'open' }] }),
    // Later than PUB-1, same category and service: a detected repeat if it counted.
    entry({ id: 'DRAFT-1', started: '2026-03-10T09:00:00+01:00', status: 'draft', resolved: null, actions: [{ deadline: '2026-03-17', status: 'open' }] }),
    entry({ id: 'REVIEW-1', started: '2026-04-10T09:00:00+02:00', status: 'in-review', actions: [{ deadline: '2026-04-17', status: 'open' }] }),
    // Shares category and service with all of them; started last.
    entry({ id: 'PUB-2', started: '2026-05-10T09:00:00+02:00' }),
  ];

  it('leaves drafts and in-review post-mortems out by default', () => {
    const library = buildLibrary(entries, settings, options());
    // Newest first.
    expect(ids(library.incidents)).toEqual(['PUB-2', 'PUB-1']);
    expect(ids(library.published)).toEqual(['PUB-2', 'PUB-1']);
    expect(library.byId.has('DRAFT-1')).toBe(false);
  });

  it('shows them with the drafts option, but never counts them', () => {
    const library = buildLibrary(entries, settings, options({ drafts: true }));
    expect(ids(library.incidents)).toEqual(['PUB-2', 'REVIEW-1', 'DRAFT-1', 'PUB-1']);
    expect(library.incidents.map((incident) => incident.counted)).toEqual([true, false, false, true]);
    // Only published post-mortems count: in the published list and in the action list.
    expect(ids(library.published)).toEqual(['PUB-2', 'PUB-1']);
    expect(library.actions.map((action) => action.incident)).toEqual(['PUB-1']);
  });

  it.each([false, true])('detects repeats between published post-mortems only (drafts shown: %s)', (drafts) => {
    const library = buildLibrary(entries, settings, options({ drafts }));
    // PUB-2 repeats PUB-1 (the most recent earlier *published* one), never the more recent draft or review.
    expect(library.byId.get('PUB-2')!.repeat).toEqual({ of: 'PUB-1', detected: true });
    expect(library.byId.get('PUB-1')!.repeatedBy).toEqual(['PUB-2']);
  });

  it('gives an unresolved draft no duration and no cost per minute', () => {
    const draft = buildLibrary(entries, settings, options({ drafts: true })).byId.get('DRAFT-1')!;
    expect(draft).toMatchObject({ durationMinutes: null, timeToResolveMinutes: null, timeToDetectMinutes: 0 });
    expect(draft.cost).toEqual({ direct: 1000, indirect: 0, total: 1000, perMinute: null });
  });
});

describe('buildLibrary: public build (docs/site.md#public-build)', () => {
  const entries = [
    entry({ id: 'INT-1', started: '2026-02-10T09:00:00+01:00' }),
    // Same category and service as INT-1, later, and names it as related.
    entry({ id: 'PUB-1', started: '2026-03-10T09:00:00+01:00', visibility: 'public', related: ['INT-1'] }),
    // Declares INT-1 as the one it repeats.
    entry({ id: 'PUB-2', started: '2026-04-10T09:00:00+02:00', visibility: 'public', services: ['search'], repeatOf: 'INT-1' }),
  ];

  it('keeps only public post-mortems, and no link to an internal one', () => {
    const library = buildLibrary(entries, settings, options({ visibility: 'public' }));
    expect(ids(library.incidents)).toEqual(['PUB-2', 'PUB-1']);
    // The related internal post-mortem is dropped, and PUB-1 is not detected as its repeat.
    expect(library.byId.get('PUB-1')).toMatchObject({ related: [], repeat: null });
    // The declared repeat of an internal post-mortem is not shown either.
    expect(library.byId.get('PUB-2')!.repeat).toBeNull();
    expect(JSON.stringify(library.incidents.map(({ data: _data, ...incident }) => incident))).not.toContain('INT-1');
  });

  it('keeps everything in the internal build', () => {
    const library = buildLibrary(entries, settings, options());
    expect(ids(library.incidents)).toEqual(['PUB-2', 'PUB-1', 'INT-1']);
    expect(library.byId.get('PUB-1')!.repeat).toEqual({ of: 'INT-1', detected: true });
    expect(library.byId.get('PUB-2')!.repeat).toEqual({ of: 'INT-1', detected: false });
    // Both repeat INT-1, in newest-first order of the list they were found in.
    expect([...library.byId.get('INT-1')!.repeatedBy].sort()).toEqual(['PUB-1', 'PUB-2']);
  });
});

describe('buildLibrary: related and repeats', () => {
  it('relates post-mortems both ways, without duplicates', () => {
    const library = buildLibrary(
      [
        entry({ id: 'A', started: '2026-02-10T09:00:00+01:00', services: ['a'], related: ['B'] }),
        // B names A too: still one link each way.
        entry({ id: 'B', started: '2026-03-10T09:00:00+01:00', services: ['b'], related: ['A', 'C'] }),
        // C names nobody, but B names C.
        entry({ id: 'C', started: '2026-04-10T09:00:00+02:00', services: ['c'] }),
      ],
      settings,
      options(),
    );
    expect(library.byId.get('A')!.related).toEqual(['B']);
    expect([...library.byId.get('B')!.related].sort()).toEqual(['A', 'C']);
    expect(library.byId.get('C')!.related).toEqual(['B']);
  });

  it('records repeatedBy for explicit and detected repeats', () => {
    const library = buildLibrary(
      [
        entry({ id: 'A', started: '2026-01-10T09:00:00+01:00', services: ['api'] }),
        // Declares A although it shares no service with it.
        entry({ id: 'B', started: '2026-02-10T09:00:00+01:00', services: ['web'], repeatOf: 'A' }),
        // Shares "web" with B only: a detected repeat of B.
        entry({ id: 'C', started: '2026-03-10T09:00:00+01:00', services: ['web'] }),
      ],
      settings,
      options(),
    );
    expect(library.byId.get('B')!.repeat).toEqual({ of: 'A', detected: false });
    expect(library.byId.get('C')!.repeat).toEqual({ of: 'B', detected: true });
    expect(library.byId.get('A')!.repeatedBy).toEqual(['B']);
    expect(library.byId.get('B')!.repeatedBy).toEqual(['C']);
    expect(library.byId.get('C')!.repeatedBy).toEqual([]);
  });
});

describe('buildLibrary: figures of one incident', () => {
  const library = buildLibrary(
    [
      entry({
        id: 'X',
        // 23:30Z on 31 March is 01:30 CEST on 1 April in Berlin (the settings zone): Q2, though the
        // post-mortem's own zone (Los Angeles, where it is still 31 March) is only for its timeline.
        started: '2026-03-31T23:30:00Z',
        resolved: '2026-04-01T00:10:00Z',
        timezone: 'America/Los_Angeles',
        // "16:30" is on the local date of started in Los Angeles (31 March, PDT −07:00) = 23:30Z.
        timeline: ['16:30', '17:10'],
        // 12 h at the settings' 120 = 1440; revenue 1000; 40 minutes.
        cost: { engineeringHours: 12 },
        actions: [
          // Due the day before today, open: overdue.
          { deadline: '2026-11-26', status: 'open' },
          // Due today: not yet.
          { deadline: '2026-11-27', status: 'in-progress' },
          // Done late: not overdue.
          { deadline: '2026-04-08', status: 'done', completed: '2026-04-10' },
          { deadline: '2026-04-08', status: 'wont-do' },
        ],
      }),
    ],
    settings,
    options(),
  );
  const x = library.byId.get('X')!;

  it('puts the quarter in the settings zone', () => expect(x.quarter).toBe('2026-Q2'));
  it('keeps the post-mortem’s own zone for its timeline', () => {
    expect(x.timezone).toBe('America/Los_Angeles');
    expect(x.timeline.map((item) => Date.parse(item.at))).toEqual([Date.parse('2026-03-31T23:30:00Z'), Date.parse('2026-04-01T00:10:00Z')]);
  });
  it('computes durations and cost with the settings rate', () => {
    expect(x).toMatchObject({ durationMinutes: 40, timeToDetectMinutes: 0, timeToResolveMinutes: 40 });
    // direct 1000; indirect 1440; total 2440; 2440 / 40 = 61.
    expect(x.cost).toEqual({ direct: 1000, indirect: 1440, total: 2440, perMinute: 61 });
  });
  it('marks overdue actions against today', () => {
    expect(x.actions.map((action) => action.overdue)).toEqual([true, false, false, false]);
    expect(x.actions.every((action) => action.incident === 'X')).toBe(true);
  });
  it('lists every factor, scored', () => {
    expect(x.factors).toHaveLength(10);
  });
});

describe('todayFrom (HINDSIGHT_NOW, docs/framework.md#environment)', () => {
  it.each([
    // A date is taken as written.
    ['2026-11-27', 'Europe/Berlin', '2026-11-27'],
    // 23:30Z on the 26th is 00:30 CET on the 27th in Berlin…
    ['2026-11-26T23:30:00Z', 'Europe/Berlin', '2026-11-27'],
    // …but still the 26th in UTC.
    ['2026-11-26T23:30:00Z', 'UTC', '2026-11-26'],
    // 01:00+01:00 on the 27th is 00:00Z, 19:00 EST on the 26th in New York.
    ['2026-11-27T01:00:00+01:00', 'America/New_York', '2026-11-26'],
    // A date-time without an offset is read in the settings zone, whatever the machine's zone is:
    // 23:30 in Berlin is the 27th (read as UTC it would become 00:30 on the 28th in Berlin).
    ['2026-11-27T23:30:00', 'Europe/Berlin', '2026-11-27'],
    // Read as UTC it would be 19:30 EST on the 26th in New York.
    ['2026-11-27T00:30:00', 'America/New_York', '2026-11-27'],
  ])('%s in %s is %s', (now, zone, today) => {
    expect(todayFrom(now, zone)).toBe(today);
  });

  it.each([
    // Not a date at all.
    ['tomorrow'],
    // February 2026 has 28 days.
    ['2026-02-30'],
    // No 13th month.
    ['2026-13-01'],
    // No 25th hour.
    ['2026-11-27T25:00:00Z'],
  ])('%s is not a date', (now) => {
    expect(todayFrom(now, 'Europe/Berlin')).toBeUndefined();
  });

  it.each([
    // 23:30Z is already the 27th in Berlin.
    [undefined, '2026-11-27'],
    // An empty variable counts as unset.
    ['', '2026-11-27'],
  ])('uses the clock in the settings zone when HINDSIGHT_NOW is %j', (now, today) => {
    expect(todayFrom(now, 'Europe/Berlin', new Date('2026-11-26T23:30:00Z'))).toBe(today);
  });
});
