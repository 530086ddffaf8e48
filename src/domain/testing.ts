/**
 * Test fixtures for the domain: minimal post-mortems run through the real schema and the real
 * `buildLibrary`, so a test's incidents carry exactly what the site would compute (quarter in the
 * settings zone, durations, cost, detected repeats, overdue actions). Test-only; no page imports it.
 */
import { DateTime } from 'luxon';
import { postmortemSchema, type Postmortem } from '../schemas/postmortem.ts';
import type { Action } from '../schemas/action.ts';
import { settingsSchema, FACTOR_KEYS, type FactorKey, type Settings } from '../schemas/settings.ts';
import { buildLibrary, type Library } from './library.ts';

export interface Fixture {
  id: string;
  /** ISO date-time with offset. */
  started: string;
  /** Minutes from started to detected (MTTD input); default 10. */
  detectAfter?: number;
  /** Minutes from started to resolved (MTTR input); default 60. */
  resolveAfter?: number;
  severity?: Postmortem['severity'];
  kind?: Postmortem['kind'];
  status?: Postmortem['status'];
  visibility?: Postmortem['visibility'];
  services?: string[];
  /** rootCause.category; default `process`. */
  category?: string;
  /** impact.revenueLost: with no cost block it is the post-mortem's whole cost; default 0. */
  revenueLost?: number;
  cost?: Postmortem['cost'];
  actions?: Partial<Action>[];
  /** Factor scores; unlisted factors score 0. */
  factors?: Partial<Record<FactorKey, number>>;
  repeatOf?: string;
  related?: string[];
  /** Default `Fixture <id>`. */
  title?: string;
  /** As written: `notified` may be left out. */
  regulatory?: Omit<NonNullable<Postmortem['regulatory']>, 'notified'> & { notified?: Record<string, string> };
}

export interface LibraryOptions {
  /** settings.timezone; default UTC. */
  timezone?: string;
  /** Today, YYYY-MM-DD in the settings zone. */
  today: string;
  drafts?: boolean;
}

/** Settings as settings.yaml would give them, with every default applied. */
export function testSettings(overrides: Record<string, unknown> = {}): Settings {
  return settingsSchema.parse(overrides);
}

/** One action with an owner, deadline, priority and status; override what the test is about. */
export function testAction(overrides: Partial<Action> = {}): Action {
  return { title: 'Add a canary stage', owner: 'platform', deadline: '2026-01-31', priority: 'P2', status: 'open', ...overrides };
}

/** A valid post-mortem frontmatter from a fixture, parsed by the real schema (defaults applied). */
export function testPostmortem(fixture: Fixture, settings: Settings = testSettings()): Postmortem {
  const at = (minutes: number) =>
    DateTime.fromISO(fixture.started, { setZone: true }).plus({ minutes }).toISO({ suppressMilliseconds: true })!;
  const detected = at(fixture.detectAfter ?? 10);
  const resolved = at(fixture.resolveAfter ?? 60);
  const input = {
    title: fixture.title ?? `Fixture ${fixture.id}`,
    id: fixture.id,
    kind: fixture.kind,
    severity: fixture.severity ?? 'SEV-2',
    status: fixture.status,
    visibility: fixture.visibility,
    services: fixture.services ?? ['checkout-api'],
    started: fixture.started,
    detected,
    resolved,
    detection: { method: 'monitoring' },
    impact: { usersAffected: 0, revenueLost: fixture.revenueLost ?? 0, slaBreached: false },
    timeline: [
      { at: fixture.started, event: 'It starts' },
      { at: detected, event: 'Alert fires', mark: 'alert' },
      { at: resolved, event: 'Resolved', mark: 'resolved' },
    ],
    whys: ['Why one', 'Why two', 'Why three', 'Why four', 'Why five'],
    rootCause: { category: fixture.category ?? 'process', summary: 'A process gap' },
    factors: Object.fromEntries(FACTOR_KEYS.map((key) => [key, fixture.factors?.[key] ?? 0])),
    wentWell: ['Alerting', 'Rollback', 'Communication'],
    actions: (fixture.actions ?? []).map(testAction),
    cost: fixture.cost,
    repeatOf: fixture.repeatOf,
    related: fixture.related,
    regulatory: fixture.regulatory,
  };
  const parsed = postmortemSchema(settings).safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`fixture ${fixture.id} is not a valid post-mortem: ${problems}`);
  }
  return parsed.data;
}

/** A library built by the real `buildLibrary` from fixtures. */
export function testLibrary(fixtures: readonly Fixture[], options: LibraryOptions): Library {
  const settings = testSettings(options.timezone ? { timezone: options.timezone } : {});
  const entries = fixtures.map((fixture) => ({
    id: fixture.id,
    file: `postmortems/${fixture.id}.mdx`,
    data: testPostmortem(fixture, settings),
  }));
  return buildLibrary(entries, settings, { today: options.today, drafts: options.drafts ?? false, visibility: 'all' });
}
