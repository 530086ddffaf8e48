import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { postmortemSchema, type Postmortem } from '../../schemas/postmortem.ts';
import { settingsSchema, FACTOR_KEYS, type Settings } from '../../schemas/settings.ts';
import { deadlineLimit, frontmatterWarnings, hoursAndMinutes } from './rules.ts';

const settings = (overrides: Record<string, unknown> = {}): Settings => settingsSchema.parse(overrides);

/**
 * A clean SEV-2 post-mortem that raises no warning, resolved 2026-03-14 10:00 UTC (a Saturday),
 * with the fields a test is about overridden. Parsed by the real schema, so it is valid.
 */
function postmortem(overrides: Record<string, unknown> = {}, with_: Settings = settings()): Postmortem {
  const input = {
    title: 'Checkout 502s after a CDN config push',
    severity: 'SEV-2',
    services: ['checkout-api'],
    started: '2026-03-14T09:00:00Z',
    detected: '2026-03-14T09:05:00Z',
    resolved: '2026-03-14T10:00:00Z',
    detection: { method: 'monitoring' },
    impact: { usersAffected: 100, revenueLost: 0, slaBreached: false },
    timeline: [
      { at: '09:00', event: 'Config push begins' },
      { at: '09:05', event: 'Alert fires', mark: 'alert' },
      { at: '10:00', event: 'Resolved', mark: 'resolved' },
    ],
    whys: ['one', 'two', 'three', 'four', 'five'],
    rootCause: { category: 'change-management', summary: 'No canary for config pushes' },
    factors: Object.fromEntries(FACTOR_KEYS.map((key) => [key, 0])),
    wentWell: ['Alerting', 'Rollback', 'Status page'],
    actions: [],
    ...overrides,
  };
  const parsed = postmortemSchema(with_).safeParse(input);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  return parsed.data;
}

function warnings(pm: Postmortem, with_: Settings = settings()): string[] {
  return frontmatterWarnings(pm, with_).map((finding) => `${finding.rule} ${finding.path.join('.')}`);
}

const action = (priority: 'P0' | 'P1' | 'P2', deadline: string) => ({ title: 'Canary stage', owner: 'platform', deadline, priority, status: 'open' });

it('a clean post-mortem raises no warning', () => {
  expect(frontmatterWarnings(postmortem(), settings())).toEqual([]);
});

describe('deadlineLimit', () => {
  it.each([
    // P0: the next business day, Monday to Friday.
    ['P0', '2026-03-09', '2026-03-10'], // Monday → Tuesday
    ['P0', '2026-03-12', '2026-03-13'], // Thursday → Friday
    ['P0', '2026-03-13', '2026-03-16'], // Friday → Monday
    ['P0', '2026-03-14', '2026-03-16'], // Saturday → Monday
    ['P0', '2026-03-15', '2026-03-16'], // Sunday → Monday
    ['P0', '2026-07-31', '2026-08-03'], // Friday at a month end → Monday
    ['P0', '2026-12-31', '2027-01-01'], // Thursday → Friday, New Year's Day (holidays are not known)
    ['P0', '2026-10-24', '2026-10-26'], // Saturday before the European clock change → Monday
    // P1: 7 days.
    ['P1', '2026-03-14', '2026-03-21'],
    ['P1', '2026-01-28', '2026-02-04'],
    ['P1', '2026-02-25', '2026-03-04'], // February with 28 days
    ['P1', '2028-02-25', '2028-03-03'], // February with 29 days
    ['P1', '2026-12-28', '2027-01-04'],
    ['P1', '2026-03-05', '2026-03-12'], // across the US clock change (8 March)
    // P2: 31 days.
    ['P2', '2026-03-14', '2026-04-14'],
    ['P2', '2026-01-31', '2026-03-03'],
    ['P2', '2028-01-31', '2028-03-02'],
    ['P2', '2026-04-30', '2026-05-31'],
    ['P2', '2026-12-15', '2027-01-15'],
  ] as const)('%s resolved %s → due by %s', (priority, resolved, limit) => {
    expect(deadlineLimit(priority, resolved)).toBe(limit);
  });

  it('agrees with calendar arithmetic in luxon on every day of 2020–2028', () => {
    const luxon = (priority: string, day: DateTime) => {
      if (priority === 'P1') return day.plus({ days: 7 }).toISODate();
      if (priority === 'P2') return day.plus({ days: 31 }).toISODate();
      let next = day.plus({ days: 1 });
      while (next.weekday > 5) next = next.plus({ days: 1 });
      return next.toISODate();
    };
    const disagreements: string[] = [];
    for (let day = DateTime.fromISO('2020-01-01', { zone: 'utc' }); day.year < 2029; day = day.plus({ days: 1 })) {
      for (const priority of ['P0', 'P1', 'P2'] as const) {
        if (deadlineLimit(priority, day.toISODate()!) !== luxon(priority, day)) disagreements.push(`${priority} ${day.toISODate()}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('action-deadline', () => {
  it.each([
    ['P0', '2026-03-16', []],
    ['P0', '2026-03-17', ['action-deadline actions.0.deadline']],
    ['P1', '2026-03-21', []],
    ['P1', '2026-03-22', ['action-deadline actions.0.deadline']],
    ['P2', '2026-04-14', []],
    ['P2', '2026-04-15', ['action-deadline actions.0.deadline']],
    ['P2', '2026-03-14', []], // due the day it was resolved
  ] as const)('%s due %s, resolved Saturday 2026-03-14', (priority, deadline, expected) => {
    expect(warnings(postmortem({ actions: [action(priority, deadline)] }))).toEqual(expected);
  });

  it('checks every action and names the limit and the deadline', () => {
    const pm = postmortem({ actions: [action('P1', '2026-03-20'), action('P1', '2026-04-30'), action('P0', '2026-03-16')] });
    expect(frontmatterWarnings(pm, settings())).toEqual([
      {
        path: ['actions', 1, 'deadline'],
        rule: 'action-deadline',
        message: 'P1 actions are due within 7 days of resolution (2026-03-21); this one is due 2026-04-30 — bring the deadline forward, or lower the priority if it can wait',
      },
    ]);
  });

  it('counts from the local date of resolved in the post-mortem’s zone', () => {
    // 23:30 in New York (EDT, -04:00) is 03:30 UTC the next day: the local date is the 14th.
    const resolved = { started: '2026-03-14T22:00:00-04:00', detected: '2026-03-14T22:05:00-04:00', resolved: '2026-03-14T23:30:00-04:00', timeline: [{ at: '22:00', event: 'a' }, { at: '23:30', event: 'b' }] };
    const inNewYork = postmortem({ ...resolved, timezone: 'America/New_York', actions: [action('P1', '2026-03-21'), action('P1', '2026-03-22')] });
    expect(warnings(inNewYork)).toEqual(['action-deadline actions.1.deadline']);
    // Without a zone of its own, settings.timezone (UTC) decides: the 15th, so the 22nd is fine.
    const inUtc = postmortem({ ...resolved, actions: [action('P1', '2026-03-21'), action('P1', '2026-03-22')] });
    expect(warnings(inUtc)).toEqual([]);
    expect(warnings(inUtc, settings({ timezone: 'America/New_York' }))).toEqual(['action-deadline actions.1.deadline']);
  });

  it('reads an offset that is not the zone’s own offset as the instant it names', () => {
    // -05:00 is New York's winter offset, but on 14 March 2026 New York is already on EDT (-04:00):
    // 23:30-05:00 is 00:30 EDT on the 15th, so the limit is counted from the 15th.
    const pm = postmortem({
      timezone: 'America/New_York',
      started: '2026-03-14T22:00:00-05:00',
      detected: '2026-03-14T22:05:00-05:00',
      resolved: '2026-03-14T23:30:00-05:00',
      timeline: [{ at: '2026-03-14T22:00:00-05:00', event: 'a' }, { at: '2026-03-14T23:30:00-05:00', event: 'b' }],
      actions: [action('P1', '2026-03-22'), action('P1', '2026-03-23')],
    });
    expect(warnings(pm)).toEqual(['action-deadline actions.1.deadline']);
    // In January New York is on -05:00: 23:30-05:00 is the 14th.
    const winter = postmortem({
      timezone: 'America/New_York',
      started: '2026-01-14T22:00:00-05:00',
      detected: '2026-01-14T22:05:00-05:00',
      resolved: '2026-01-14T23:30:00-05:00',
      timeline: [{ at: '22:00', event: 'a' }, { at: '23:30', event: 'b' }],
      actions: [action('P1', '2026-01-21'), action('P1', '2026-01-22')],
    });
    expect(warnings(winter)).toEqual(['action-deadline actions.1.deadline']);
  });

  it('a P0 resolved late on Friday evening locally is due Monday, even when it is Saturday in UTC', () => {
    const pm = postmortem({
      timezone: 'America/Los_Angeles',
      started: '2026-03-13T20:00:00-07:00',
      detected: '2026-03-13T20:05:00-07:00',
      resolved: '2026-03-13T21:00:00-07:00', // Saturday 04:00 UTC
      timeline: [{ at: '20:00', event: 'a' }, { at: '21:00', event: 'b' }],
      actions: [action('P0', '2026-03-16'), action('P0', '2026-03-17')],
    });
    expect(warnings(pm)).toEqual(['action-deadline actions.1.deadline']);
  });

  it('a draft without resolved has no deadline to check', () => {
    const pm = postmortem({ status: 'draft', resolved: undefined, actions: [action('P0', '2027-01-01')] });
    expect(warnings(pm)).toEqual([]);
  });
});

describe('whys-count and went-well-count', () => {
  it.each([
    [3, ['whys-count whys']],
    [4, ['whys-count whys']],
    [5, []],
    [6, ['whys-count whys']],
    [7, ['whys-count whys']],
  ])('%d whys', (count, expected) => {
    expect(warnings(postmortem({ whys: Array.from({ length: count }, (_, i) => `why ${i + 1}`) }))).toEqual(expected);
  });

  it('says what to do in each direction', () => {
    const [few] = frontmatterWarnings(postmortem({ whys: ['a', 'b', 'c', 'd'] }), settings());
    expect(few.message).toBe('has 4 whys; 5 is the aim — keep asking "why?" until you reach a cause you can act on');
    const [many] = frontmatterWarnings(postmortem({ whys: ['a', 'b', 'c', 'd', 'e', 'f'] }), settings());
    expect(many.message).toMatch(/^has 6 whys; 5 is the aim — merge whys/);
  });

  it('names the count in plain words', () => {
    const message = (count: number) => frontmatterWarnings(postmortem({ wentWell: Array.from({ length: count }, (_, i) => `thing ${i + 1}`) }), settings())[0].message;
    expect(message(1)).toBe("has 1 entry; name 3 to 5 things that worked, so the response's strengths are kept too");
    expect(message(6)).toMatch(/^has 6 entries; name 3 to 5 things/);
  });

  it.each([
    [1, ['went-well-count wentWell']],
    [2, ['went-well-count wentWell']],
    [3, []],
    [4, []],
    [5, []],
    [6, ['went-well-count wentWell']],
  ])('%d went-well entries', (count, expected) => {
    expect(warnings(postmortem({ wentWell: Array.from({ length: count }, (_, i) => `thing ${i + 1}`) }))).toEqual(expected);
  });
});

describe('summary-late', () => {
  it.each([
    ['2026-03-14T10:00:00Z', []], // at resolution
    ['2026-03-15T10:00:00Z', []], // exactly 24 h
    ['2026-03-15T11:00:00+01:00', []], // exactly 24 h, written in another offset
    ['2026-03-15T10:00:30Z', ['summary-late reportCompleted']], // 24 h and 30 s
    ['2026-03-15T10:01:00Z', ['summary-late reportCompleted']], // 24 h 1 min
    ['2026-03-17T05:00:00Z', ['summary-late reportCompleted']],
  ])('report completed %s, resolved 2026-03-14T10:00Z', (reportCompleted, expected) => {
    expect(warnings(postmortem({ reportCompleted }))).toEqual(expected);
  });

  it.each([
    ['2026-03-15T10:01:00Z', 'is 24 h 1 min after resolved; the summary is due within 24 hours of resolution'],
    ['2026-03-15T10:00:30Z', 'is more than 24 h after resolved; the summary is due within 24 hours of resolution'],
    ['2026-03-17T05:00:00Z', 'is 67 h after resolved; the summary is due within 24 hours of resolution'],
  ])('%s: %s', (reportCompleted, message) => {
    expect(frontmatterWarnings(postmortem({ reportCompleted }), settings())).toEqual([{ path: ['reportCompleted'], rule: 'summary-late', message }]);
  });

  it('no reportCompleted, no warning', () => {
    expect(warnings(postmortem({ reportCompleted: undefined }))).toEqual([]);
  });

  it.each([
    [0, '0 h'],
    [59, '0 h 59 min'],
    [1440, '24 h'],
    [1441, '24 h 1 min'],
    [4020, '67 h'],
  ])('hoursAndMinutes(%d) is %s', (minutes, expected) => {
    expect(hoursAndMinutes(minutes)).toBe(expected);
  });
});

describe('sev1-timeline-gap', () => {
  const sev1 = (ats: string[], extra: Record<string, unknown> = {}) =>
    postmortem({
      severity: 'SEV-1',
      resolved: '2026-03-14T10:00:00Z',
      timeline: ats.map((at, i) => ({ at, event: `step ${i + 1}` })),
      ...extra,
    });

  it.each([
    [['09:00', '09:15', '09:30', '09:45', '10:00'], []], // exactly 15 minutes each
    [['09:00', '09:16', '09:30', '09:45', '10:00'], ['sev1-timeline-gap timeline.1']], // 16
    [['09:00', '09:15', '09:31', '09:45', '10:00'], ['sev1-timeline-gap timeline.2']],
    [['09:00', '09:20', '09:45', '10:00'], ['sev1-timeline-gap timeline.1', 'sev1-timeline-gap timeline.2']],
    [['09:00', '09:15', '09:30', '09:45', '10:00', '13:00'], []], // the follow-up after resolved is ignored
    [['09:00', '09:15', '09:30', '09:45', '09:55', '10:30'], []], // a gap that ends after resolved is ignored
    [['09:00', '09:15', '09:30', '09:44', '10:00'], ['sev1-timeline-gap timeline.4']], // a gap that ends at resolved counts
  ])('%j', (ats, expected) => {
    expect(warnings(sev1(ats))).toEqual(expected);
  });

  it('compares to the second: 15 min 30 s is longer than 15 minutes', () => {
    const pm = sev1(['2026-03-14T09:00:00Z', '2026-03-14T09:15:00Z', '2026-03-14T09:30:30Z', '2026-03-14T09:45:00Z', '2026-03-14T10:00:00Z']);
    expect(frontmatterWarnings(pm, settings())).toEqual([
      {
        path: ['timeline', 2],
        rule: 'sev1-timeline-gap',
        message: 'comes more than 15 minutes after the entry before it; SEV-1 timelines are minute by minute (at most 15 minutes between entries) — add what happened in between',
      },
    ]);
  });

  it('reads HH:MM after midnight from the full date-time before it', () => {
    const pm = sev1(['23:50', '2026-03-15T00:05:00Z', '00:20', '00:36'], {
      started: '2026-03-14T23:50:00Z',
      detected: '2026-03-14T23:55:00Z',
      resolved: '2026-03-15T00:36:00Z',
    });
    expect(frontmatterWarnings(pm, settings()).map((f) => [f.path, f.message.slice(0, 40)])).toEqual([[['timeline', 3], 'comes 16 minutes after the entry before ']]);
  });

  it('follows settings.sev1MaxGapMinutes', () => {
    const ats = ['09:00', '09:16', '09:46', '10:00'];
    expect(warnings(sev1(ats), settings({ sev1MaxGapMinutes: 30 }))).toEqual([]);
    expect(warnings(sev1(ats), settings({ sev1MaxGapMinutes: 10 }))).toEqual(['sev1-timeline-gap timeline.1', 'sev1-timeline-gap timeline.2', 'sev1-timeline-gap timeline.3']);
  });

  it.each(['SEV-2', 'SEV-3'])('never for %s', (severity) => {
    expect(warnings(postmortem({ severity, timeline: [{ at: '09:00', event: 'a' }, { at: '10:00', event: 'b' }] }))).toEqual([]);
  });
});

describe('architecture-rfc', () => {
  it.each([
    [{ architectureChange: { needed: true } }, ['architecture-rfc prevention.architectureChange']],
    [{ architectureChange: { needed: true, rfc: 'https://docs.example.com/rfc/42' } }, []],
    [{ architectureChange: { needed: false } }, []],
    [{ architectureChange: null }, []],
    [{ monitoring: 'Burn-rate alert' }, []],
  ])('%j', (prevention, expected) => {
    expect(warnings(postmortem({ prevention }))).toEqual(expected);
  });

  it('asks for the RFC link', () => {
    expect(frontmatterWarnings(postmortem({ prevention: { architectureChange: { needed: true } } }), settings())[0].message).toBe(
      'says an architecture change is needed but links no RFC; add rfc: <URL of the design document>',
    );
  });
});

describe('duplicate-related', () => {
  it.each([
    [[], []],
    [['INC-1', 'INC-2'], []],
    [['INC-1', 'INC-1'], ['duplicate-related related.1']],
    [['INC-1', 'INC-2', 'INC-1', 'INC-1'], ['duplicate-related related.2', 'duplicate-related related.3']],
    // Ids are compared as written: a different case is a missing reference (crossCheck), not a repeat.
    [['INC-1', 'inc-1'], []],
  ])('%j', (related, expected) => {
    expect(warnings(postmortem({ related }))).toEqual(expected);
  });

  it('names where the id is listed first, and accepts the same id in repeatOf', () => {
    const findings = frontmatterWarnings(postmortem({ related: ['INC-7', 'INC-9', 'INC-7'], repeatOf: 'INC-7' }), settings());
    expect(findings.map((finding) => finding.message)).toEqual(['lists "INC-7" again (it is related[0] already); remove this entry']);
  });
});
