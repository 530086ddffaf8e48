import { z } from 'astro/zod';
import { slug, postmortemId, offsetDateTimeIn, momentIn, isoDate, timeZone, httpUrl, dateTimeProblem, dateRange, rangeProblem, nonBlank, money, hours, figure, unknownOr, LIMITS, type DateRange } from './common.ts';
import { FACTOR_KEYS, type Settings } from './settings.ts';
import { timelineSchema } from './timeline.ts';
import { actionSchemaIn } from './action.ts';
import { instant, isDateOnly, localDate, millisOf, resolveTimeline, todayFrom } from '../core/time.ts';

export const KINDS = ['incident', 'missed-deadline', 'failed-launch', 'lost-deal', 'other'] as const;
export const SEVERITIES = ['SEV-1', 'SEV-2', 'SEV-3'] as const;
export const STATUSES = ['draft', 'in-review', 'published'] as const;
export const VISIBILITIES = ['internal', 'public'] as const;
export const DETECTION_METHODS = ['monitoring', 'customer-report', 'internal-discovery'] as const;
export const FRAMEWORKS = ['hipaa', 'pci-dss', 'sox', 'soc2', 'osha', 'gdpr', 'sec-8k'] as const;

const score = z.number().int().min(0, 'is a score from 0 to 3').max(3, 'is a score from 0 to 3');

/** A contributing factor: a score 0–3, or `{ score, notes }`. */
const factor = z.union([score, z.strictObject({ score, notes: z.string().optional() })], {
  error: 'must be a score 0–3 or { score: 0–3, notes: "…" }',
});

/** The dates a post-mortem's fields accept, from LIMITS and today (YYYY-MM-DD). */
export function dateRanges(today: string): { events: DateRange; deadlines: DateRange } {
  return { events: dateRange(today, LIMITS.futureYears), deadlines: dateRange(today, LIMITS.deadlineYears) };
}

/** The shape of a post-mortem's frontmatter (docs/format.md#fields) without the rules between fields. */
export function postmortemShape(settings: Settings, today = todayFrom(undefined, settings.timezone)!) {
  // `today` (YYYY-MM-DD; default: the clock's date in settings.timezone) bounds its dates.
  const ranges = dateRanges(today);
  const offsetDateTime = offsetDateTimeIn(ranges.events);
  const moment = momentIn(ranges.events);
  return z.strictObject({
    /** One-line title, 1–140 characters; spaces around it are dropped. */
    title: z
      .string()
      .trim()
      .min(1, 'must not be blank; say in one line what happened')
      .max(140, 'must be at most 140 characters')
      .regex(/^[^\r\n]*$/, 'must be one line; write the details in impact.summary or the body'),
    /** Unique id; default: the file name without extension. */
    id: postmortemId.optional(),
    /** What kind of failure this post-mortem is about. */
    kind: z.enum(KINDS).default('incident'),
    /** SEV-1 revenue impact, SEV-2 customer impact, SEV-3 internal impact; `unknown` only when imported. */
    severity: unknownOr(z.enum(settings.severities.map((level) => level.id) as [string, ...string[]])),
    /** draft and in-review post-mortems are left out of the site and every figure. */
    status: z.enum(STATUSES).default('published'),
    /** Only public post-mortems go into a public build. */
    visibility: z.enum(VISIBILITIES).default('internal'),
    /** Affected services, at least one slug (none known: only when imported). */
    services: z.array(slug).default([]),
    /** Teams involved. */
    teams: z.array(slug).default([]),
    /** Free tags. */
    tags: z.array(z.string().min(1)).default([]),
    /** IANA time zone of the timeline's HH:MM times; default settings.timezone. */
    timezone: timeZone.optional(),
    /** When it started, with offset (a date alone: only when imported). */
    started: moment,
    /** First alert or first report, with offset; not before started; `unknown` only when imported. */
    detected: unknownOr(moment),
    /** When it was resolved, with offset; required unless status is draft; `unknown` only when imported. */
    resolved: unknownOr(moment),
    /** When the summary was completed. */
    reportCompleted: offsetDateTime.optional(),
    /** How it was found; `unknown` only when imported. */
    detection: unknownOr(
      z.strictObject({
        method: z.enum(DETECTION_METHODS),
        notes: z.string().optional(),
      }),
    ),
    /** Who and what was hurt. */
    impact: z.strictObject({
      usersAffected: unknownOr(figure(LIMITS.users, ' people').int('must be a whole number')),
      revenueLost: unknownOr(money),
      slaBreached: unknownOr(z.boolean()),
      summary: z.string().optional(),
    }),
    /** Chronological timeline, at least 2 entries (any number when imported). */
    timeline: timelineSchema.default([]),
    /** The 5 Whys, direct cause first; 3–7 entries. */
    whys: unknownOr(z.array(nonBlank('must not be empty; say why the step before happened')).min(3, 'needs at least 3 whys (5 is the aim)').max(7, 'allows at most 7 whys (5 is the aim)')),
    /** The root cause. */
    rootCause: z.strictObject({
      category: unknownOr(z.enum(settings.categories as [string, ...string[]])),
      summary: unknownOr(nonBlank('must state the root cause')),
    }),
    /** All ten contributing factors, each scored 0–3. */
    factors: unknownOr(z.strictObject(Object.fromEntries(FACTOR_KEYS.map((key) => [key, unknownOr(factor)])) as Record<(typeof FACTOR_KEYS)[number], ReturnType<typeof unknownOr<typeof factor>>>)),
    /** What worked in the response; at least one entry. */
    wentWell: unknownOr(z.array(nonBlank('must not be empty; say what worked')).min(1, 'needs at least one thing that went well')),
    /** Follow-up actions. */
    actions: z.array(actionSchemaIn({ deadline: ranges.deadlines, completed: ranges.events })).default([]),
    /** What was done to prevent a recurrence. */
    prevention: z
      .strictObject({
        monitoring: z.string().nullable().optional(),
        runbook: z.string().nullable().optional(),
        tests: z.string().nullable().optional(),
        architectureChange: z
          .strictObject({ needed: z.boolean(), rfc: httpUrl.optional() })
          .nullable()
          .optional(),
        training: z.string().nullable().optional(),
      })
      .optional(),
    /** Cost inputs; all optional, in settings.currency. */
    cost: z
      .strictObject({
        slaCredits: money.optional(),
        vendorCosts: money.optional(),
        engineeringHours: hours.optional(),
        loadedRate: money.optional(),
        churn: z.strictObject({ probability: z.number().min(0).max(1, 'is a probability from 0 to 1'), ltv: money }).optional(),
        brand: money.optional(),
      })
      .optional(),
    /** Reporting obligations this incident triggers. */
    regulatory: z
      .strictObject({
        /** Frameworks whose reporting obligations this incident triggers. */
        frameworks: z.array(z.enum([...FRAMEWORKS, ...Object.keys(settings.frameworks)] as [string, ...string[]])).default([]),
        /** When the breach or event was discovered; the clocks start here. Default: detected. */
        discovered: offsetDateTime.optional(),
        /** For OSHA: which event it was (fatality: 8 h, hospitalisation: 24 h). */
        osha: z.enum(['fatality', 'hospitalisation']).optional(),
        /** When each obligation was met, by framework: marks it met on time or late. */
        notified: z.record(z.string(), offsetDateTime).default({}),
      })
      .optional(),
    /** A post-mortem written before the library and brought in: what it came from, and when. */
    imported: z.strictObject({ from: nonBlank('must name the original file or URL'), on: isoDate }).optional(),
    /** Ids of related post-mortems. */
    related: z.array(postmortemId).default([]),
    /** Id of the post-mortem whose root cause this one repeats. */
    repeatOf: postmortemId.optional(),
  });
}

type Shape = z.output<ReturnType<typeof postmortemShape>>;

const ORDER_FIELDS = new Set(['regulatory', 'started', 'detected', 'resolved', 'reportCompleted', 'timeline', 'timezone', 'status', 'imported']);

/** What only an imported post-mortem may leave out or write as `unknown` (docs/format.md#imported-post-mortems). */
function requireUnlessImported(pm: Shape, settings: Settings, ctx: z.RefinementCtx): void {
  if (pm.imported) return;
  const only = 'only an imported post-mortem (one with imported: { from, on }) may leave it out or write unknown';
  const need = (path: PropertyKey[], what: string) => ctx.addIssue({ code: 'custom', path, message: `is required: ${what}; ${only}`, params: { rule: 'schema' } });
  if (pm.severity === null) need(['severity'], `one of ${settings.severities.map((level) => level.id).join(', ')}`);
  if (pm.services.length === 0) ctx.addIssue({ code: 'custom', path: ['services'], message: 'needs at least one service', params: { rule: 'schema' } });
  for (const field of ['started', 'detected', 'resolved', 'reportCompleted'] as const) {
    const value = pm[field];
    if (typeof value === 'string' && isDateOnly(value)) {
      ctx.addIssue({ code: 'custom', path: [field], message: `"${value}" is a date alone; write the time with its offset, e.g. ${value}T09:12:00+01:00 (${only})`, params: { rule: 'date-offset' } });
    }
  }
  if (pm.detected === null) need(['detected'], 'the first alert or first report, e.g. 2026-03-14T09:20:00+01:00');
  if (pm.detection === null) need(['detection'], 'how it was found, e.g. detection: { method: monitoring }');
  if (pm.timeline.length < 2) ctx.addIssue({ code: 'custom', path: ['timeline'], message: 'needs at least 2 entries: when it started and when it was resolved', params: { rule: 'schema' } });
  if (pm.whys === null) need(['whys'], 'the 5 Whys, direct cause first (3–7 entries)');
  if (pm.rootCause.category === null) need(['rootCause', 'category'], 'one of the categories in settings.yaml');
  if (pm.rootCause.summary === null) need(['rootCause', 'summary'], 'state the root cause');
  if (pm.factors === null) need(['factors'], 'all ten contributing factors, each scored 0–3');
  else for (const key of FACTOR_KEYS) if (pm.factors[key] === null) need(['factors', key], 'a score 0–3');
  if (pm.wentWell === null) need(['wentWell'], 'at least one thing that went well');
  pm.actions.forEach((action, index) => {
    if (action.owner === null) need(['actions', index, 'owner'], 'the team or person who owns it, e.g. owner: payments-sre');
    if (action.deadline === null) need(['actions', index, 'deadline'], 'its due date, YYYY-MM-DD');
    if (action.priority === null) need(['actions', index, 'priority'], 'one of P0, P1, P2');
    if (action.status === null) need(['actions', index, 'status'], 'one of open, in-progress, done, wont-do');
    if (action.status === 'done' && action.completed === undefined) {
      ctx.addIssue({ code: 'custom', path: ['actions', index, 'completed'], message: 'is required when status is done; add the date it was done, e.g. completed: 2026-03-20', params: { rule: 'action' } });
    }
  });
}

/** The rules between fields of one post-mortem (docs/format.md#errors). */
function checkOrder(pm: Shape, settings: Settings, events: DateRange, ctx: z.RefinementCtx): void {
  const zone = pm.timezone ?? settings.timezone;
  // A date alone (imported post-mortems) is compared by its local date: it happened that day.
  const before = (a: string, b: string) => (isDateOnly(a) || isDateOnly(b) ? localDate(a, zone) <= localDate(b, zone) : millisOf(a) <= millisOf(b));
  if (pm.detected !== null && !before(pm.started, pm.detected)) {
    ctx.addIssue({ code: 'custom', path: ['detected'], message: `(${pm.detected}) is before started (${pm.started}); detection cannot precede the start` });
  }
  if (pm.resolved === null && pm.status !== 'draft' && !pm.imported) {
    ctx.addIssue({ code: 'custom', path: ['resolved'], message: `is required unless status is draft; add when it was resolved, e.g. resolved: ${pm.detected ?? pm.started}` });
  }
  const since = pm.detected ?? pm.started;
  if (pm.resolved !== null && !before(since, pm.resolved)) {
    ctx.addIssue({ code: 'custom', path: ['resolved'], message: `(${pm.resolved}) is before ${pm.detected === null ? 'started' : 'detected'} (${since}); resolution cannot precede ${pm.detected === null ? 'the start' : 'detection'}` });
  }
  if (pm.reportCompleted !== undefined && !before(pm.started, pm.reportCompleted)) {
    ctx.addIssue({ code: 'custom', path: ['reportCompleted'], message: `(${pm.reportCompleted}) is before started (${pm.started})` });
  }
  const resolved = resolveTimeline(pm.timeline.map((entry) => entry.at), pm.started, zone);
  let previous: { at: string; millis: number; index: number } | undefined;
  resolved.forEach((entry, index) => {
    if (entry.problem) {
      ctx.addIssue({ code: 'custom', path: ['timeline', index, 'at'], message: entry.problem, params: { rule: entry.noOffset ? 'date-offset' : 'timeline-order' } });
      return;
    }
    // An HH:MM entry takes its date from the entries before it; one written in full is checked here.
    const outside = entry.at === pm.timeline[index].at ? rangeProblem(entry.at!, events) : undefined;
    if (outside) {
      ctx.addIssue({ code: 'custom', path: ['timeline', index, 'at'], message: outside, params: { rule: 'schema' } });
      return;
    }
    // A date alone stands for its whole day: out of order only when that day ends before the entry above.
    if (previous && !(previous.millis <= entry.until!)) {
      const shown = (iso: string) => instant(iso).setZone(zone).toFormat("yyyy-MM-dd HH:mm");
      const hint = /^\d\d:\d\d$/.test(pm.timeline[index].at)
        ? `; if it is after midnight, write the first entry of the new day as a full date-time, e.g. "${instant(previous.at).setZone(zone).plus({ days: 1 }).toISODate()}T${pm.timeline[index].at}:00${instant(previous.at).setZone(zone).toFormat('ZZ')}"`
        : '';
      ctx.addIssue({
        code: 'custom',
        path: ['timeline', index, 'at'],
        message: `is out of order: ${shown(entry.at!)} (${zone}) comes before the entry above it (${shown(previous.at)})${hint}`,
      });
    }
    // The next entry must not end before this one could have begun.
    previous = { at: entry.at!, millis: entry.millis!, index };
  });
  const regulatory = pm.regulatory;
  if (regulatory) {
    for (const framework of Object.keys(regulatory.notified)) {
      if (!regulatory.frameworks.includes(framework)) {
        ctx.addIssue({ code: 'custom', path: ['regulatory', 'notified', framework], message: `names "${framework}", which is not in regulatory.frameworks (${regulatory.frameworks.join(', ') || 'none'}); add it there or remove this date` });
      }
    }
    if (regulatory.frameworks.includes('osha') && !regulatory.osha && !settings.frameworks.osha?.clock) {
      ctx.addIssue({ code: 'custom', path: ['regulatory', 'frameworks'], message: 'includes osha, whose deadline depends on the event; add osha: fatality (8 h) or osha: hospitalisation (24 h)' });
    }
  }
  // related and repeatOf naming this post-mortem itself: crossCheck (validate.ts), which knows the
  // id a file takes from its name too.
}

/**
 * A post-mortem's frontmatter with every per-file rule: the schema used by the collection, check
 * and tests. `today` (YYYY-MM-DD; default: the clock's date in settings.timezone) bounds its dates.
 */
export function postmortemSchema(settings: Settings, today = todayFrom(undefined, settings.timezone)!) {
  const { events } = dateRanges(today);
  // Run the cross-field rules whenever the fields they read are valid, so one run reports
  // an unknown key and an out-of-order timeline together. An issue on the object itself (an
  // unknown key) has no path yet while checks run: zod fills it in only when parsing ends.
  return postmortemShape(settings, today)
    .superRefine((pm, ctx) => checkOrder(pm, settings, events, ctx), {
      when: (payload) => !payload.issues.some((issue) => ORDER_FIELDS.has(String(issue.path?.[0]))),
    })
    .superRefine((pm, ctx) => requireUnlessImported(pm, settings, ctx), { when: (payload) => !payload.issues.some((issue) => issue.path?.[0] === 'imported' || issue.path?.length === 0) });
}

export type Postmortem = z.output<ReturnType<typeof postmortemShape>>;
export { dateTimeProblem };
