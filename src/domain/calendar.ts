import ical, { ICalCalendarMethod, escape } from 'ical-generator';
import type { ActionItem, Incident } from './library.ts';
import { isOpen } from './actions.ts';
import { ACTION_STATUS_LABELS } from './labels.ts';

/*
 * The calendar feeds (docs/site.md#calendar-feeds): every open action's deadline and every open
 * reporting deadline as an all-day event, for the whole library and for each owner. Pure: data in,
 * an iCalendar text out; ical-generator writes the RFC 5545 (CRLF lines folded at 75 octets,
 * escaped text).
 */

/** One all-day event on a deadline. */
export interface CalendarEvent {
  /** Stable across builds: the post-mortem's id and what the event is about, never its position or the build time. */
  uid: string;
  /** The deadline, YYYY-MM-DD: the event is that whole day, wherever the reader is. */
  date: string;
  summary: string;
  description: string;
  /** The absolute URL of the page that says more. */
  url: string;
  /** An action's owner, for the owner's own feed; absent for reporting deadlines, and in a public build. */
  owner?: string;
}

export interface FeedContext {
  /** The absolute URL of a site path (`/incidents/INC-1/`), under the site's base path. */
  link: (path: string) => string;
  /** The site's absolute URL (settings.url): names the library in every UID. */
  site: string;
}

/**
 * FNV-1a (32 bits) of a text's UTF-8 bytes, as 8 hex digits: a short fingerprint that is the same
 * on every machine and every build. Not for secrets.
 */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * The right-hand side of every UID: the site's host name, with its base path (`kb.example.test`
 * for https://example.test/kb/), so two libraries never share a UID.
 */
export function uidDomain(site: string): string {
  const url = new URL(site);
  const path = url.pathname.split('/').filter(Boolean).map((segment) => segment.toLowerCase().replace(/[^a-z0-9-]+/g, '-'));
  return [...path.reverse(), url.hostname].join('.');
}

/** What makes an action the same action from one build to the next: its title, give or take case and spacing. */
function actionIdentity(title: string): string {
  return title.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * An event for each open (open or in-progress) action with a known deadline, soonest first. Done,
 * won't-do and actions whose status or deadline nobody recorded have none. The UID is the
 * post-mortem's id and a fingerprint of the action's title: moving the deadline, the owner or the
 * status updates the event, renaming the action replaces it, and reordering the list changes
 * nothing. Two actions of one post-mortem with the same title are told apart by their order.
 */
export function actionEvents(actions: readonly ActionItem[], incidents: ReadonlyMap<string, Pick<Incident, 'id' | 'title' | 'url'>>, context: FeedContext): CalendarEvent[] {
  const domain = uidDomain(context.site);
  const seen = new Map<string, number>();
  const events: CalendarEvent[] = [];
  for (const action of actions) {
    if (!isOpen(action) || action.deadline === null) continue;
    const base = `${action.incident}.action.${fingerprint(actionIdentity(action.title))}`;
    const repeat = seen.get(base) ?? 0;
    seen.set(base, repeat + 1);
    const incident = incidents.get(action.incident);
    const title = incident ? `${action.incident}: ${incident.title}` : action.incident;
    const url = context.link(`/incidents/${action.incident}/#pm-actions`);
    events.push({
      uid: `${base}${repeat ? `.${repeat + 1}` : ''}@${domain}`,
      date: action.deadline,
      summary: `${action.title} (${title})`,
      description: [
        `Action of ${title}, due ${action.deadline}.`,
        // A public build's model holds no owner: the line is left out, never "unknown".
        ...(action.owner === undefined ? [] : [`Owner: ${action.owner}`]),
        `Priority: ${action.priority ?? 'not recorded'}`,
        `Status: ${ACTION_STATUS_LABELS[action.status!]}`,
        ...(action.ticket ? [`Ticket: ${action.ticket}`] : []),
        url,
      ].join('\n'),
      url,
      ...(action.owner === undefined ? {} : { owner: action.owner }),
    });
  }
  return events.sort(byDate);
}

/**
 * An event for each reporting obligation not yet met that has a deadline (docs/format.md#regulatory),
 * on its due date in the post-mortem's zone, soonest first; overdue ones stay until they are met.
 * The UID is the post-mortem's id and the framework.
 */
export function obligationEvents(incidents: readonly Pick<Incident, 'id' | 'title' | 'url' | 'obligations'>[], context: FeedContext): CalendarEvent[] {
  const domain = uidDomain(context.site);
  return incidents
    .flatMap((incident) =>
      incident.obligations.flatMap((obligation) => {
        if (obligation.notified !== null || obligation.dueDate === null || obligation.due === null) return [];
        const url = context.link(`/incidents/${incident.id}/#pm-regulatory`);
        return [
          {
            uid: `${incident.id}.regulatory.${obligation.framework}@${domain}`,
            date: obligation.dueDate,
            summary: `${obligation.label} reporting deadline (${incident.id}: ${incident.title})`,
            description: [
              `${obligation.label} reporting deadline of ${incident.id}: ${incident.title}.`,
              `Due ${obligation.due}, counted from discovery at ${obligation.discovered}.`,
              obligation.text,
              url,
            ].join('\n'),
            url,
          },
        ];
      }),
    )
    .sort(byDate);
}

export interface OwnerFeed {
  owner: string;
  /** Its path segment: `/owners/<segment>/calendar.ics`. */
  segment: string;
  /** Its open actions' deadlines; none once all are closed, and the feed stays for those who subscribed. */
  events: CalendarEvent[];
}

export interface Feeds {
  /** `/calendar.ics`: every open action's deadline and every open reporting deadline, soonest first. */
  all: CalendarEvent[];
  /** One per owner of any action of a published post-mortem, by owner name; none in a public build, whose model names no owner. */
  owners: OwnerFeed[];
}

/** The library's feeds: its published post-mortems' actions (`Library.actions`) and obligations. */
export function calendarFeeds(
  library: { actions: readonly ActionItem[]; published: readonly Incident[] },
  context: FeedContext,
): Feeds {
  const incidents = new Map(library.published.map((incident) => [incident.id, incident]));
  const actions = actionEvents(library.actions, incidents, context);
  const all = [...actions, ...obligationEvents(library.published, context)].sort(byDate);
  const owners = [...new Set(library.actions.flatMap((action) => action.owner ?? []))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const segments = ownerSegments(owners);
  return {
    all,
    owners: owners.map((owner) => ({ owner, segment: segments.get(owner)!, events: actions.filter((event) => event.owner === owner) })),
  };
}

function byDate(a: CalendarEvent, b: CalendarEvent): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
}

/** A path segment for a string: lower-case ASCII letters, digits and single hyphens, at most 48 long; empty if none is left. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 48)
    .replace(/^-+|-+$/g, '');
}

/**
 * A path segment for each owner (`/owners/<segment>/calendar.ics`): safe in any URL and file
 * system, unique, and the same from build to build. An owner is any string — a team, a name, an
 * email address — so the segment is its slug (`Sofia Marchetti` → `sofia-marchetti`,
 * `oncall@acme.example` → `oncall-acme-example`). Where several owners share a slug (`Payments SRE`
 * and `payments-sre`), the one written as the slug keeps it and the others get a fingerprint of
 * their exact text (`payments-sre-5f0c2a91`); an owner with no letter or digit to keep gets
 * `owner-<fingerprint>`.
 */
export function ownerSegments(owners: Iterable<string>): Map<string, string> {
  const bySlug = new Map<string, string[]>();
  for (const owner of new Set(owners)) {
    const slug = slugify(owner);
    bySlug.set(slug, [...(bySlug.get(slug) ?? []), owner]);
  }
  const segments = new Map<string, string>();
  const used = new Set<string>();
  // Plain slugs first, so a fingerprinted segment never takes a slug another owner holds.
  const crowded: [string, string][] = [];
  for (const [slug, group] of bySlug) {
    const keeper = slug === '' ? undefined : group.length === 1 ? group[0] : group.find((owner) => owner === slug);
    for (const owner of group) {
      if (owner === keeper) {
        segments.set(owner, slug);
        used.add(slug);
      } else crowded.push([slug || 'owner', owner]);
    }
  }
  for (const [prefix, owner] of crowded.sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let segment = `${prefix}-${fingerprint(owner)}`;
    for (let salt = 2; used.has(segment); salt++) segment = `${prefix}-${fingerprint(`${owner}\n${salt}`)}`;
    segments.set(owner, segment);
    used.add(segment);
  }
  return segments;
}

export interface CalendarInput {
  /** X-WR-CALNAME: what a calendar application lists the feed as. */
  name: string;
  description: string;
  events: readonly CalendarEvent[];
  /**
   * DTSTAMP of every event: the build's today (HINDSIGHT_NOW) at midnight UTC, so two builds of
   * the same library on the same day write the same file.
   */
  today: string;
}

/** The date after a YYYY-MM-DD date: DTEND of an all-day event is exclusive. */
export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Midnight UTC of a YYYY-MM-DD date; ical-generator writes a date-only value from its UTC fields. */
const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** The feed as an iCalendar file (RFC 5545): VERSION, PRODID, METHOD:PUBLISH, X-WR-CALNAME, one VEVENT per event. */
export function writeCalendar({ name, description, events, today }: CalendarInput): string {
  const calendar = ical({
    prodId: { company: 'Hindsight', product: 'Hindsight', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // ical-generator writes the calendar's name and description as given; event text it escapes itself.
    name: escape(name, false),
    description: escape(description, false),
    // A hint to subscribed calendars to fetch the feed again every six hours.
    ttl: 6 * 60 * 60,
  });
  // No calendar time zone: each event is a floating all-day date, the same day in every zone.
  for (const event of events) {
    calendar.createEvent({
      id: event.uid,
      allDay: true,
      start: utc(event.date),
      end: utc(nextDay(event.date)),
      stamp: utc(today),
      summary: event.summary,
      description: event.description,
      url: event.url,
    });
  }
  // Every content line ends with CRLF (RFC 5545 3.1), the last one too.
  return `${calendar.toString()}\r\n`;
}
