import { DateTime } from 'luxon';
import { KINDS, SEVERITIES } from '../schemas/postmortem.ts';
import type { Action } from '../schemas/action.ts';
import type { Incident } from './library.ts';
import { delta, mean, median, p90, rate } from './stats.ts';
import { sumMoney } from './figures.ts';
import type { Money } from './visibility.ts';

export type Severity = (typeof SEVERITIES)[number];
export type Kind = (typeof KINDS)[number];

const QUARTER = /^(\d{4})-Q([1-4])$/;
const DATE = /^(\d{4})-(\d{2})-\d{2}$/;

function parseQuarter(quarter: string): { year: number; q: number } {
  const match = QUARTER.exec(quarter);
  if (!match) throw new RangeError(`"${quarter}" is not a quarter; write it as 2026-Q1`);
  return { year: Number(match[1]), q: Number(match[2]) };
}

function format(year: number, q: number): string {
  return `${String(year).padStart(4, '0')}-Q${q}`;
}

/** The quarter before `quarter`: 2026-Q1 → 2025-Q4. */
export function previousQuarter(quarter: string): string {
  const { year, q } = parseQuarter(quarter);
  return q === 1 ? format(year - 1, 4) : format(year, q - 1);
}

/** The quarter after `quarter`: 2025-Q4 → 2026-Q1. */
export function nextQuarter(quarter: string): string {
  const { year, q } = parseQuarter(quarter);
  return q === 4 ? format(year + 1, 1) : format(year, q + 1);
}

/** Every quarter from `first` to `last`, both included; empty when `first` is after `last`. */
export function quarterRange(first: string, last: string): string[] {
  parseQuarter(first);
  parseQuarter(last);
  const quarters: string[] = [];
  // `YYYY-Qn` strings sort in calendar order, so plain comparison walks the range.
  for (let quarter = first; quarter <= last; quarter = nextQuarter(quarter)) quarters.push(quarter);
  return quarters;
}

/** A line of a list of quarters: one quarter, or a run of quiet ones told as one. */
export type QuarterLine<T> = { quarter: T } | { quiet: { from: string; to: string; count: number } };

/**
 * A list of quarters (in either order) with every run of `minimum` or more quiet quarters in a
 * row (no post-mortem, and not the current quarter, which is always shown) as one line: years
 * without a post-mortem in an imported library read as "2016-Q1 – 2019-Q3", not as fifteen lines.
 * A shorter run stays, quarter by quarter: a quiet quarter among busy ones is news.
 */
export function collapseQuietQuarters<T extends { quarter: string; count: number; current?: boolean }>(quarters: readonly T[], minimum = 4): QuarterLine<T>[] {
  const lines: QuarterLine<T>[] = [];
  let run: T[] = [];
  const flush = () => {
    if (run.length >= minimum) {
      const names = run.map((quarter) => quarter.quarter).sort();
      lines.push({ quiet: { from: names[0], to: names.at(-1)!, count: run.length } });
    } else lines.push(...run.map((quarter) => ({ quarter })));
    run = [];
  };
  for (const quarter of quarters) {
    if (quarter.count === 0 && !quarter.current) {
      run.push(quarter);
      continue;
    }
    flush();
    lines.push({ quarter });
  }
  flush();
  return lines;
}

/** The quarter of a calendar date written YYYY-MM-DD (already local: no zone involved). */
export function quarterOfDate(isoDate: string): string {
  const match = DATE.exec(isoDate);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) throw new RangeError(`"${isoDate}" is not a date; write it as 2026-03-21`);
  return format(Number(match[1]), Math.ceil(month / 3));
}

export interface QuarterBounds {
  /** First instant of the quarter: midnight of its first day in the zone, ISO with offset. */
  start: string;
  /** First instant of the next quarter (exclusive end), ISO with offset. */
  end: string;
}

/**
 * Where a quarter begins and ends in a time zone. The end is exclusive — the start of the next
 * quarter — so an instant belongs to the quarter when start ≤ instant < end, with no 23:59:59.999.
 */
export function quarterBounds(quarter: string, zone: string): QuarterBounds {
  const { year, q } = parseQuarter(quarter);
  const start = DateTime.fromObject({ year, month: (q - 1) * 3 + 1, day: 1 }, { zone });
  if (!start.isValid) throw new RangeError(`"${zone}" is not a time zone: ${start.invalidExplanation ?? start.invalidReason}`);
  const iso = (moment: DateTime) => moment.toISO({ suppressMilliseconds: true })!;
  return { start: iso(start), end: iso(start.plus({ months: 3 })) };
}

/** Whether an action counts as done on `today`: done, with a completion date not after today. */
export function doneBy(action: Pick<Action, 'status' | 'completed'>, today: string): boolean {
  // The schema does not forbid a `completed` date in the future (a typo, or HINDSIGHT_NOW set to a
  // past date for a reproducible build). "As of today" such an action is not done yet.
  // A done action of an imported post-mortem may have no recorded date: done, when unknown.
  return action.status === 'done' && (action.completed === undefined || action.completed <= today);
}

export interface ActionRates {
  /** done ÷ (all − wont-do), as of today; null when every action is wont-do or there are none. */
  completionRate: number | null;
  /** done with completed ≤ deadline ÷ done; null when none is done. */
  onTimeRate: number | null;
}

/** Action completion and on-time rates (docs/format.md#per-quarter-the-quarterly-review), as fractions 0–1, as of `today` (YYYY-MM-DD). */
export function actionRates(actions: Iterable<Pick<Action, 'status' | 'completed' | 'deadline'>>, today: string): ActionRates {
  let considered = 0;
  let done = 0;
  let onTime = 0;
  let withDeadline = 0;
  for (const action of actions) {
    // An action whose status is unknown is neither done nor open: not counted either way.
    if (action.status === 'wont-do' || action.status === null) continue;
    considered++;
    if (!doneBy(action, today)) continue;
    done++;
    // On time or late is known only with both dates.
    if (action.deadline === null || action.completed === undefined) continue;
    withDeadline++;
    if (action.completed! <= action.deadline) onTime++;
  }
  return { completionRate: rate(done, considered), onTimeRate: rate(onTime, withDeadline) };
}

/** Mean, median and 90th percentile (nearest rank) of a set of minutes; null each without data. */
export interface Spread {
  mean: number | null;
  median: number | null;
  p90: number | null;
}

/** Each numeric figure of a quarter minus the same figure of the quarter before. */
export interface QuarterChange {
  count: number;
  /** By the team's severity levels (settings.severities), in their order. */
  bySeverity: Record<string, number>;
  byKind: Record<Kind, number>;
  mttdMean: number | null;
  mttdMedian: number | null;
  mttdP90: number | null;
  mttrMean: number | null;
  mttrMedian: number | null;
  mttrP90: number | null;
  /** Difference of two fractions: +0.25 is 25 percentage points better. */
  actionCompletionRate: number | null;
  onTimeRate: number | null;
  repeats: number;
  /** Withheld in a public build. */
  totalCost: Money;
}

/** The quarterly incident review figures (docs/format.md#per-quarter-the-quarterly-review) for one quarter. */
export interface QuarterStats {
  quarter: string;
  /** The quarter's first instant in the settings zone. */
  start: string;
  /** The next quarter's first instant (exclusive end). */
  end: string;
  /** The quarter holds today: its figures are still moving. */
  current: boolean;
  count: number;
  /** By the team's severity levels (settings.severities), in their order. */
  bySeverity: Record<string, number>;
  byKind: Record<Kind, number>;
  /** Minutes from started to detected, over the post-mortems that record both (recorded.detect). */
  mttd: Spread;
  /** Minutes from started to resolved. */
  mttr: Spread;
  actionCompletionRate: number | null;
  onTimeRate: number | null;
  /** Post-mortems of the quarter that repeat an earlier one (explicit or detected). */
  repeats: number;
  /** The sum of the costs recorded (recorded.costed of count): unknown costs are left out, never 0; withheld in a public build. */
  totalCost: Money;
  /** How many of the quarter's post-mortems record each figure's inputs (docs/format.md#unknown-values). */
  recorded: { detect: number; resolve: number; costed: number; severity: number; category: number };
  /** Up to three root-cause categories: most post-mortems first, then higher cost, then name. */
  topCategories: string[];
  /** Against the previous quarter; null for the first quarter. */
  change: QuarterChange | null;
}

/**
 * Per-quarter figures (docs/format.md#per-quarter-the-quarterly-review) over published post-mortems, from the quarter of the earliest one to
 * the quarter of `today` (YYYY-MM-DD in `zone`, the settings zone), quiet quarters included.
 *
 * An incident's quarter is its `quarter` field — computed once by the library in the settings zone
 * — so the review, the incident pages and incidents.json never disagree; `zone` places the quarter
 * bounds. O(n + q): incidents are grouped by quarter in one pass.
 */
export function quarterStats(incidents: readonly Incident[], today: string, zone: string, severities: readonly string[] = SEVERITIES): QuarterStats[] {
  const groups = new Map<string, Incident[]>();
  for (const incident of incidents) {
    if (incident.counted === false) continue;
    const group = groups.get(incident.quarter);
    if (group) group.push(incident);
    else groups.set(incident.quarter, [incident]);
  }
  if (groups.size === 0) return [];
  const current = quarterOfDate(today);
  let first = '';
  let last = current;
  for (const quarter of groups.keys()) {
    if (first === '' || quarter < first) first = quarter;
    // A post-mortem dated after today (HINDSIGHT_NOW in the past) still counts: stretch the range
    // rather than drop it from every figure.
    if (quarter > last) last = quarter;
  }
  const stats: QuarterStats[] = [];
  for (const quarter of quarterRange(first, last)) {
    const figures = quarterFigures(groups.get(quarter) ?? [], today, severities);
    const previous = stats.at(-1);
    stats.push({
      quarter,
      ...quarterBounds(quarter, zone),
      current: quarter === current,
      ...figures,
      change: previous ? change(figures, previous) : null,
    });
  }
  return stats;
}

type Figures = Omit<QuarterStats, 'quarter' | 'start' | 'end' | 'current' | 'change'>;

function quarterFigures(incidents: readonly Incident[], today: string, severities: readonly string[]): Figures {
  const bySeverity = zeros(severities);
  const byKind = zeros(KINDS);
  const detect: number[] = [];
  const resolve: number[] = [];
  const categories = new Map<string, { count: number; costs: (Money | null)[] }>();
  let repeats = 0;
  const recorded = { detect: 0, resolve: 0, costed: 0, severity: 0, category: 0 };
  // Unknown values are left out of every figure, and counted as not recorded: never as zero.
  for (const incident of incidents) {
    if (incident.severity !== null) {
      bySeverity[incident.severity]++;
      recorded.severity++;
    }
    byKind[incident.kind]++;
    if (incident.timeToDetectMinutes !== null) {
      detect.push(incident.timeToDetectMinutes);
      recorded.detect++;
    }
    if (incident.timeToResolveMinutes !== null) {
      resolve.push(incident.timeToResolveMinutes);
      recorded.resolve++;
    }
    if (incident.repeat !== null) repeats++;
    if (incident.cost && incident.cost.total !== null) recorded.costed++;
    if (incident.category === null) continue;
    recorded.category++;
    const category = categories.get(incident.category) ?? { count: 0, costs: [] };
    category.count++;
    category.costs.push(incident.cost?.total);
    categories.set(incident.category, category);
  }
  const { completionRate, onTimeRate } = actionRates(
    incidents.flatMap((incident) => incident.actions),
    today,
  );
  return {
    count: incidents.length,
    bySeverity,
    byKind,
    mttd: spread(detect),
    mttr: spread(resolve),
    actionCompletionRate: completionRate,
    onTimeRate,
    repeats,
    totalCost: sumMoney(incidents.map((incident) => incident.cost?.total)),
    recorded,
    topCategories: [...categories]
      .map(([name, { count, costs }]) => ({ name, count, cost: sumMoney(costs) }))
      .sort(byCountCostName)
      .slice(0, 3)
      .map(({ name }) => name),
  };
}

/** Order for rankings: more post-mortems first, then higher total cost (none when withheld), then name ascending. */
export function byCountCostName(a: { name: string; count: number; cost: Money }, b: { name: string; count: number; cost: Money }): number {
  return b.count - a.count || (b.cost ?? 0) - (a.cost ?? 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

function spread(minutes: readonly number[]): Spread {
  return { mean: mean(minutes), median: median(minutes), p90: p90(minutes) };
}

function change(now: Figures, before: Figures): QuarterChange {
  const counts = <K extends string>(keys: readonly K[], a: Record<K, number>, b: Record<K, number>) =>
    Object.fromEntries(keys.map((key) => [key, a[key] - b[key]])) as Record<K, number>;
  return {
    count: now.count - before.count,
    bySeverity: counts(Object.keys(now.bySeverity), now.bySeverity, before.bySeverity),
    byKind: counts(KINDS, now.byKind, before.byKind),
    mttdMean: delta(now.mttd.mean, before.mttd.mean),
    mttdMedian: delta(now.mttd.median, before.mttd.median),
    mttdP90: delta(now.mttd.p90, before.mttd.p90),
    mttrMean: delta(now.mttr.mean, before.mttr.mean),
    mttrMedian: delta(now.mttr.median, before.mttr.median),
    mttrP90: delta(now.mttr.p90, before.mttr.p90),
    actionCompletionRate: delta(now.actionCompletionRate, before.actionCompletionRate),
    onTimeRate: delta(now.onTimeRate, before.onTimeRate),
    repeats: now.repeats - before.repeats,
    totalCost: now.totalCost === undefined || before.totalCost === undefined ? undefined : now.totalCost - before.totalCost,
  };
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}
