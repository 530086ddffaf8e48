import { DateTime } from 'luxon';
import type { Postmortem } from '../schemas/postmortem.ts';
import type { Action } from '../schemas/action.ts';
import type { ActionItem, Incident, TimelineItem } from './library.ts';
import { daysUntil } from './actions.ts';
import { costParts } from './figures.ts';
import type { Clock, Obligation, ObligationState } from './regulatory.ts';
import { inZone, instant, minutesBetween } from './time.ts';

/*
 * Formatting for display: turns the model's plain numbers, ISO strings and enum keys into the
 * words and figures people read. Pure functions, no Astro import; components only call these.
 */

const LOCALE = 'en-US';

// ---------------------------------------------------------------------------------------------
// Money and numbers

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * Every number shown gets a minus sign only when it is below zero as shown: never "-$0.00" or
 * "-0" for -0 (YAML's `-0`, or a product with it) or for -0.001 rounded away.
 */
export const SIGN = { signDisplay: 'negative' } as const;

/** An amount in `currency` (ISO 4217) with exactly 2 decimals, e.g. `€1,234.50`. */
export function formatMoney(amount: number, currency: string): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2, ...SIGN });
    moneyFormats.set(currency, format);
  }
  return format.format(amount);
}

/** A count with thousands separators, e.g. `48,000`. */
export function formatCount(value: number): string {
  return value.toLocaleString(LOCALE, SIGN);
}

/** A share 0–1 as a percentage with up to 2 decimals, e.g. `0.2%`. */
export function formatPercent(share: number): string {
  return `${(share * 100).toLocaleString(LOCALE, { maximumFractionDigits: 2, ...SIGN })}%`;
}

/** `1 post-mortem`, `3 post-mortems`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------------
// Durations

/** Whole minutes as words: `45 min`, `2 h 30 min`, `3 d 4 h`, `0 min`; an em dash for null. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '—';
  const total = Math.max(0, Math.floor(minutes));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  // Past a day the minutes are noise; below it they are the point.
  if (mins && !days) parts.push(`${mins} min`);
  return parts.length ? parts.join(' ') : '0 min';
}

/** An HTML valid duration string for `<time datetime>`, e.g. `PT2H30M`. */
export function durationAttribute(minutes: number): string {
  const total = Math.max(0, Math.floor(minutes));
  return `PT${Math.floor(total / 60)}H${total % 60}M`;
}

// ---------------------------------------------------------------------------------------------
// Instants and dates

/**
 * The short name of a zone at an instant: `CET`, `EDT`, `UTC`, or `GMT+5:30` where no
 * abbreviation is in common use. en-US knows US names; en-GB knows European ones.
 */
export function zoneAbbreviation(iso: string, zone: string): string {
  const local = inZone(iso, zone);
  const us = shortZoneName(local, 'en-US');
  if (!/^GMT[+-]/.test(us)) return us;
  return shortZoneName(local, 'en-GB');
}

// luxon's toFormat('ZZZZ') builds a new Intl.DateTimeFormat on every call (IANAZone.offsetName ->
// parseZoneInfo), which was 8% of a 1,000-post-mortem build (docs/performance.md). The same
// formatter, with the options luxon uses, is built once per locale and zone here.
const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();

function shortZoneName(local: DateTime, locale: string): string {
  if (local.zone.type !== 'iana') return local.setLocale(locale).toFormat('ZZZZ');
  const key = `${locale} ${local.zone.name}`;
  let format = zoneNameFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZoneName: 'short', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZone: local.zone.name,
    });
    zoneNameFormats.set(key, format);
  }
  const name = format.formatToParts(new Date(local.toMillis())).find((part) => part.type.toLowerCase() === 'timezonename')?.value;
  return name ?? local.setLocale(locale).toFormat('ZZZZ');
}

export interface LocalInstant {
  /** The instant as an ISO string in UTC, for `<time datetime>`. */
  datetime: string;
  /** Local date, `14 Mar 2026`. */
  date: string;
  /** Local date, `2026-03-14`, to compare days. */
  isoDate: string;
  /** Local time, `09:12`. */
  time: string;
  /** Zone abbreviation, `CET`. */
  zone: string;
  /** `14 Mar 2026, 09:12 CET`. */
  text: string;
}

/** An instant shown in an IANA zone. */
export function localInstant(iso: string, zone: string): LocalInstant {
  const local = inZone(iso, zone).setLocale('en-US');
  const date = local.toFormat('d LLL yyyy');
  const time = local.toFormat('HH:mm');
  const abbreviation = zoneAbbreviation(iso, zone);
  return {
    datetime: instant(iso).toUTC().toISO({ suppressMilliseconds: true })!,
    date,
    isoDate: local.toISODate()!,
    time,
    zone: abbreviation,
    text: `${date}, ${time} ${abbreviation}`,
  };
}

/** A calendar date `2026-03-21` as `21 Mar 2026`. */
export function formatDate(isoDate: string): string {
  return DateTime.fromISO(isoDate).setLocale('en-US').toFormat('d LLL yyyy');
}

export interface TimelineRow {
  at: LocalInstant;
  event: string;
  mark?: TimelineItem['mark'];
  markLabel?: string;
  /** True on the first entry and whenever the local date changes, e.g. across midnight. */
  newDay: boolean;
  /** Minutes since the incident started (may be negative for context before the start). */
  elapsedMinutes: number;
  /** True when this entry's zone abbreviation differs from the first entry's (a DST change). */
  zoneChanged: boolean;
}

/** Timeline entries laid out for reading: local times, a date whenever it changes, elapsed time. */
export function timelineRows(items: readonly TimelineItem[], started: string, zone: string): TimelineRow[] {
  let previousDay: string | undefined;
  let firstZone: string | undefined;
  return items.map((item) => {
    const at = localInstant(item.at, zone);
    firstZone ??= at.zone;
    const newDay = at.isoDate !== previousDay;
    previousDay = at.isoDate;
    return {
      at,
      event: item.event,
      mark: item.mark,
      markLabel: item.mark ? MILESTONE_LABELS[item.mark] : undefined,
      newDay,
      elapsedMinutes: minutesBetween(started, item.at),
      zoneChanged: at.zone !== firstZone,
    };
  });
}

/** `+8 min`, `+2 h 15 min`, `−5 min`, `start`. */
export function formatElapsed(minutes: number): string {
  if (minutes === 0) return 'start';
  return `${minutes < 0 ? '−' : '+'}${formatMinutes(Math.abs(minutes))}`;
}

// ---------------------------------------------------------------------------------------------
// Labels for enum keys

export const SEVERITY_LABELS: Record<Postmortem['severity'], string> = {
  'SEV-1': 'Revenue impact',
  'SEV-2': 'Customer impact',
  'SEV-3': 'Internal impact',
};

export const KIND_LABELS: Record<Postmortem['kind'], string> = {
  incident: 'Incident',
  'missed-deadline': 'Missed deadline',
  'failed-launch': 'Failed launch',
  'lost-deal': 'Lost deal',
  other: 'Other',
};

export const STATUS_LABELS: Record<Postmortem['status'], string> = {
  draft: 'Draft',
  'in-review': 'In review',
  published: 'Published',
};

export const ACTION_STATUS_LABELS: Record<Action['status'], string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  'wont-do': 'Won’t do',
};

export const PRIORITY_LABELS: Record<Action['priority'], string> = {
  P0: 'P0 · next business day',
  P1: 'P1 · within 7 days',
  P2: 'P2 · within 31 days',
};

export const DETECTION_LABELS: Record<Postmortem['detection']['method'], string> = {
  monitoring: 'Monitoring',
  'customer-report': 'Customer report',
  'internal-discovery': 'Internal discovery',
};

export const MILESTONE_LABELS: Record<NonNullable<TimelineItem['mark']>, string> = {
  alert: 'Alert',
  notified: 'Notified',
  investigating: 'Investigating',
  'root-cause': 'Root cause found',
  'fix-deployed': 'Fix deployed',
  resolved: 'Resolved',
};

const WORD_OVERRIDES: Record<string, string> = { api: 'API', cdn: 'CDN', sla: 'SLA', sre: 'SRE', db: 'DB', dns: 'DNS' };

/** A slug such as `knowledge-concentration` or `checkout-api` in words: `Knowledge concentration`, `Checkout API`. */
export function humanize(slug: string): string {
  const words = slug.split('-').filter(Boolean).map((word) => WORD_OVERRIDES[word] ?? word);
  if (!words.length) return slug;
  return [words[0].charAt(0).toUpperCase() + words[0].slice(1), ...words.slice(1)].join(' ');
}

/** A contributing-factor score 0–3 in words. */
export function scoreLabel(score: number): string {
  return ['Not a factor', 'Minor', 'Significant', 'Major'][score] ?? String(score);
}

// ---------------------------------------------------------------------------------------------
// Actions

/** What to say about an action's timing: `Overdue by 12 days`, `Due in 3 days`, `Due today`. */
export function actionTiming(action: Pick<ActionItem, 'status' | 'deadline' | 'overdue'>, today: string): string | undefined {
  if (action.status !== 'open' && action.status !== 'in-progress') return undefined;
  const days = daysUntil(action.deadline, today);
  if (action.overdue) return `Overdue by ${plural(-days, 'day')}`;
  if (days === 0) return 'Due today';
  return `Due in ${plural(days, 'day')}`;
}

/** A short link text for a ticket URL: its last path segment (`PAY-123`), else its host. */
export function ticketLabel(url: string): string {
  try {
    const parsed = new URL(url);
    const last = parsed.pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : parsed.host;
  } catch {
    return url;
  }
}

/** Open and in-progress actions, overdue first, then by deadline and priority. */
export function openActions(actions: readonly ActionItem[]): ActionItem[] {
  return actions
    .filter((action) => action.status === 'open' || action.status === 'in-progress')
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        a.deadline.localeCompare(b.deadline) ||
        a.priority.localeCompare(b.priority) ||
        a.incident.localeCompare(b.incident),
    );
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

// ---------------------------------------------------------------------------------------------
// Cost

export interface CostLine {
  label: string;
  /** How the amount was reached, e.g. `46 h × €150.00 per hour`; absent for plain inputs. */
  basis?: string;
  amount: number;
}

/**
 * The inputs of the cost (docs/format.md#cost-1), one line each, so a reader can check the sums: the amounts of
 * `costParts()` in figures.ts (the ones `cost()` adds up), with how each was reached.
 */
export function costLines(
  pm: Pick<Postmortem, 'impact' | 'cost'>,
  defaultLoadedRate: number,
  currency: string,
): { direct: CostLine[]; indirect: CostLine[] } {
  const c = pm.cost ?? {};
  const rate = c.loadedRate ?? defaultLoadedRate;
  const hours = c.engineeringHours ?? 0;
  const churn = c.churn;
  const parts = costParts(pm, defaultLoadedRate);
  return {
    direct: [
      { label: 'Revenue lost', amount: parts.revenueLost },
      { label: 'SLA credits', amount: parts.slaCredits },
      { label: 'Vendor costs', amount: parts.vendorCosts },
    ],
    indirect: [
      {
        label: 'Engineering time',
        basis:
          c.engineeringHours === undefined
            ? 'not estimated'
            : `${formatCount(hours)} h × ${formatMoney(rate, currency)} per hour${c.loadedRate === undefined ? ' (default rate)' : ''}`,
        amount: parts.engineering,
      },
      {
        label: 'Customer churn',
        basis: churn
          ? `${plural(pm.impact.usersAffected, 'user')} affected × ${formatPercent(churn.probability)} churn × ${formatMoney(churn.ltv, currency)} lifetime value`
          : 'not estimated',
        amount: parts.churn,
      },
      { label: 'Brand damage', basis: c.brand === undefined ? 'not estimated' : undefined, amount: parts.brand },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Quarters and lists

export interface Facet {
  value: string;
  label: string;
}

export interface Facets {
  severity: Facet[];
  kind: Facet[];
  service: Facet[];
  category: Facet[];
  quarter: Facet[];
  status: Facet[];
}

/** The distinct values a list of post-mortems can be filtered by, each with its label. */
export function facets(incidents: readonly Incident[]): Facets {
  const distinct = (values: Iterable<string>, label: (value: string) => string, order?: readonly string[]) =>
    [...new Set(values)]
      .sort((a, b) => (order ? order.indexOf(a) - order.indexOf(b) : a.localeCompare(b)))
      .map((value) => ({ value, label: label(value) }));
  return {
    severity: distinct(incidents.map((i) => i.severity), (v) => v, Object.keys(SEVERITY_LABELS)),
    kind: distinct(incidents.map((i) => i.kind), (v) => KIND_LABELS[v as Postmortem['kind']] ?? humanize(v), Object.keys(KIND_LABELS)),
    service: distinct(incidents.flatMap((i) => i.services), (v) => v),
    category: distinct(incidents.map((i) => i.category), humanize),
    quarter: distinct(incidents.map((i) => i.quarter), (v) => v).reverse(),
    status: distinct(incidents.map((i) => i.status), (v) => STATUS_LABELS[v as Postmortem['status']] ?? humanize(v), Object.keys(STATUS_LABELS)),
  };
}

export interface HomeFigures {
  published: number;
  openActions: number;
  overdueActions: number;
}

/** The headline counts on the home page; published post-mortems only (docs/format.md#computed-figures). */
export function homeFigures(published: readonly Incident[], actions: readonly ActionItem[]): HomeFigures {
  return {
    published: published.length,
    openActions: actions.filter((action) => action.status === 'open' || action.status === 'in-progress').length,
    overdueActions: actions.filter((action) => action.overdue).length,
  };
}

/**
 * One post-mortem as `incidents.json` carries it (docs/site.md#json-files): plain numbers, null for no data. A
 * public build (`isPublic`) has no `cost` key: its model holds no money, and a cost of 0 would
 * read as a real figure.
 */
export function incidentRecord(incident: Incident, isPublic = false) {
  const pm = incident.data;
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
    detection: pm.detection.method,
    usersAffected: pm.impact.usersAffected,
    slaBreached: pm.impact.slaBreached,
    ...(isPublic ? {} : { cost: { direct: incident.cost.direct, indirect: incident.cost.indirect, total: incident.cost.total, perMinute: incident.cost.perMinute } }),
    repeatOf: incident.repeat?.of ?? null,
    repeatDetected: incident.repeat ? incident.repeat.detected : null,
    repeatedBy: incident.repeatedBy,
    related: incident.related,
    frameworks: pm.regulatory?.frameworks ?? [],
    obligations: incident.obligations.map(obligationRecord),
    actions: incident.actions.map(actionRecord),
  };
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

// ---------------------------------------------------------------------------------------------
// Regulatory obligations

export const OBLIGATION_STATE_LABELS: Record<ObligationState, string> = {
  overdue: 'Overdue',
  open: 'Open',
  'no-clock': 'No fixed clock',
  met: 'Met',
  'met-late': 'Met late',
};

/**
 * Where an obligation stands, relative to today, in words: `due in 53 days`, `due today`,
 * `overdue by 4 days`, `met on 22 Nov 2026`, `met late, on 24 Nov 2026`, `no fixed clock`.
 * Dates are local to `zone`, the post-mortem's own.
 */
export function obligationTiming(obligation: Pick<Obligation, 'state' | 'daysLeft' | 'notified'>, zone: string): string {
  const notified = obligation.notified ? localInstant(obligation.notified, zone).date : undefined;
  switch (obligation.state) {
    case 'met':
      return `met on ${notified}`;
    case 'met-late':
      return `met late, on ${notified}`;
    case 'no-clock':
      return 'no fixed clock';
    case 'overdue':
      return `overdue by ${plural(-obligation.daysLeft!, 'day')}`;
    case 'open':
      return obligation.daysLeft === 0 ? 'due today' : `due in ${plural(obligation.daysLeft!, 'day')}`;
  }
}

/** A clock in words: `60 calendar days`, `72 hours`, `4 business days`; undefined for none. */
export function clockText(clock: Clock | null | undefined): string | undefined {
  if (!clock) return undefined;
  if (clock.hours !== undefined) return plural(clock.hours, 'hour');
  if (clock.days !== undefined) return plural(clock.days, 'calendar day');
  if (clock.businessDays !== undefined) return plural(clock.businessDays, 'business day');
  return undefined;
}
