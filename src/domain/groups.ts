import { FACTOR_KEYS, type FactorKey } from '../schemas/settings.ts';
import { PRIORITIES } from '../schemas/action.ts';
import type { ActionItem, Incident } from './library.ts';
import { bySoonestDeadline, isOpen, isOverdue } from './actions.ts';
import { actionRates, byCountCostName, doneBy, quarterRange, type ActionRates } from './quarters.ts';
import { sumMoney } from './figures.ts';
import type { Money } from './visibility.ts';

/*
 * Groupings for the category, service and action pages. Lists (`incidents`) keep every post-mortem
 * passed in — with HINDSIGHT_DRAFTS=1 a preview shows drafts in them — but every figure counts
 * published post-mortems only (`counted`), as docs/format.md#computed-figures requires. Each function is one pass over its
 * input plus sorting.
 */

export type Priority = (typeof PRIORITIES)[number];

export interface FactorMean {
  key: FactorKey;
  /** Mean score 0–3; null with no post-mortem to average. */
  mean: number | null;
}

export interface CategoryGroup {
  category: string;
  /** Every post-mortem passed in with this root cause, in the order given. */
  incidents: Incident[];
  count: number;
  /** Withheld in a public build. */
  totalCost: Money;
  /** One entry per quarter of the range, zero for quiet quarters, so the trend never skips one. */
  perQuarter: { quarter: string; count: number }[];
  /** Post-mortems repeating one whose root cause is in the same category. */
  repeats: number;
  /** Mean contributing-factor scores, in the order of the ten factor keys. */
  factors: FactorMean[];
}

export interface ByCategoryOptions {
  /**
   * The quarters of `perQuarter`, e.g. those of `quarterStats` (up to today). Default: from the
   * first to the last quarter holding a counted post-mortem.
   */
  quarters?: readonly string[];
  /** Categories to list even with no post-mortem (settings.categories for a complete index). */
  categories?: readonly string[];
}

/** Post-mortems by root-cause category: most post-mortems first, then higher cost, then name. */
export function byCategory(incidents: readonly Incident[], options: ByCategoryOptions = {}): CategoryGroup[] {
  const categoryOf = new Map(incidents.map((incident) => [incident.id, incident.category]));
  const groups = new Map<string, { incidents: Incident[]; counted: Incident[] }>();
  const group = (category: string) => {
    let found = groups.get(category);
    if (!found) groups.set(category, (found = { incidents: [], counted: [] }));
    return found;
  };
  for (const category of options.categories ?? []) group(category);
  for (const incident of incidents) {
    // A post-mortem whose category is not recorded belongs to no category.
    if (incident.category === null) continue;
    const found = group(incident.category);
    found.incidents.push(incident);
    if (incident.counted) found.counted.push(incident);
  }
  const quarters = options.quarters ?? spanOf(incidents);
  const result = [...groups].map(([category, { incidents: listed, counted }]): CategoryGroup => {
    const perQuarter = new Map(quarters.map((quarter) => [quarter, 0]));
    let repeats = 0;
    for (const incident of counted) {
      const inQuarter = perQuarter.get(incident.quarter);
      if (inQuarter !== undefined) perQuarter.set(incident.quarter, inQuarter + 1);
      // A repeat whose target is not among the incidents given has no known category: not counted.
      if (incident.repeat && categoryOf.get(incident.repeat.of) === category) repeats++;
    }
    return {
      category,
      incidents: listed,
      count: counted.length,
      totalCost: sumMoney(counted.map((incident) => incident.cost?.total)),
      perQuarter: [...perQuarter].map(([quarter, count]) => ({ quarter, count })),
      repeats,
      factors: factorMeans(counted),
    };
  });
  return result.sort((a, b) =>
    byCountCostName({ name: a.category, count: a.count, cost: a.totalCost }, { name: b.category, count: b.count, cost: b.totalCost }),
  );
}

export interface ServiceGroup {
  service: string;
  /** Every post-mortem passed in that names this service, in the order given. */
  incidents: Incident[];
  count: number;
  /**
   * Sum of the whole cost of each post-mortem naming the service: an incident on two services
   * counts fully in both (there is no basis to split it), so service totals may add up to more
   * than the library's. Withheld in a public build.
   */
  totalCost: Money;
  /** Root-cause categories of the service's post-mortems: most first, then higher cost, then name. */
  categories: { category: string; count: number; totalCost: Money }[];
  /** Open or in-progress actions of the service's post-mortems, soonest deadline first. */
  openActions: ActionItem[];
}

/** Post-mortems by affected service: most post-mortems first, then higher cost, then name. */
export function byService(incidents: readonly Incident[]): ServiceGroup[] {
  const groups = new Map<string, { incidents: Incident[]; counted: Incident[] }>();
  for (const incident of incidents) {
    for (const service of new Set(incident.services)) {
      let found = groups.get(service);
      if (!found) groups.set(service, (found = { incidents: [], counted: [] }));
      found.incidents.push(incident);
      if (incident.counted) found.counted.push(incident);
    }
  }
  const result = [...groups].map(([service, { incidents: listed, counted }]): ServiceGroup => {
    const categories = new Map<string, { count: number; costs: (Money | null)[] }>();
    for (const incident of counted) {
      if (incident.category === null) continue;
      const category = categories.get(incident.category) ?? { count: 0, costs: [] };
      category.count++;
      category.costs.push(incident.cost?.total);
      categories.set(incident.category, category);
    }
    return {
      service,
      incidents: listed,
      count: counted.length,
      totalCost: sumMoney(counted.map((incident) => incident.cost?.total)),
      categories: [...categories]
        .map(([category, { count, costs }]) => ({ category, count, totalCost: sumMoney(costs) }))
        .sort((a, b) => byCountCostName(named(a.category, a), named(b.category, b))),
      openActions: counted.flatMap((incident) => incident.actions.filter(isOpen)).sort(bySoonestDeadline),
    };
  });
  return result.sort((a, b) => byCountCostName(named(a.service, a), named(b.service, b)));
}

export interface ActionTally {
  total: number;
  /** open or in-progress */
  open: number;
  overdue: number;
  /** done as of today */
  done: number;
  wontDo: number;
}

export interface ActionSummary extends ActionRates {
  total: number;
  /** open or in-progress, soonest deadline first. */
  open: ActionItem[];
  /** Open actions whose deadline is before today, most overdue first. */
  overdue: ActionItem[];
  /** One tally per owner, owners in name order; empty in a public build, which has no owners. */
  byOwner: ({ owner: string } & ActionTally)[];
  /** One tally per priority, every priority present. */
  byPriority: Record<Priority, ActionTally>;
}

/**
 * The action tracker's figures as of `today` (YYYY-MM-DD). `overdue` is worked out again from
 * `today` rather than read from each item, so one call uses one date. Rates as in docs/format.md#actions-1: an
 * action completed after today is not done yet (see `doneBy`).
 */
export function actionSummary(actions: readonly ActionItem[], today: string): ActionSummary {
  const open: ActionItem[] = [];
  const overdue: ActionItem[] = [];
  const owners = new Map<string, ActionTally>();
  const byPriority = Object.fromEntries(PRIORITIES.map((priority) => [priority, tally()])) as Record<Priority, ActionTally>;
  for (const action of actions) {
    const late = isOverdue(action, today);
    if (isOpen(action)) open.push(action);
    if (late) overdue.push(action);
    const tallies = action.priority === null ? [] : [byPriority[action.priority]];
    // A public build has no owners: its actions count by priority only.
    if (action.owner !== undefined && action.owner !== null) {
      if (!owners.has(action.owner)) owners.set(action.owner, tally());
      tallies.push(owners.get(action.owner)!);
    }
    for (const counts of tallies) {
      counts.total++;
      if (isOpen(action)) counts.open++;
      if (late) counts.overdue++;
      if (doneBy(action, today)) counts.done++;
      if (action.status === 'wont-do') counts.wontDo++;
    }
  }
  return {
    total: actions.length,
    open: open.sort(bySoonestDeadline),
    overdue: overdue.sort(bySoonestDeadline),
    byOwner: [...owners].sort(([a], [b]) => compareNames(a, b)).map(([owner, counts]) => ({ owner, ...counts })),
    byPriority,
    ...actionRates(actions, today),
  };
}

export interface FactorHeatmapRow {
  key: FactorKey;
  /** One cell per quarter asked for: the mean score there, null for a quarter with no post-mortem. */
  cells: { quarter: string; mean: number | null }[];
}

/** Mean contributing-factor score per factor and quarter, over counted post-mortems. */
export function factorHeatmap(incidents: readonly Incident[], quarters: readonly string[]): FactorHeatmapRow[] {
  const byQuarter = new Map<string, Incident[]>(quarters.map((quarter) => [quarter, []]));
  for (const incident of incidents) if (incident.counted) byQuarter.get(incident.quarter)?.push(incident);
  const means = quarters.map((quarter) => factorMeans(byQuarter.get(quarter)!));
  return FACTOR_KEYS.map((key, row) => ({
    key,
    cells: quarters.map((quarter, column) => ({ quarter, mean: means[column][row].mean })),
  }));
}

/** Mean score of each factor over some post-mortems, in FACTOR_KEYS order. */
function factorMeans(incidents: readonly Incident[]): FactorMean[] {
  // Over the post-mortems that score the factor: one not recorded counts neither 0 nor at all.
  const sums = new Map<FactorKey, { sum: number; count: number }>(FACTOR_KEYS.map((key) => [key, { sum: 0, count: 0 }]));
  for (const incident of incidents) {
    for (const factor of incident.factors) {
      if (factor.score === null) continue;
      const total = sums.get(factor.key)!;
      total.sum += factor.score;
      total.count++;
    }
  }
  return FACTOR_KEYS.map((key) => {
    const { sum, count } = sums.get(key)!;
    return { key, mean: count === 0 ? null : sum / count };
  });
}

function spanOf(incidents: readonly Incident[]): string[] {
  let first: string | undefined;
  let last: string | undefined;
  for (const { quarter, counted } of incidents) {
    if (!counted) continue;
    if (first === undefined || quarter < first) first = quarter;
    if (last === undefined || quarter > last) last = quarter;
  }
  return first === undefined || last === undefined ? [] : quarterRange(first, last);
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function named(name: string, figures: { count: number; totalCost: Money }) {
  return { name, count: figures.count, cost: figures.totalCost };
}

function tally(): ActionTally {
  return { total: 0, open: 0, overdue: 0, done: 0, wontDo: 0 };
}
