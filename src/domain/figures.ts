import type { Postmortem } from '../schemas/postmortem.ts';
import { minutesBetween } from './time.ts';

export interface Durations {
  durationMinutes: number | null;
  timeToDetectMinutes: number;
  timeToResolveMinutes: number | null;
}

/** SPEC 4: whole minutes, rounded down; null while there is no `resolved`. */
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

/** SPEC 4 cost breakdown. Missing inputs count as 0; loadedRate defaults to the settings' rate. */
export function cost(pm: Pick<Postmortem, 'impact' | 'cost'>, durationMinutes: number | null, defaultLoadedRate: number): Cost {
  const c = pm.cost ?? {};
  const direct = pm.impact.revenueLost + (c.slaCredits ?? 0) + (c.vendorCosts ?? 0);
  const churn = c.churn ? pm.impact.usersAffected * c.churn.probability * c.churn.ltv : 0;
  const indirect = (c.engineeringHours ?? 0) * (c.loadedRate ?? defaultLoadedRate) + churn + (c.brand ?? 0);
  const total = direct + indirect;
  return { direct, indirect, total, perMinute: durationMinutes ? total / durationMinutes : null };
}
