// Unknown values (docs/format.md#unknown-values) in a library that mixes recorded and unknown
// facts: every figure leaves the unknowns out, counts what is recorded, and never reads one as 0.
// Worked by hand below.
import { describe, expect, it } from 'vitest';
import { postmortemSchema } from '../schemas/postmortem.ts';
import { buildLibrary } from './library.ts';
import { incidentRecord } from './records.ts';
import { testSettings } from './testing.ts';

const settings = testSettings();
const schema = postmortemSchema(settings, '2026-06-30');
const base = {
  status: 'published',
  services: ['checkout-api'],
  detection: { method: 'monitoring' },
  whys: ['One', 'Two', 'Three', 'Four', 'Five'],
  factors: { monitoring: 1, testing: 0, documentation: 0, process: 2, 'knowledge-concentration': 0, capacity: 0, 'third-party': 0, communication: 0, 'change-management': 0, 'technical-debt': 0 },
  wentWell: ['Rollback', 'Alerting', 'Roles'],
};
const imported = { imported: { from: 'archive/old.md', on: '2026-06-01' } };
const entries = [
  // A: everything recorded. Detected after 10 min, resolved after 60; 1,000 lost; one open action, overdue.
  {
    ...base,
    title: 'A',
    id: 'A',
    severity: 'SEV-2',
    started: '2026-04-10T10:00:00Z',
    detected: '2026-04-10T10:10:00Z',
    resolved: '2026-04-10T11:00:00Z',
    impact: { usersAffected: 100, revenueLost: 1000, slaBreached: false },
    timeline: [{ at: '10:00', event: 'Start' }, { at: '11:00', event: 'Resolved' }],
    rootCause: { category: 'process', summary: 'A gap' },
    actions: [{ title: 'Fix A', owner: 'platform', deadline: '2026-05-01', priority: 'P2', status: 'open' }],
  },
  // B: imported; severity, detection time, revenue, category and the action's status unknown. Resolved after 120 min.
  {
    ...imported,
    title: 'B',
    id: 'B',
    started: '2026-04-20T10:00:00Z',
    resolved: '2026-04-20T12:00:00Z',
    impact: { usersAffected: 'unknown', revenueLost: 'unknown', slaBreached: 'unknown' },
    rootCause: { category: 'unknown', summary: 'unknown' },
    actions: [{ title: 'Fix B', deadline: '2026-05-01' }],
  },
  // C: imported; started is a date alone, no end recorded; 500 lost; its one action done, on a date nobody wrote down.
  {
    ...imported,
    title: 'C',
    id: 'C',
    started: '2026-05-20',
    impact: { usersAffected: 'unknown', revenueLost: 500, slaBreached: false },
    timeline: [{ at: '2026-05-20', event: 'Noticed during the day' }, { at: '~14:00', event: 'Fixed' }],
    rootCause: { category: 'testing', summary: 'No test' },
    actions: [{ title: 'Fix C', status: 'done' }],
  },
];

function library() {
  const parsed = entries.map((entry) => {
    const result = schema.safeParse(entry);
    if (!result.success) throw new Error(`${entry.id}: ${result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
    return { id: entry.id, file: `postmortems/${entry.id}.md`, data: result.data };
  });
  return buildLibrary(parsed, settings, { today: '2026-06-30', drafts: false, visibility: 'all' });
}

describe('a library that mixes recorded and unknown values', () => {
  const lib = library();
  const q2 = lib.quarters.find((quarter) => quarter.quarter === '2026-Q2')!;

  it('reads unknown as null, never 0', () => {
    const [a, b, c] = ['A', 'B', 'C'].map((id) => lib.published.find((incident) => incident.id === id)!);
    expect(b.data.impact).toMatchObject({ usersAffected: null, revenueLost: null, slaBreached: null });
    expect([b.severity, b.category, b.timeToDetectMinutes, b.cost!.total]).toEqual([null, null, null, null]);
    // C: a date alone has no time of day, so no duration can be measured from it.
    expect([c.durationMinutes, c.timeToDetectMinutes, c.cost!.total]).toEqual([null, null, 500]);
    expect(a.cost!.total).toBe(1000);
  });

  it.each([
    ['post-mortems', q2.count, 3],
    // MTTD over A alone (B and C record no detection): 10 min.
    ['detections recorded', q2.recorded.detect, 1],
    ['MTTD median', q2.mttd.median, 10],
    // MTTR over A (60) and B (120): median and mean 90; C has no end.
    ['resolutions recorded', q2.recorded.resolve, 2],
    ['MTTR median', q2.mttr.median, 90],
    ['MTTR mean', q2.mttr.mean, 90],
    // Costs of A (1,000) and C (500); B's is unknown, left out.
    ['costs recorded', q2.recorded.costed, 2],
    ['total cost', q2.totalCost, 1500],
    // Only A states a severity.
    ['severities recorded', q2.recorded.severity, 1],
    ['SEV-2', q2.bySeverity['SEV-2'], 1],
    ['categories recorded', q2.recorded.category, 2],
    // A open, C done; B's status unknown: 1 done of 2.
    ['completion rate', q2.actionCompletionRate, 0.5],
    // C's completion date is unknown: on time or late cannot be said of any action.
    ['on-time rate', q2.onTimeRate, null],
  ])('%s: %s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('ranks the categories recorded: process (1, 1,000) before testing (1, 500)', () => {
    expect(q2.topCategories).toEqual(['process', 'testing']);
  });

  it('never counts an action of unknown status open, overdue or done', () => {
    expect(lib.actionSummary.open.map((action) => action.title)).toEqual(['Fix A']);
    expect(lib.actionSummary.overdue.map((action) => action.title)).toEqual(['Fix A']);
    const fixB = lib.actions.find((action) => action.title === 'Fix B')!;
    expect([fixB.status, fixB.overdue]).toEqual([null, false]);
  });

  it('writes null for unknowns in incidents.json', () => {
    const b = lib.published.find((incident) => incident.id === 'B')!;
    expect(incidentRecord(b)).toMatchObject({ severity: null, usersAffected: null, slaBreached: null, detected: null, timeToDetectMinutes: null, detection: null });
  });
});
