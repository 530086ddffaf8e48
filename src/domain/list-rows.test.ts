import { describe, expect, it } from 'vitest';
import { actionRow, incidentRow, trackerOrder } from './list-rows.ts';
import { buildLibrary, type EntryInput } from './library.ts';
import type { ActionItem } from './library.ts';
import { postmortemSchema } from '../schemas/postmortem.ts';
import { settingsSchema } from '../schemas/settings.ts';

const settings = settingsSchema.parse({ timezone: 'Europe/Berlin' });
const FACTORS = { monitoring: 0, testing: 0, documentation: 0, process: 0, 'knowledge-concentration': 0, capacity: 0, 'third-party': 0, communication: 0, 'change-management': 0, 'technical-debt': 0 };

function entry(id: string, started: string, resolved: string, severity: string): EntryInput {
  const raw = {
    title: `Post-mortem ${id}`,
    id,
    severity,
    services: ['checkout-api', 'cdn-edge'],
    started,
    detected: started,
    resolved,
    detection: { method: 'monitoring' },
    impact: { usersAffected: 0, revenueLost: 0, slaBreached: false },
    timeline: [{ at: started, event: 'Began' }, { at: resolved, event: 'Ended' }],
    whys: ['One', 'Two', 'Three', 'Four', 'Five'],
    rootCause: { category: 'change-management', summary: 'A process gap' },
    factors: FACTORS,
    wentWell: ['Alerting', 'Runbook', 'Communication'],
    actions: [{ title: 'Add a canary', owner: 'platform', priority: 'P1', deadline: '2026-03-21', status: 'open' }],
  };
  return { id, file: `postmortems/${id}.mdx`, data: postmortemSchema(settings).parse(raw) };
}

describe('incidentRow: what the list of every post-mortem shows, formatted at build time', () => {
  const library = buildLibrary(
    [
      // 23:30 UTC on 14 March is 00:30 on the 15th in Berlin (CET, +1): the list shows the local date.
      entry('INC-1', '2026-03-14T23:30:00Z', '2026-03-15T02:00:00Z', 'SEV-3'),
    ],
    settings,
    { today: '2026-03-25', drafts: false, visibility: 'all' },
  );
  const row = incidentRow(library.incidents[0], ['SEV-1', 'SEV-2', 'SEV-3'], settings.timezone);

  it.each([
    ['date', '15 Mar 2026'],
    ['datetime', '2026-03-14T23:30:00Z'],
    ['rank', 3],
    ['minutes', 150],
    ['duration', '2 h 30 min'],
    ['durationAttr', 'PT2H30M'],
    ['quarter', '2026-Q1'],
    ['services', ['checkout-api', 'cdn-edge']],
  ] as const)('%s is %j', (key, value) => {
    expect(row[key]).toEqual(value);
  });

  it('has no rank for a severity outside the scale', () => {
    expect(incidentRow(library.incidents[0], ['SEV-1'], settings.timezone).rank).toBeNull();
  });

  it('says how an open action stands on the build day: due 21 March, today 25 March', () => {
    const action = actionRow(library.actions[0], '2026-03-25', '2026-Q1', 0);
    expect(action).toMatchObject({ deadlineText: '21 Mar 2026', overdue: true, timing: 'Overdue by 4 days', owner: 'platform', completed: null });
  });

  it('leaves the owner key out when the model names no owner (a public build)', () => {
    const { owner: _, ...withoutOwner } = library.actions[0];
    expect('owner' in actionRow(withoutOwner, '2026-03-25', '2026-Q1', 0)).toBe(false);
  });
});

describe('trackerOrder: overdue first, then deadline (none last), then newest post-mortem', () => {
  const action = (incident: string, deadline: string | null, overdue: boolean, status: ActionItem['status'] = 'open'): ActionItem =>
    ({ incident, title: `${incident} ${deadline}`, deadline, overdue, status, priority: 'P1' }) as ActionItem;
  const newestFirst = [{ id: 'NEW' }, { id: 'OLD' }];

  it('orders a hand-made tracker', () => {
    const actions = [
      action('OLD', '2026-05-01', false),
      action('OLD', null, false),
      action('NEW', '2026-05-01', false),
      action('OLD', '2026-01-10', true),
      action('NEW', '2026-02-01', true),
      action('NEW', '2026-01-01', false, null),
    ];
    expect(trackerOrder(actions, newestFirst).map((a) => a.title)).toEqual(['OLD 2026-01-10', 'NEW 2026-02-01', 'NEW 2026-05-01', 'OLD 2026-05-01', 'OLD null']);
  });
});
