import type { Action } from '../schemas/action.ts';
import type { ActionItem } from './library.ts';

/** Still to be done: open or in progress (docs/format.md#actions-1). Done and won’t-do are closed. */
export function isOpen(action: Pick<Action, 'status'>): boolean {
  return action.status === 'open' || action.status === 'in-progress';
}

/**
 * docs/format.md#actions-1: open or in-progress, and the deadline is before today (a YYYY-MM-DD
 * date). An action whose status or deadline is unknown is never overdue.
 */
export function isOverdue(action: Pick<Action, 'status' | 'deadline'>, today: string): boolean {
  return isOpen(action) && action.deadline !== null && action.deadline < today;
}

/** An action whose status is not recorded (imported post-mortems): neither open, overdue nor done; listed apart. */
export function isStatusUnknown(action: Pick<Action, 'status'>): boolean {
  return action.status === null;
}

/** Unknown deadlines and priorities sort after every known one. */
const LAST = '\uffff';

/** Whole days from `today` to the deadline; negative when overdue. */
export function daysUntil(deadline: string, today: string): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/*
 * The two orders of open actions. Both put the soonest deadline first, so overdue ones lead (an
 * open action is overdue exactly when its deadline is before today); they differ in what they read
 * and in how they break ties:
 * - `openActions` reads each item's `overdue`, worked out by the library for the build's today, and
 *   breaks ties by priority, then post-mortem id: the home page, the quarterly review and the
 *   category pages, which list what to chase first.
 * - `bySoonestDeadline` reads only deadlines, so it holds for any `today` (`actionSummary` takes its
 *   own), and breaks ties by post-mortem id, then title: the service pages and the action tracker's
 *   figures.
 */

/** Open actions (open or in progress), overdue first, then by deadline, priority and post-mortem. */
export function openActions(actions: readonly ActionItem[]): ActionItem[] {
  return actions.filter(isOpen).sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.deadline ?? LAST).localeCompare(b.deadline ?? LAST) ||
      (a.priority ?? LAST).localeCompare(b.priority ?? LAST) ||
      a.incident.localeCompare(b.incident),
  );
}

/** Soonest deadline first, then post-mortem id, then title (plain code-point order). */
export function bySoonestDeadline(a: ActionItem, b: ActionItem): number {
  return compareNames(a.deadline ?? LAST, b.deadline ?? LAST) || compareNames(a.incident, b.incident) || compareNames(a.title, b.title);
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
