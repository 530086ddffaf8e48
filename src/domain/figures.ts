import type { Postmortem } from '../schemas/postmortem.ts';
import { isDateOnly, minutesBetween } from '../core/time.ts';
import type { Money, ModelPostmortem, Withheld } from './visibility.ts';

export interface Durations {
  durationMinutes: number | null;
  /** null when `detected` is unknown or a date alone. */
  timeToDetectMinutes: number | null;
  timeToResolveMinutes: number | null;
}

/** Minutes between two moments, or null when either is unknown or a date alone (no time of day). */
function between(from: string | null | undefined, to: string | null | undefined): number | null {
  return from == null || to == null || isDateOnly(from) || isDateOnly(to) ? null : minutesBetween(from, to);
}

/** docs/format.md#durations: whole minutes, rounded down; null while there is no `resolved`, and for an unknown end. */
export function durations(pm: Pick<Postmortem, 'started' | 'detected' | 'resolved'>): Durations {
  const toResolve = between(pm.started, pm.resolved);
  return {
    durationMinutes: toResolve,
    timeToDetectMinutes: between(pm.started, pm.detected),
    timeToResolveMinutes: toResolve,
  };
}

/** A cost; a part is null when an input it needs is unknown (docs/format.md#unknown-values), and so is every sum over it. */
export interface Cost {
  direct: number | null;
  indirect: number | null;
  total: number | null;
  /** total ÷ durationMinutes; null when the duration is 0 or unknown. */
  perMinute: number | null;
}

/** Each input of the cost (docs/format.md#cost-1) as an amount; missing inputs count as 0, loadedRate defaults to the settings' rate. */
export interface CostParts {
  /** null: not recorded. */
  revenueLost: number | null;
  slaCredits: number;
  vendorCosts: number;
  /** engineeringHours × loadedRate */
  engineering: number;
  /** usersAffected × churn.probability × churn.ltv; null when churn is given but the users affected are unknown. */
  churn: number | null;
  brand: number;
}

export function costParts(pm: Pick<Postmortem, 'impact' | 'cost'>, defaultLoadedRate: number): CostParts {
  const c = pm.cost ?? {};
  return {
    revenueLost: pm.impact.revenueLost,
    slaCredits: c.slaCredits ?? 0,
    vendorCosts: c.vendorCosts ?? 0,
    engineering: (c.engineeringHours ?? 0) * (c.loadedRate ?? defaultLoadedRate),
    churn: !c.churn ? 0 : pm.impact.usersAffected === null ? null : pm.impact.usersAffected * c.churn.probability * c.churn.ltv,
    brand: c.brand ?? 0,
  };
}

/** The cost breakdown (docs/format.md#cost-1): direct = revenue + credits + vendors; indirect = engineering + churn + brand. */
export function cost(pm: Pick<Postmortem, 'impact' | 'cost'>, durationMinutes: number | null, defaultLoadedRate: number): Cost {
  const parts = costParts(pm, defaultLoadedRate);
  const direct = parts.revenueLost === null ? null : parts.revenueLost + parts.slaCredits + parts.vendorCosts;
  const indirect = parts.churn === null ? null : parts.engineering + parts.churn + parts.brand;
  const total = direct === null || indirect === null ? null : direct + indirect;
  return { direct, indirect, total, perMinute: durationMinutes && total !== null ? total / durationMinutes : null };
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
export function sumMoney(amounts: Iterable<Money | null>): Money {
  let sum = 0;
  for (const amount of amounts) {
    if (amount === undefined) return undefined;
    // Unknown (null, docs/format.md#unknown-values): left out of the sum, never counted as 0.
    if (amount !== null) sum += amount;
  }
  return sum;
}
