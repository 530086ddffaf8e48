import type { Postmortem } from '../../schemas/postmortem.ts';
import type { Settings } from '../../schemas/settings.ts';
import { isDateOnly, localDate, memo, millisOf, minutesBetween, resolveTimeline } from '../../core/time.ts';

/** A warning about a field of one post-mortem, before it is located in the source. */
export interface FieldFinding {
  path: PropertyKey[];
  rule: string;
  message: string;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** How many days after the local date of `resolved` each priority's deadline may fall. */
export function deadlineLimit(priority: 'P0' | 'P1' | 'P2', resolvedDate: string): string {
  return limits(`${priority} ${resolvedDate}`);
}

// A library resolves incidents on a few thousand distinct days: each limit is worked out once.
const limits = memo((key) => {
  const [priority, resolvedDate] = key.split(' ');
  // Calendar arithmetic on a date: UTC, so the machine's own zone and its DST never move it.
  const day = Date.parse(`${resolvedDate}T00:00:00Z`);
  const after = (days: number) => new Date(day + days * DAY).toISOString().slice(0, 10);
  if (priority === 'P1') return after(7);
  if (priority === 'P2') return after(31);
  // P0: the next business day (Monday to Friday) after the day it was resolved: a Friday's is 3
  // days on, a Saturday's 2 (getUTCDay: 0 is Sunday, 5 Friday, 6 Saturday).
  const weekday = new Date(day).getUTCDay();
  return after(weekday === 5 ? 3 : weekday === 6 ? 2 : 1);
});

function millisBetween(from: string, to: string): number {
  return millisOf(to) - millisOf(from);
}

/** 1441 → "24 h 1 min", 1500 → "25 h", 67 * 60 → "67 h". */
export function hoursAndMinutes(minutes: number): string {
  const [hours, rest] = [Math.floor(minutes / 60), minutes % 60];
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

const WINDOW: Record<'P0' | 'P1' | 'P2', string> = {
  P0: 'by the next business day after resolution',
  P1: 'within 7 days of resolution',
  P2: 'within 31 days of resolution',
};

/** The warnings (docs/format.md#warnings) read from the frontmatter alone. */
export function frontmatterWarnings(pm: Postmortem, settings: Settings): FieldFinding[] {
  const findings: FieldFinding[] = [];
  // The rules that judge how a post-mortem was written (counts, lateness, deadlines, a SEV-1's
  // minute-by-minute timeline) do not apply to one written before the library and imported.
  if (!pm.imported) findings.push(...processWarnings(pm, settings));
  if (pm.prevention?.architectureChange?.needed && !pm.prevention.architectureChange.rfc) {
    findings.push({ path: ['prevention', 'architectureChange'], rule: 'architecture-rfc', message: 'says an architecture change is needed but links no RFC; add rfc: <URL of the design document>' });
  }
  findings.push(...duplicateRelated(pm.related));
  return findings;
}

/** The warnings about how a post-mortem was written: not for imported ones. */
function processWarnings(pm: Postmortem, settings: Settings): FieldFinding[] {
  const findings: FieldFinding[] = [];
  if (pm.whys && pm.whys.length !== 5) {
    const advice = pm.whys.length < 5 ? 'keep asking "why?" until you reach a cause you can act on' : 'merge whys that say the same thing, or stop at the first cause you can act on';
    findings.push({ path: ['whys'], rule: 'whys-count', message: `has ${pm.whys.length} whys; 5 is the aim — ${advice}` });
  }
  if (pm.wentWell && (pm.wentWell.length < 3 || pm.wentWell.length > 5)) {
    findings.push({ path: ['wentWell'], rule: 'went-well-count', message: `has ${pm.wentWell.length} ${pm.wentWell.length === 1 ? 'entry' : 'entries'}; name 3 to 5 things that worked, so the response's strengths are kept too` });
  }
  // Compared to the millisecond: 24 h 0 min 30 s is already more than 24 hours.
  if (pm.resolved && !isDateOnly(pm.resolved) && pm.reportCompleted && !isDateOnly(pm.reportCompleted) && millisBetween(pm.resolved, pm.reportCompleted) > DAY) {
    const late = `${millisBetween(pm.resolved, pm.reportCompleted) % MINUTE ? 'more than ' : ''}${hoursAndMinutes(minutesBetween(pm.resolved, pm.reportCompleted))}`;
    findings.push({ path: ['reportCompleted'], rule: 'summary-late', message: `is ${late} after resolved; the summary is due within 24 hours of resolution` });
  }
  if (pm.resolved) {
    const zone = pm.timezone ?? settings.timezone;
    const resolvedDate = localDate(pm.resolved, zone);
    pm.actions.forEach((action, index) => {
      if (action.priority === null || action.deadline === null) return;
      const limit = deadlineLimit(action.priority, resolvedDate);
      if (action.deadline > limit) {
        findings.push({
          path: ['actions', index, 'deadline'],
          rule: 'action-deadline',
          message: `${action.priority} actions are due ${WINDOW[action.priority]} (${limit}); this one is due ${action.deadline} — bring the deadline forward, or lower the priority if it can wait`,
        });
      }
    });
    if (settings.severities.find((level) => level.id === pm.severity)?.minuteByMinute && !isDateOnly(pm.resolved)) findings.push(...timelineGaps(pm, settings, zone));
  }
  return findings;
}

/** An id listed twice in related: each later listing, naming where it first appears. */
function duplicateRelated(related: readonly string[]): FieldFinding[] {
  const first = new Map<string, number>();
  return related.flatMap((id, index) => {
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, index);
      return [];
    }
    return [{ path: ['related', index], rule: 'duplicate-related', message: `lists "${id}" again (it is related[${earlier}] already); remove this entry` }];
  });
}

/**
 * SEV-1 timelines are minute by minute: no gap longer than settings.sev1MaxGapMinutes between
 * `started` and `resolved` (entries before the start — the change that led to it — are not
 * measured). An entry written as a date alone has no time to measure from.
 */
function timelineGaps(pm: Postmortem, settings: Settings, zone: string): FieldFinding[] {
  const resolved = millisOf(pm.resolved!);
  const started = isDateOnly(pm.started) ? -Infinity : millisOf(pm.started);
  const entries = resolveTimeline(pm.timeline.map((entry) => entry.at), pm.started, zone);
  const findings: FieldFinding[] = [];
  for (let i = 1; i < entries.length; i++) {
    const [from, to] = [entries[i - 1], entries[i]];
    if (!from.at || !to.at || from.dateOnly || to.dateOnly || to.millis! > resolved || from.millis! < started) continue;
    // Compared to the millisecond, like summary-late: 15 min 30 s is longer than 15 minutes.
    const gapMillis = to.millis! - from.millis!;
    if (gapMillis > settings.sev1MaxGapMinutes * MINUTE) {
      const gap = `${gapMillis % MINUTE ? 'more than ' : ''}${minutesBetween(from.at, to.at)} minutes`;
      findings.push({
        path: ['timeline', i],
        rule: 'sev1-timeline-gap',
        message: `comes ${gap} after the entry before it; SEV-1 timelines are minute by minute (at most ${settings.sev1MaxGapMinutes} minutes between entries) — add what happened in between`,
      });
    }
  }
  return findings;
}
