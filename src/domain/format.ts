import { DateTime } from 'luxon';
import { SEVERITIES, type Postmortem } from '../schemas/postmortem.ts';
import type { ActionItem, Incident, TimelineItem } from './library.ts';
import { daysUntil, isOpen } from './actions.ts';
import { costParts } from './figures.ts';
import type { Money } from './visibility.ts';
import { KIND_LABELS, MILESTONE_LABELS, STATUS_LABELS, humanize } from './labels.ts';
import { formatCount, formatMoney, formatPercent, plural } from '../core/numbers.ts';
import type { Clock, Obligation } from './regulatory.ts';
import { inZone, instant, isDateOnly, minutesBetween } from '../core/time.ts';

/*
 * Formatting for display: durations, instants and dates, timelines, action and obligation timing,
 * cost lines and filter facets, in the words people read. Numbers and percentages are in
 * numbers.ts, the words for enum keys in labels.ts, the JSON records in records.ts. Pure
 * functions, no Astro import; components only call these.
 */

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
  return abbreviationAt(inZone(iso, zone));
}

function abbreviationAt(local: DateTime): string {
  const us = shortZoneName(local, 'en-US');
  if (!/^GMT[+-]/.test(us)) return us;
  return shortZoneName(local, 'en-GB');
}

/**
 * A zone as a timeline names it: `Europe/Copenhagen (CET)`, or `UTC` once where the zone and its
 * short name are the same. The short name is of `iso`, the first entry's instant.
 */
export function zoneLabel(iso: string, zone: string): string {
  const abbreviation = zoneAbbreviation(iso, zone);
  return abbreviation.toLowerCase() === zone.toLowerCase() ? zone : `${zone} (${abbreviation})`;
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

/**
 * The instants shown, by instant and zone: a post-mortem's start appears on its page, in the lists,
 * on its category's, services' and quarter's pages, so a third of the calls of a build repeat one
 * (luxon and Intl's zone names are most of the cost). Bounded, so a build's memory does not grow
 * with it; the same answer either way.
 */
const shown = new Map<string, LocalInstant>();
const SHOWN_MAX = 50_000;

/** An instant shown in an IANA zone. The same object for the same instant and zone: read it, do not change it. */
export function localInstant(iso: string, zone: string): LocalInstant {
  const key = `${zone} ${iso}`;
  let found = shown.get(key);
  if (!found) {
    found = Object.freeze(showInstant(iso, zone));
    if (shown.size >= SHOWN_MAX) shown.clear();
    shown.set(key, found);
  }
  return found;
}

function showInstant(iso: string, zone: string): LocalInstant {
  const local = inZone(iso, zone);
  const abbreviation = abbreviationAt(local);
  const shownIn = local.setLocale('en-US');
  const date = shownIn.toFormat('d LLL yyyy');
  const time = shownIn.toFormat('HH:mm');
  return {
    datetime: instant(iso).toUTC().toISO({ suppressMilliseconds: true })!,
    date,
    isoDate: shownIn.toISODate()!,
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
  /** Minutes since the incident started (may be negative for context before the start); null for a date alone or a start that is one. */
  elapsedMinutes: number | null;
  /** The time as read: `14:05`, `about 14:05`, or `during the day` for a date alone. */
  time: string;
  dateOnly: boolean;
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
      elapsedMinutes: item.dateOnly || isDateOnly(started) ? null : minutesBetween(started, item.at),
      dateOnly: item.dateOnly ?? false,
      time: item.dateOnly ? 'during the day' : item.approximate ? `about ${at.time}` : at.time,
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
// Actions

/** What to say about an action's timing: `Overdue by 12 days`, `Due in 3 days`, `Due today`. */
export function actionTiming(action: Pick<ActionItem, 'status' | 'deadline' | 'overdue'>, today: string): string | undefined {
  if (!isOpen(action) || action.deadline === null) return undefined;
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

// ---------------------------------------------------------------------------------------------
// Cost

export interface CostLine {
  label: string;
  /** How the amount was reached, e.g. `46 h × €150.00 per hour`; absent for plain inputs. */
  basis?: string;
  /** null: not recorded. */
  amount: number | null;
}

/** An amount as written, e.g. `€1,234.50`; undefined where the model withholds it (a public build). */
export function formatAmount(amount: Money, currency: string): string | undefined {
  return amount === undefined ? undefined : formatMoney(amount, currency);
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
          ? `${pm.impact.usersAffected === null ? 'users affected not recorded' : `${plural(pm.impact.usersAffected, 'user')} affected`} × ${formatPercent(churn.probability)} churn × ${formatMoney(churn.ltv, currency)} lifetime value`
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
export function facets(incidents: readonly Incident[], severities: readonly string[] = SEVERITIES): Facets {
  const distinct = (values: Iterable<string>, label: (value: string) => string, order?: readonly string[]) =>
    [...new Set(values)]
      .sort((a, b) => (order ? order.indexOf(a) - order.indexOf(b) : a.localeCompare(b)))
      .map((value) => ({ value, label: label(value) }));
  return {
    severity: distinct(incidents.flatMap((i) => (i.severity === null ? [] : [i.severity])), (v) => v, severities),
    kind: distinct(incidents.map((i) => i.kind), (v) => KIND_LABELS[v as Postmortem['kind']] ?? humanize(v), Object.keys(KIND_LABELS)),
    service: distinct(incidents.flatMap((i) => i.services), (v) => v),
    category: distinct(incidents.flatMap((i) => (i.category === null ? [] : [i.category])), humanize),
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
    openActions: actions.filter(isOpen).length,
    overdueActions: actions.filter((action) => action.overdue).length,
  };
}

// ---------------------------------------------------------------------------------------------
// Regulatory obligations

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
