import type { ActionItem, Incident } from './library.ts';
import type { QuarterStats } from './quarters.ts';
import type { Obligation } from './regulatory.ts';
import type { SimilarMatch } from './similar.ts';

/*
 * The JSON records of /api/*.json (docs/site.md#json-files): plain numbers, null for no data, and
 * no key at all for what the model withholds (money and owners in a public build). Pure, no Astro
 * import.
 */

/**
 * One post-mortem as `incidents.json` carries it (docs/site.md#json-files): plain numbers, null for no data, and
 * no `cost` key where the model withholds it (a public build).
 */
export function incidentRecord(incident: Incident) {
  const { data: pm, cost } = incident;
  return {
    id: incident.id,
    url: incident.url,
    title: incident.title,
    kind: incident.kind,
    severity: incident.severity,
    status: incident.status,
    visibility: pm.visibility,
    quarter: incident.quarter,
    services: incident.services,
    teams: pm.teams,
    tags: pm.tags,
    category: incident.category,
    started: pm.started,
    detected: pm.detected,
    resolved: pm.resolved ?? null,
    reportCompleted: pm.reportCompleted ?? null,
    durationMinutes: incident.durationMinutes,
    timeToDetectMinutes: incident.timeToDetectMinutes,
    timeToResolveMinutes: incident.timeToResolveMinutes,
    detection: pm.detection?.method ?? null,
    usersAffected: pm.impact.usersAffected,
    slaBreached: pm.impact.slaBreached,
    ...(cost === undefined ? {} : { cost: { direct: cost.direct, indirect: cost.indirect, total: cost.total, perMinute: cost.perMinute } }),
    repeatOf: incident.repeat?.of ?? null,
    repeatDetected: incident.repeat ? incident.repeat.detected : null,
    repeatedBy: incident.repeatedBy,
    related: incident.related,
    frameworks: pm.regulatory?.frameworks ?? [],
    obligations: incident.obligations.map(obligationRecord),
    actions: incident.actions.map(actionRecord),
  };
}

/**
 * A post-mortem as `incidents.json` carries it with its similar ones (docs/similar.md): suggestions,
 * not links anyone made; the shared words and services say why.
 */
export function incidentJson(incident: Incident, similar: readonly SimilarMatch[]) {
  return { ...incidentRecord(incident), similar: similar.map(similarRecord) };
}

/** One similar post-mortem as `incidents.json` carries it: its id, the score (0 to 1) and why. */
export function similarRecord(match: SimilarMatch) {
  return { id: match.id, score: match.score, terms: [...match.terms], services: [...match.services] };
}

/** One reporting obligation as `incidents.json` carries it: the deadline, its state as of today. */
export function obligationRecord(obligation: Obligation) {
  return {
    framework: obligation.framework,
    label: obligation.label,
    text: obligation.text,
    discovered: obligation.discovered,
    clock: obligation.clock,
    due: obligation.due,
    dueDate: obligation.dueDate,
    notified: obligation.notified,
    state: obligation.state,
    daysLeft: obligation.daysLeft,
  };
}

/** One action as `actions.json` carries it (docs/site.md#json-files), without the incident id; no owner in a public build. */
export function actionRecord(action: ActionItem) {
  return {
    title: action.title,
    ...(action.owner === undefined ? {} : { owner: action.owner }),
    deadline: action.deadline,
    priority: action.priority,
    status: action.status,
    completed: action.completed ?? null,
    overdue: action.overdue,
    ticket: action.ticket ?? null,
  };
}

type Mirror = {
  count: number;
  bySeverity: QuarterStats['bySeverity'];
  byKind: QuarterStats['byKind'];
  mttd: { mean: number | null; median: number | null; p90: number | null };
  mttr: { mean: number | null; median: number | null; p90: number | null };
  actionCompletionRate: number | null;
  onTimeRate: number | null;
  repeats: number;
  /** Absent where the model withholds it (a public build). */
  totalCost?: number;
};

/**
 * One quarter as `quarters.json` carries it: the keys of docs/site.md#json-files, plus p90 and `change` in the same
 * shape. No `totalCost` where the model withholds it (a public build), in the quarter or in its change.
 */
export function quarterRecord(stats: QuarterStats): { quarter: string } & Mirror & { recorded: QuarterStats['recorded']; topCategories: string[]; change: Mirror | null } {
  const { change } = stats;
  return {
    quarter: stats.quarter,
    count: stats.count,
    bySeverity: { ...stats.bySeverity },
    byKind: { ...stats.byKind },
    mttd: { ...stats.mttd },
    mttr: { ...stats.mttr },
    actionCompletionRate: stats.actionCompletionRate,
    onTimeRate: stats.onTimeRate,
    repeats: stats.repeats,
    ...(stats.totalCost === undefined ? {} : { totalCost: stats.totalCost }),
    // How many of the quarter's post-mortems record each figure's inputs (docs/format.md#unknown-values).
    recorded: { ...stats.recorded },
    topCategories: [...stats.topCategories],
    change: change && {
      count: change.count,
      bySeverity: { ...change.bySeverity },
      byKind: { ...change.byKind },
      mttd: { mean: change.mttdMean, median: change.mttdMedian, p90: change.mttdP90 },
      mttr: { mean: change.mttrMean, median: change.mttrMedian, p90: change.mttrP90 },
      actionCompletionRate: change.actionCompletionRate,
      onTimeRate: change.onTimeRate,
      repeats: change.repeats,
      ...(change.totalCost === undefined ? {} : { totalCost: change.totalCost }),
    },
  };
}

/** One action as `actions.json` carries it: the incident's id, then the record incidents.json nests (docs/site.md#json-files). */
export function actionJson(action: ActionItem) {
  return { incident: action.incident, ...actionRecord(action) };
}
