import type { Action } from '../schemas/action.ts';

/** docs/format.md#actions-1: open or in-progress, and the deadline is before today (a YYYY-MM-DD date). */
export function isOverdue(action: Pick<Action, 'status' | 'deadline'>, today: string): boolean {
  return (action.status === 'open' || action.status === 'in-progress') && action.deadline < today;
}

/** Whole days from `today` to the deadline; negative when overdue. */
export function daysUntil(deadline: string, today: string): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
