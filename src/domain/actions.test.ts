import { describe, it, expect } from 'vitest';
import { isOverdue, daysUntil } from './actions.ts';

describe('isOverdue (docs/format.md#actions-1: open or in-progress, and the deadline before today)', () => {
  const today = '2026-11-27';
  it.each([
    // Due yesterday, still open.
    ['open', '2026-11-26', true],
    // Due yesterday, being worked on: still overdue.
    ['in-progress', '2026-11-26', true],
    // Due today is not overdue yet: the deadline must be *before* today.
    ['open', '2026-11-27', false],
    ['in-progress', '2026-11-27', false],
    // Due in the future.
    ['open', '2026-12-21', false],
    // Done late is done, not overdue (the on-time rate covers lateness).
    ['done', '2026-04-08', false],
    // Wont-do is closed.
    ['wont-do', '2026-03-13', false],
    // Months ago, still open.
    ['open', '2026-04-02', true],
    // Across a year: 31 December 2025 is before any day of 2026.
    ['open', '2025-12-31', true],
  ] as const)('%s due %s is overdue: %s', (status, deadline, overdue) => {
    expect(isOverdue({ status, deadline }, today)).toBe(overdue);
  });

  it('compares across the year boundary', () => {
    // On New Year's Day a deadline of New Year's Eve has passed.
    expect(isOverdue({ status: 'open', deadline: '2025-12-31' }, '2026-01-01')).toBe(true);
  });
});

describe('daysUntil', () => {
  it.each([
    // Three days ahead.
    ['2026-11-30', '2026-11-27', 3],
    // Due today.
    ['2026-11-27', '2026-11-27', 0],
    // A week overdue: negative.
    ['2026-11-20', '2026-11-27', -7],
    // Over a month end: 28 Nov … 3 Dec is 6 days.
    ['2026-12-03', '2026-11-27', 6],
    // Across the Berlin DST change (29 March): still whole days, not 1 day minus an hour.
    ['2026-03-30', '2026-03-28', 2],
    // 2028 is a leap year: 28 Feb → 29 Feb → 1 Mar.
    ['2028-03-01', '2028-02-28', 2],
    // 2026 is not: 28 Feb → 1 Mar.
    ['2026-03-01', '2026-02-28', 1],
    // Across the year.
    ['2027-01-01', '2026-12-31', 1],
  ])('%s from %s is %i days', (deadline, today, days) => {
    expect(daysUntil(deadline, today)).toBe(days);
  });
});
