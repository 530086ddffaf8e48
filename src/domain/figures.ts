import type { Postmortem } from '../schemas/postmortem.ts';
import { minutesBetween } from '../core/time.ts';
import type { Money, ModelPostmortem, Withheld } from './visibility.ts';

export interface Durations {
  durationMinutes: number | null;
  timeToDetectMinutes: number;
  timeToResolveMinutes: number | null;
}

/** docs/format.md#durations: whole minutes, rounded down; null while there is no `resolved`. */
export function durations(pm: Pick<Postmortem, 'started' | 'detected' | 'resolved'>): Durations {
  const toResolve = pm.resolved === undefined ? null : minutesBetween(pm.started, pm.resolved);
  return {
    durationMinutes: toResolve,
    timeToDetectMinutes: minutesBetween(pm.started, pm.detected),
    timeToResolveMinutes: toResolve,
  };
}

export interface Cost {
  direct: number;
  indirect: number;
  total: number;
  /** total ÷ durationMinutes; null when the duration is 0 or unknown. */
  perMinute: number | null;
}

/** Each input of the cost (docs/format.md#cost-1) as an amount; missing inputs count as 0, loadedRate defaults to the settings' rate. */
export interface CostParts {
  revenueLost: number;
  slaCredits: number;
  vendorCosts: number;
  /** engineeringHours × loadedRate */
  engineering: number;
  /** usersAffected × churn.probability × churn.ltv */
  churn: number;
  brand: number;
}

export function costParts(pm: Pick<Postmortem, 'impact' | 'cost'>, defaultLoadedRate: number): CostParts {
  const c = pm.cost ?? {};
  return {
    revenueLost: pm.impact.revenueLost,
    slaCredits: c.slaCredits ?? 0,
    vendorCosts: c.vendorCosts ?? 0,
    engineering: (c.engineeringHours ?? 0) * (c.loadedRate ?? defaultLoadedRate),
    churn: c.churn ? pm.impact.usersAffected * c.churn.probability * c.churn.ltv : 0,
    brand: c.brand ?? 0,
  };
}

/** The cost breakdown (docs/format.md#cost-1): direct = revenue + credits + vendors; indirect = engineering + churn + brand. */
export function cost(pm: Pick<Postmortem, 'impact' | 'cost'>, durationMinutes: number | null, defaultLoadedRate: number): Cost {
  const parts = costParts(pm, defaultLoadedRate);
  const direct = parts.revenueLost + parts.slaCredits + parts.vendorCosts;
  const indirect = parts.engineering + parts.churn + parts.brand;
  const total = direct + indirect;
  return { direct, indirect, total, perMinute: durationMinutes ? total / durationMinutes : null };
}

/** What the cost of a post-mortem is worked out from: its impact and cost block, and the default loaded rate. */
export interface CostInputs {
  pm: Pick<Postmortem, 'impact' | 'cost'>;
  defaultLoadedRate: number;
}

/**
 * The inputs of `cost()` and `costLines()` for a post-mortem as the model holds it: `Withheld`
 * where its revenue lost or the loaded rate is (a public build), and so its whole cost.
 */
export function costInputs(pm: Pick<ModelPostmortem, 'impact' | 'cost'>, defaultLoadedRate: Money): CostInputs | Withheld {
  const { revenueLost } = pm.impact;
  if (revenueLost === undefined || defaultLoadedRate === undefined) return undefined;
  return { pm: { impact: { ...pm.impact, revenueLost }, cost: pm.cost }, defaultLoadedRate };
}

/** The sum of some amounts: `Withheld` when any of them is; 0 for none. */
export function sumMoney(amounts: Iterable<Money>): Money {
  let sum = 0;
  for (const amount of amounts) {
    if (amount === undefined) return undefined;
    sum += amount;
  }
  return sum;
}
