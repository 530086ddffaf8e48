import { describe, expect, it } from 'vitest';
import { dueAt, frameworkRules, obligations } from './regulatory.ts';

describe('dueAt', () => {
  it.each([
    // HIPAA 60 calendar days: 14 Mar + 17 = 31 Mar, + 30 = 30 Apr, + 13 = 13 May; end of that Berlin day (CEST by then).
    ['2026-03-14T09:20:00+01:00', { days: 60 }, 'Europe/Berlin', '2026-05-13T23:59:59+02:00'],
    // Month end: 31 Dec + 31 = 31 Jan, + 28 = 28 Feb (59 days), + 1 = 1 Mar 2027.
    ['2026-12-31T08:00:00-05:00', { days: 60 }, 'America/New_York', '2027-03-01T23:59:59-05:00'],
    // GDPR 72 h is elapsed time: across the spring-forward night the wall clock moves one hour on.
    ['2026-03-27T10:00:00+01:00', { hours: 72 }, 'Europe/Berlin', '2026-03-30T11:00:00+02:00'],
    // …and across the autumn fall-back night one hour back.
    ['2026-10-23T10:00:00+02:00', { hours: 72 }, 'Europe/Berlin', '2026-10-26T09:00:00+01:00'],
    // SEC 8-K four business days from Thursday 26 Nov: Fri 27, Mon 30, Tue 1, Wed 2 Dec.
    ['2026-11-26T15:00:00-05:00', { businessDays: 4 }, 'America/New_York', '2026-12-02T23:59:59-05:00'],
    // From a Friday: Mon 2, Tue 3, Wed 4, Thu 5 Feb.
    ['2026-01-30T09:00:00Z', { businessDays: 4 }, 'UTC', '2026-02-05T23:59:59Z'],
    // From a Saturday: the weekend does not count; Mon 2 … Thu 5 Feb.
    ['2026-01-31T09:00:00Z', { businessDays: 4 }, 'UTC', '2026-02-05T23:59:59Z'],
    // The local date decides: 23:30 New York on 31 Jan (Sat) is already 1 Feb in UTC.
    ['2026-02-01T04:30:00Z', { businessDays: 1 }, 'America/New_York', '2026-02-02T23:59:59-05:00'],
    // OSHA fatality 8 h, late evening into the next day.
    ['2026-07-01T22:00:00-04:00', { hours: 8 }, 'America/New_York', '2026-07-02T06:00:00-04:00'],
  ])('%s + %o in %s → %s', (discovered, clock, zone, expected) => {
    expect(dueAt(discovered, clock, zone)).toBe(expected);
  });
});

describe('obligations', () => {
  const detected = '2026-11-20T10:00:00+01:00';
  it.each([
    // GDPR due 23 Nov 10:00; today 27 Nov and nobody notified → overdue by 4 days.
    [{ frameworks: ['gdpr'] }, 'overdue', '2026-11-23', -4],
    // Notified within the 72 hours → met.
    [{ frameworks: ['gdpr'], notified: { gdpr: '2026-11-22T09:00:00+01:00' } }, 'met', '2026-11-23', -4],
    // Notified one minute late → met late.
    [{ frameworks: ['gdpr'], notified: { gdpr: '2026-11-23T10:01:00+01:00' } }, 'met-late', '2026-11-23', -4],
    // HIPAA 60 days from 20 Nov: 10 more in Nov, 31 in Dec, 19 in Jan → 19 Jan 2027; 53 days after 27 Nov.
    [{ frameworks: ['hipaa'] }, 'open', '2027-01-19', 53],
    // discovered overrides detected: found 25 Nov → GDPR due 28 Nov, tomorrow.
    [{ frameworks: ['gdpr'], discovered: '2026-11-25T10:00:00+01:00' }, 'open', '2026-11-28', 1],
    // SOC 2 has no clock of its own.
    [{ frameworks: ['soc2'] }, 'no-clock', null, null],
    // OSHA hospitalisation: 24 h → 21 Nov.
    [{ frameworks: ['osha'], osha: 'hospitalisation' as const }, 'overdue', '2026-11-21', -6],
  ])('%o → %s due %s (%s days)', (regulatory, state, dueDate, daysLeft) => {
    const [obligation] = obligations(regulatory, detected, 'Europe/Berlin', '2026-11-27');
    expect(obligation).toMatchObject({ state, dueDate, daysLeft });
  });

  it('is due today, not overdue, on the due date itself', () => {
    const [obligation] = obligations({ frameworks: ['gdpr'] }, detected, 'Europe/Berlin', '2026-11-23');
    expect(obligation).toMatchObject({ state: 'open', daysLeft: 0 });
  });

  it('lets settings add a framework and give SOC 2 a clock', () => {
    const rules = frameworkRules({ soc2: { clock: { days: 30 } }, 'state-ag': { label: 'State AG', text: 'Notify the attorney general.', clock: { days: 45 } } });
    const found = obligations({ frameworks: ['soc2', 'state-ag'] }, detected, 'Europe/Berlin', '2026-11-27', rules);
    expect(found.map((o) => [o.label, o.dueDate])).toEqual([
      ['SOC 2', '2026-12-20'],
      ['State AG', '2027-01-04'],
    ]);
  });

  it('declares nothing without a regulatory block', () => {
    expect(obligations(undefined, detected, 'UTC', '2026-11-27')).toEqual([]);
  });
});
