import type { ActionItem, Incident } from './library.ts';
import { actionTiming, durationAttribute, formatDate, formatMinutes, localInstant } from './format.ts';
import { isDateOnly } from '../core/time.ts';

/*
 * The rows of the long lists (every post-mortem, every action) as the browser gets them when a
 * reader filters or sorts across the whole library (src/client/list-view.ts): what each filter
 * and sort needs, and the words the row shows, already formatted, so the browser needs no date
 * library. Written in files of ROWS_PER_FILE rows, in the lists' order without JavaScript
 * (src/pages/lists/). The site's own data, not an API: docs/site.md#long-lists. Pure.
 */

/** One row of the post-mortem list. */
export interface IncidentRow {
  id: string;
  title: string;
  severity: string | null;
  /** The severity's place in settings.severities, 1 first; null when not recorded. */
  rank: number | null;
  kind: Incident['kind'];
  services: string[];
  category: string | null;
  quarter: string;
  status: Incident['status'];
  /** When it started, as `<time datetime>` and as read: `2026-03-14T08:12:00Z`, `14 Mar 2026`. */
  datetime: string;
  date: string;
  minutes: number | null;
  /** `2 h 30 min`, and its `<time datetime>` (`PT2H30M`); null when the duration is not recorded. */
  duration: string | null;
  durationAttr: string | null;
}

export function incidentRow(incident: Incident, severities: readonly string[], zone: string): IncidentRow {
  const started = incident.data.started;
  const local = isDateOnly(started) ? undefined : localInstant(started, zone);
  const rank = incident.severity === null ? -1 : severities.indexOf(incident.severity);
  const minutes = incident.durationMinutes;
  return {
    id: incident.id,
    title: incident.title,
    severity: incident.severity,
    rank: rank < 0 ? null : rank + 1,
    kind: incident.kind,
    services: incident.services,
    category: incident.category,
    quarter: incident.quarter,
    status: incident.status,
    datetime: local?.datetime ?? started,
    date: local?.date ?? formatDate(started),
    minutes,
    duration: minutes === null ? null : formatMinutes(minutes),
    durationAttr: minutes === null ? null : durationAttribute(minutes),
  };
}

/** One row of the action tracker. */
export interface ActionRow {
  /** The post-mortem's id; its title is in the file's `titles`. */
  incident: string;
  title: string;
  /** Absent in a public build, which names no owner. */
  owner?: string | null;
  deadline: string | null;
  /** `21 Mar 2026`. */
  deadlineText: string | null;
  priority: ActionItem['priority'];
  status: ActionItem['status'];
  overdue: boolean;
  /** `Overdue by 12 days`, `Due in 3 days`; null when closed or without deadline. */
  timing: string | null;
  completed: string | null;
  completedText: string | null;
  /** The post-mortem's quarter, to filter by. */
  quarter: string;
  /** The post-mortem's newest-first place in the library, to sort by post-mortem. */
  rank: number;
}

export function actionRow(action: ActionItem, today: string, quarter: string, rank: number): ActionRow {
  return {
    incident: action.incident,
    title: action.title,
    ...(action.owner === undefined ? {} : { owner: action.owner ?? null }),
    deadline: action.deadline,
    deadlineText: action.deadline === null ? null : formatDate(action.deadline),
    priority: action.priority,
    status: action.status,
    overdue: action.overdue,
    timing: actionTiming(action, today) ?? null,
    completed: action.completed ?? null,
    completedText: action.completed ? formatDate(action.completed) : null,
    quarter,
    rank,
  };
}

const ordered = new WeakMap<readonly ActionItem[], ActionItem[]>();
const owners = new WeakMap<readonly ActionItem[], string[]>();

/** Every owner named in `actions`, A to Z (none in a public build); worked out once per list, as every page of the tracker offers them. */
export function ownersOf(actions: readonly ActionItem[]): string[] {
  let known = owners.get(actions);
  if (!known) owners.set(actions, (known = [...new Set(actions.flatMap((action) => action.owner ?? []))].sort((a, b) => a.localeCompare(b))));
  return known;
}

/**
 * The action tracker's order without JavaScript: overdue first, then by deadline (none last),
 * then newest post-mortem first (`newestFirst`: the post-mortems, newest first); actions whose
 * status nobody recorded are listed apart. Worked out once per list of actions: every page of the
 * tracker asks for it.
 */
export function trackerOrder(actions: readonly ActionItem[], newestFirst: readonly { id: string }[]): ActionItem[] {
  const known = ordered.get(actions);
  if (known) return known;
  const rank = new Map(newestFirst.map((incident, index) => [incident.id, index]));
  const result = actions
    .filter((action) => action.status !== null)
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.deadline ?? '\uffff').localeCompare(b.deadline ?? '\uffff') ||
        (rank.get(a.incident) ?? 0) - (rank.get(b.incident) ?? 0),
    );
  ordered.set(actions, result);
  return result;
}
