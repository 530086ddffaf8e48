import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { buildSite, ROOT, type BuildResult } from './helpers/build.ts';
import { fingerprint } from '../src/domain/calendar.ts';

/*
 * docs/site.md#calendar-feeds on built libraries, read back by an independent parser (ical.js).
 * Worked out by hand from content/ (settings.timezone Europe/Berlin), today 2026-11-27:
 *
 * Open (open or in-progress) actions of published post-mortems, each on its deadline:
 *   2025-11-26  INC-2025-027  Replace the in-house scheduler …                 Marcus Oyelaran
 *   2026-02-23  INC-2026-003  Decommission the legacy webhook endpoint          payments-team
 *   2026-08-22  INC-2026-023  Sampled production check that each response's …  identity-team
 *   2026-09-19  INC-2026-027  Repeat the failover drill …                       platform-team
 *   2026-11-06  INC-2026-031  Anomaly alerts on usage …                         Jonas Weber
 *   2026-11-17  INC-2026-033  Autoscale push workers on queue age               notifications-team
 *   2026-12-11  INC-2026-033  Release checklist item - …                        mobile-team
 * The draft INC-2026-035 has an open action too (2026-11-19, platform-sre): a draft never counts.
 * 63 more actions are done or won't do: no event.
 *
 * Open reporting deadlines: INC-2026-023 declares GDPR, 72 hours from detection at
 * 2026-07-22T14:36:00+02:00, so due 2026-07-25T14:36:00+02:00 — 25 Jul in Berlin, not yet notified
 * (overdue, so still in the feed). INC-2025-031 declares SOC 2, which has no clock: no event.
 *
 * So /calendar.ics has 8 events; 26 owners hold actions, each with a feed, 7 of them with one
 * event each and 19 with none.
 *
 * tests/fixtures/compliance/EXPECTED.md: the HIPAA deadline of INC-C-001 is 2026-12-04T23:59:59-05:00
 * in New York — already 5 Dec in UTC and in Berlin — so its event is on 4 Dec, the post-mortem's
 * own date; GDPR of INC-C-002 is due 2026-11-23 10:00 Berlin; SOC 2 has no clock and OSHA was met.
 */

interface ParsedEvent {
  uid: string;
  start: string;
  end: string;
  summary: string;
  description: string;
  url: string;
  stamp: string;
}

/** A feed as ical.js reads it, after the RFC 5545 line checks ical.js does not make. */
function readCalendar(text: string): { name: string; method: string; events: ParsedEvent[] } {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, ''), 'a bare CR or LF').not.toMatch(/[\r\n]/);
  for (const line of text.split('\r\n')) expect(Buffer.byteLength(line), line).toBeLessThanOrEqual(75);
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    expect(event.startDate.isDate, 'an all-day date').toBe(true);
    return {
      uid: event.uid,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      summary: event.summary,
      description: event.description,
      url: String(vevent.getFirstPropertyValue('url')),
      stamp: String(vevent.getFirstPropertyValue('dtstamp')),
    };
  });
  return { name: String(calendar.getFirstPropertyValue('x-wr-calname')), method: String(calendar.getFirstPropertyValue('method')), events };
}

const SITE = 'https://postmortems.example.com';
const file = (build: BuildResult, path: string) => readFileSync(join(build.outDir, path), 'utf8');

describe('calendar feeds of the example library', () => {
  let build: BuildResult;
  const feed = (path: string) => readCalendar(file(build, path));

  beforeAll(async () => {
    build = await buildSite('content');
    expect(build.code, build.output).toBe(0);
  });

  it('has every open action’s deadline and every open reporting deadline in /calendar.ics, all day, soonest first', () => {
    const { name, method, events } = feed('calendar.ics');
    expect(name).toBe('Acme Engineering Post-mortems: deadlines');
    expect(method).toBe('PUBLISH');
    expect(events.map((event) => [event.start, event.end, event.summary.replace(/ \(.*/, ''), event.summary.replace(/.* \((INC-[\d-]+): .*/, '$1')])).toEqual([
      ['2025-11-26', '2025-11-27', 'Replace the in-house scheduler with the workflow engine\'s schedules', 'INC-2025-027'],
      ['2026-02-23', '2026-02-24', 'Decommission the legacy webhook endpoint', 'INC-2026-003'],
      ['2026-07-25', '2026-07-26', 'GDPR reporting deadline', 'INC-2026-023'],
      ['2026-08-22', '2026-08-23', 'Sampled production check that each response\'s subject matches the token\'s subject', 'INC-2026-023'],
      ['2026-09-19', '2026-09-20', 'Repeat the failover drill and meet the 60-minute target', 'INC-2026-027'],
      ['2026-11-06', '2026-11-07', 'Anomaly alerts on usage for the five most-used search features', 'INC-2026-031'],
      ['2026-11-17', '2026-11-18', 'Autoscale push workers on queue age', 'INC-2026-033'],
      ['2026-12-11', '2026-12-12', 'Release checklist item - estimate server-side load of client behaviour changes', 'INC-2026-033'],
    ]);
    // Titled with the post-mortem too, linking to its page by URL and in the description.
    const autoscale = events[6];
    expect(autoscale.summary).toBe('Autoscale push workers on queue age (INC-2026-033: Campaign push notifications ran two hours late when an app update flooded the shared push queue)');
    expect(autoscale.url).toBe(`${SITE}/incidents/INC-2026-033/#pm-actions`);
    expect(autoscale.description.split('\n')).toEqual([
      'Action of INC-2026-033: Campaign push notifications ran two hours late when an app update flooded the shared push queue, due 2026-11-17.',
      'Owner: notifications-team',
      'Priority: P1',
      'Status: In progress',
      'Ticket: https://tracker.example.com/NOTIF-612',
      `${SITE}/incidents/INC-2026-033/#pm-actions`,
    ]);
    const gdpr = events[2];
    expect(gdpr.uid).toBe('INC-2026-023.regulatory.gdpr@postmortems.example.com');
    expect(gdpr.url).toBe(`${SITE}/incidents/INC-2026-023/#pm-regulatory`);
    expect(gdpr.description).toContain('Due 2026-07-25T14:36:00+02:00, counted from discovery at 2026-07-22T14:36:00+02:00.');
    // Stamped with the build's today, so the same library built the same day writes the same file.
    for (const event of events) expect(event.stamp).toBe('2026-11-27T00:00:00Z');
    expect(new Set(events.map((event) => event.uid)).size).toBe(8);
    // Nothing of the draft, nothing done or won't do.
    expect(file(build, 'calendar.ics')).not.toMatch(/INC-2026-035|Keep token registrations|Prompt SMS users/);
  });

  it('has a feed for every owner with their open actions only, linked from the action tracker', () => {
    const owners = readdirSync(join(build.outDir, 'owners')).sort();
    expect(owners).toHaveLength(26);
    const expected: Record<string, string[]> = {
      'marcus-oyelaran': ['2025-11-26'],
      'payments-team': ['2026-02-23'],
      'identity-team': ['2026-08-22'],
      'platform-team': ['2026-09-19'],
      'jonas-weber': ['2026-11-06'],
      'notifications-team': ['2026-11-17'],
      'mobile-team': ['2026-12-11'],
    };
    const site = new Map(feed('calendar.ics').events.map((event) => [event.uid, event]));
    for (const owner of owners) {
      const { name, events } = feed(`owners/${owner}/calendar.ics`);
      expect(events.map((event) => event.start), owner).toEqual(expected[owner] ?? []);
      // The same event, UID and all, as in the site feed.
      for (const event of events) expect(event).toEqual(site.get(event.uid));
      if (owner === 'jonas-weber') expect(name).toBe('Jonas Weber: action deadlines');
    }
    expect(owners).toEqual(expect.arrayContaining(['sofia-marchetti', 'engineering-managers', 'customer-success']));
    const actions = file(build, 'actions/index.html');
    expect(actions).toContain('href="/calendar.ics"');
    for (const owner of owners) expect(actions).toContain(`href="/owners/${owner}/calendar.ics"`);
  });
});

describe('a rebuild after the actions changed', () => {
  let before: BuildResult;
  let after: BuildResult;
  const content = mkdtempSync(join(tmpdir(), 'hindsight-calendar-'));
  afterAll(() => rmSync(content, { recursive: true, force: true }));

  beforeAll(async () => {
    cpSync(join(ROOT, 'content'), content, { recursive: true });
    before = await buildSite(content);
    expect(before.code, before.output).toBe(0);
    // INC-2026-033: the autoscaling action moves to the end of the list and its deadline to 20 Nov;
    // the release checklist item is done. INC-2026-003: its owner is written "Payments Team",
    // which shares its slug with payments-team.
    const push = join(content, 'postmortems/2026/2026-11-10-push-queue-backlog-token-refresh.mdx');
    let text = readFileSync(push, 'utf8');
    const autoscale = text.match(/  - title: Autoscale push workers on queue age\n(?: {4}.*\n)+/)![0];
    text = text.replace(autoscale, '').replace('\nprevention:', `\n${autoscale.replace('deadline: 2026-11-17', 'deadline: 2026-11-20').trimEnd()}\nprevention:`);
    text = text.replace(/(Release checklist item[^\n]*\n(?: {4}.*\n)*? {4})status: open/, '$1status: done\n    completed: 2026-11-26');
    writeFileSync(push, text);
    const pci = join(content, 'postmortems/2026/2026-01-08-pci-scan-attestation-filed-late.mdx');
    writeFileSync(pci, readFileSync(pci, 'utf8').replace(/(Decommission the legacy webhook endpoint\n {4}owner:) payments-team/, '$1 Payments Team'));
    after = await buildSite(content);
    expect(after.code, after.output).toBe(0);
  });

  it('keeps every UID; a moved deadline moves its event; a done action leaves the feed', () => {
    const old = new Map(readCalendar(file(before, 'calendar.ics')).events.map((event) => [event.uid, event]));
    const now = new Map(readCalendar(file(after, 'calendar.ics')).events.map((event) => [event.uid, event]));
    expect(now.size).toBe(7);
    const gone = [...old.keys()].filter((uid) => !now.has(uid));
    expect(gone.map((uid) => old.get(uid)!.summary.replace(/ \(.*/, ''))).toEqual(['Release checklist item - estimate server-side load of client behaviour changes']);
    expect([...now.keys()].every((uid) => old.has(uid)), 'no new UID').toBe(true);
    const autoscale = `INC-2026-033.action.${fingerprint('autoscale push workers on queue age')}@postmortems.example.com`;
    expect([old.get(autoscale)!.start, now.get(autoscale)!.start]).toEqual(['2026-11-17', '2026-11-20']);
    const decommission = `INC-2026-003.action.${fingerprint('decommission the legacy webhook endpoint')}@postmortems.example.com`;
    expect(now.get(decommission)!.description).toContain('Owner: Payments Team');
    // Everything else is the same event, to the byte.
    for (const [uid, event] of now) if (uid !== autoscale && uid !== decommission) expect(event, uid).toEqual(old.get(uid));
  });

  it('writes a feed whose actions did not change to the byte, and gives an owner sharing a slug a segment of its own', () => {
    expect(file(after, 'owners/platform-team/calendar.ics')).toBe(file(before, 'owners/platform-team/calendar.ics'));
    expect(file(after, 'owners/identity-team/calendar.ics')).toBe(file(before, 'owners/identity-team/calendar.ics'));
    // payments-team keeps its address (its remaining actions are all done); "Payments Team" gets its own.
    expect(readCalendar(file(after, 'owners/payments-team/calendar.ics')).events).toEqual([]);
    const moved = `owners/payments-team-${fingerprint('Payments Team')}/calendar.ics`;
    expect(existsSync(join(after.outDir, moved))).toBe(true);
    const { name, events } = readCalendar(file(after, moved));
    expect(name).toBe('Payments Team: action deadlines');
    expect(events.map((event) => event.start)).toEqual(['2026-02-23']);
    expect(readCalendar(file(after, 'owners/mobile-team/calendar.ics')).events).toEqual([]);
  });
});

describe('reporting deadlines in other zones (tests/fixtures/compliance)', () => {
  it('puts each on its due date in the post-mortem’s own zone, not in UTC', async () => {
    const build = await buildSite('tests/fixtures/compliance');
    expect(build.code, build.output).toBe(0);
    const { events } = readCalendar(file(build, 'calendar.ics'));
    expect(events.map((event) => [event.start, event.end, event.uid])).toEqual([
      ['2026-11-23', '2026-11-24', 'INC-C-002.regulatory.gdpr@localhost'],
      ['2026-12-04', '2026-12-05', 'INC-C-001.regulatory.hipaa@localhost'],
    ]);
    expect(events[1].description).toContain('Due 2026-12-04T23:59:59-05:00');
    expect(existsSync(join(build.outDir, 'owners'))).toBe(false);
  });
});
