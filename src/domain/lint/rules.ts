import { DateTime } from 'luxon';
import type { Postmortem } from '../../schemas/postmortem.ts';
import type { Settings } from '../../schemas/settings.ts';
import { instant, localDate, minutesBetween, resolveTimeline } from '../time.ts';

/** A warning about a field of one post-mortem, before it is located in the source. */
export interface FieldFinding {
  path: PropertyKey[];
  rule: string;
  message: string;
}

/** How many days after the local date of `resolved` each priority's deadline may fall. */
export function deadlineLimit(priority: 'P0' | 'P1' | 'P2', resolvedDate: string): string {
  const day = DateTime.fromISO(resolvedDate);
  if (priority === 'P1') return day.plus({ days: 7 }).toISODate()!;
  if (priority === 'P2') return day.plus({ days: 31 }).toISODate()!;
  // P0: the next business day (Monday to Friday) after the day it was resolved.
  let next = day.plus({ days: 1 });
  while (next.weekday > 5) next = next.plus({ days: 1 });
  return next.toISODate()!;
}

const WINDOW: Record<'P0' | 'P1' | 'P2', string> = {
  P0: 'by the next business day',
  P1: 'within 7 days',
  P2: 'within 31 days',
};

/** SPEC 3 warnings read from the frontmatter alone. */
export function frontmatterWarnings(pm: Postmortem, settings: Settings): FieldFinding[] {
  const findings: FieldFinding[] = [];
  if (pm.whys.length !== 5) {
    findings.push({ path: ['whys'], rule: 'whys-count', message: `has ${pm.whys.length} whys; ask "why?" until you reach a cause you can act on — 5 is the aim` });
  }
  if (pm.wentWell.length < 3 || pm.wentWell.length > 5) {
    findings.push({ path: ['wentWell'], rule: 'went-well-count', message: `has ${pm.wentWell.length} entries; name 3 to 5 things that worked, so the response's strengths are kept too` });
  }
  if (pm.resolved && pm.reportCompleted && minutesBetween(pm.resolved, pm.reportCompleted) > 24 * 60) {
    const hours = Math.floor(minutesBetween(pm.resolved, pm.reportCompleted) / 60);
    findings.push({ path: ['reportCompleted'], rule: 'summary-late', message: `is ${hours} h after resolved; the summary is due within 24 hours of resolution` });
  }
  if (pm.resolved) {
    const zone = pm.timezone ?? settings.timezone;
    const resolvedDate = localDate(pm.resolved, zone);
    pm.actions.forEach((action, index) => {
      const limit = deadlineLimit(action.priority, resolvedDate);
      if (action.deadline > limit) {
        findings.push({
          path: ['actions', index, 'deadline'],
          rule: 'action-deadline',
          message: `${action.priority} actions are due ${WINDOW[action.priority]} of resolution (${limit}); this one is due ${action.deadline} — raise its priority's pace or lower its priority`,
        });
      }
    });
    if (pm.severity === 'SEV-1') findings.push(...timelineGaps(pm, settings, zone));
  }
  if (pm.prevention?.architectureChange?.needed && !pm.prevention.architectureChange.rfc) {
    findings.push({ path: ['prevention', 'architectureChange'], rule: 'architecture-rfc', message: 'says an architecture change is needed but links no RFC; add rfc: <URL of the design document>' });
  }
  return findings;
}

/** SEV-1 timelines are minute by minute: no gap longer than settings.sev1MaxGapMinutes before resolution. */
function timelineGaps(pm: Postmortem, settings: Settings, zone: string): FieldFinding[] {
  const resolved = instant(pm.resolved!).toMillis();
  const entries = resolveTimeline(pm.timeline.map((entry) => entry.at), pm.started, zone);
  const findings: FieldFinding[] = [];
  for (let i = 1; i < entries.length; i++) {
    const [from, to] = [entries[i - 1].at, entries[i].at];
    if (!from || !to || instant(to).toMillis() > resolved) continue;
    const gap = minutesBetween(from, to);
    if (gap > settings.sev1MaxGapMinutes) {
      findings.push({
        path: ['timeline', i],
        rule: 'sev1-timeline-gap',
        message: `comes ${gap} minutes after the entry before it; SEV-1 timelines are minute by minute (at most ${settings.sev1MaxGapMinutes} minutes between entries) — add what happened in between`,
      });
    }
  }
  return findings;
}
