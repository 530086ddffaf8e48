import { describe, expect, it } from 'vitest';
import { complianceCounts, complianceRows } from './compliance.ts';
import { obligations } from './regulatory.ts';
import { clockText, obligationTiming } from './format.ts';
import type { Incident } from './library.ts';

const TODAY = '2026-11-27';

/** Just what complianceRows reads of a post-mortem. */
function incident(id: string, regulatory: Parameters<typeof obligations>[0], detected: string, zone = 'Europe/Berlin'): Incident {
  return { id, obligations: obligations(regulatory, detected, zone, TODAY) } as Incident;
}

describe('complianceRows', () => {
  it('puts open and overdue first by due instant, then no clock, then met', () => {
    const rows = complianceRows([
      // HIPAA due 19 Jan 2027 (open); SOC 2 no clock.
      incident('A', { frameworks: ['hipaa', 'soc2'] }, '2026-11-20T10:00:00+01:00'),
      // GDPR due 23 Nov 10:00 (overdue); met GDPR from earlier.
      incident('B', { frameworks: ['gdpr'] }, '2026-11-20T10:00:00+01:00'),
      incident('C', { frameworks: ['gdpr'], notified: { gdpr: '2026-06-02T09:00:00+02:00' } }, '2026-06-01T09:00:00+02:00'),
      // GDPR due 28 Nov 10:00 (open, tomorrow): between B's and A's.
      incident('D', { frameworks: ['gdpr'] }, '2026-11-25T10:00:00+01:00'),
    ]);
    expect(rows.map((row) => `${row.incident.id} ${row.obligation.framework} ${row.obligation.state}`)).toEqual([
      'B gdpr overdue',
      'D gdpr open',
      'A hipaa open',
      'A soc2 no-clock',
      'C gdpr met',
    ]);
    expect(complianceCounts(rows)).toEqual({ overdue: 1, open: 2, noClock: 1, met: 1, metLate: 0 });
  });

  it('lists nothing when no post-mortem declares a framework', () => {
    expect(complianceRows([incident('A', undefined, '2026-11-20T10:00:00+01:00')])).toEqual([]);
  });
});

describe('obligationTiming', () => {
  it.each([
    [{ state: 'open', daysLeft: 53, notified: null }, 'due in 53 days'],
    [{ state: 'open', daysLeft: 1, notified: null }, 'due in 1 day'],
    [{ state: 'open', daysLeft: 0, notified: null }, 'due today'],
    [{ state: 'overdue', daysLeft: -4, notified: null }, 'overdue by 4 days'],
    [{ state: 'no-clock', daysLeft: null, notified: null }, 'no fixed clock'],
    // 23:30 UTC on 22 Nov is already 23 Nov in Berlin: the post-mortem's zone decides the date.
    [{ state: 'met', daysLeft: -4, notified: '2026-11-22T23:30:00Z' }, 'met on 23 Nov 2026'],
    [{ state: 'met-late', daysLeft: -4, notified: '2026-11-24T09:00:00+01:00' }, 'met late, on 24 Nov 2026'],
  ] as const)('%o → %s', (obligation, expected) => {
    expect(obligationTiming(obligation, 'Europe/Berlin')).toBe(expected);
  });
});

describe('clockText', () => {
  it.each([
    [{ days: 60 }, '60 calendar days'],
    [{ hours: 72 }, '72 hours'],
    [{ businessDays: 4 }, '4 business days'],
    [null, undefined],
  ])('%o → %s', (clock, expected) => {
    expect(clockText(clock)).toBe(expected);
  });
});
