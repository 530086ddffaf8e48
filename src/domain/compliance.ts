import type { Incident } from './library.ts';
import type { Obligation, ObligationState } from './regulatory.ts';
import { millisOf } from '../core/time.ts';

/** One obligation on /compliance/, with the post-mortem that declares it. */
export interface ComplianceRow {
  incident: Incident;
  obligation: Obligation;
}

// Open and overdue first (what still needs doing against a clock), then those with no clock
// (still to do), then the met ones.
const GROUP: Record<ObligationState, number> = { overdue: 0, open: 0, 'no-clock': 1, 'met-late': 2, met: 2 };

/**
 * Every obligation of some post-mortems, open and overdue ones first, soonest due first; then
 * those without a clock; then met ones. Ties: the post-mortem's id, then the framework.
 */
export function complianceRows(incidents: readonly Incident[]): ComplianceRow[] {
  const when = (row: ComplianceRow) => millisOf(row.obligation.due ?? row.obligation.discovered);
  return incidents
    .flatMap((incident) => incident.obligations.map((obligation) => ({ incident, obligation })))
    .sort(
      (a, b) =>
        GROUP[a.obligation.state] - GROUP[b.obligation.state] ||
        when(a) - when(b) ||
        a.incident.id.localeCompare(b.incident.id) ||
        a.obligation.framework.localeCompare(b.obligation.framework),
    );
}

export interface ComplianceCounts {
  overdue: number;
  open: number;
  noClock: number;
  met: number;
  metLate: number;
}

/** How many obligations stand where. */
export function complianceCounts(rows: readonly ComplianceRow[]): ComplianceCounts {
  const count = (state: ObligationState) => rows.filter((row) => row.obligation.state === state).length;
  return { overdue: count('overdue'), open: count('open'), noClock: count('no-clock'), met: count('met'), metLate: count('met-late') };
}
