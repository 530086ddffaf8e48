import type { Postmortem } from '../schemas/postmortem.ts';
import type { Action } from '../schemas/action.ts';
import type { TimelineItem } from './library.ts';
import type { ObligationState } from './regulatory.ts';

/*
 * The words shown for enum keys and slugs: severities, kinds, statuses, priorities, milestones,
 * obligation states, root-cause categories. Pure, no Astro import.
 */

/** How an unknown value reads wherever it is shown (docs/format.md#unknown-values): one wording, styled as absent. */
export const NOT_RECORDED = 'not recorded';

export const KIND_LABELS: Record<Postmortem['kind'], string> = {
  incident: 'Incident',
  'missed-deadline': 'Missed deadline',
  'failed-launch': 'Failed launch',
  'lost-deal': 'Lost deal',
  other: 'Other',
};

export const STATUS_LABELS: Record<Postmortem['status'], string> = {
  draft: 'Draft',
  'in-review': 'In review',
  published: 'Published',
};

export const ACTION_STATUS_LABELS: Record<NonNullable<Action['status']>, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  'wont-do': 'Won’t do',
};

export const PRIORITY_LABELS: Record<NonNullable<Action['priority']>, string> = {
  P0: 'P0 · next business day',
  P1: 'P1 · within 7 days',
  P2: 'P2 · within 31 days',
};

export const DETECTION_LABELS: Record<NonNullable<Postmortem['detection']>['method'], string> = {
  monitoring: 'Monitoring',
  'customer-report': 'Customer report',
  'internal-discovery': 'Internal discovery',
};

export const MILESTONE_LABELS: Record<NonNullable<TimelineItem['mark']>, string> = {
  alert: 'Alert',
  notified: 'Notified',
  investigating: 'Investigating',
  'root-cause': 'Root cause found',
  'fix-deployed': 'Fix deployed',
  resolved: 'Resolved',
};

const WORD_OVERRIDES: Record<string, string> = { api: 'API', cdn: 'CDN', sla: 'SLA', sre: 'SRE', db: 'DB', dns: 'DNS' };

/** A slug such as `knowledge-concentration` or `checkout-api` in words: `Knowledge concentration`, `Checkout API`. */
export function humanize(slug: string): string {
  const words = slug.split('-').filter(Boolean).map((word) => WORD_OVERRIDES[word] ?? word);
  if (!words.length) return slug;
  return [words[0].charAt(0).toUpperCase() + words[0].slice(1), ...words.slice(1)].join(' ');
}

/** A contributing-factor score 0–3 in words. */
export function scoreLabel(score: number): string {
  return ['Not a factor', 'Minor', 'Significant', 'Major'][score] ?? String(score);
}

export const OBLIGATION_STATE_LABELS: Record<ObligationState, string> = {
  overdue: 'Overdue',
  open: 'Open',
  'no-clock': 'No fixed clock',
  met: 'Met',
  'met-late': 'Met late',
};
