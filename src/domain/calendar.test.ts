import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { actionEvents, calendarFeeds, fingerprint, nextDay, obligationEvents, ownerSegments, slugify, uidDomain, writeCalendar, type CalendarEvent } from './calendar.ts';
import { testLibrary, type Fixture } from './testing.ts';
import type { ActionItem } from './library.ts';

const context = { site: 'https://example.test/kb/', link: (path: string) => `https://example.test/kb${path}` };

describe('fingerprint', () => {
  // The published FNV-1a 32-bit test vectors.
  it.each([
    ['', '811c9dc5'],
    ['a', 'e40c292c'],
    ['foobar', 'bf9cf968'],
  ])('%j → %s', (text, hash) => {
    expect(fingerprint(text)).toBe(hash);
  });
});

describe('uidDomain', () => {
  it.each([
    ['https://postmortems.example.com', 'postmortems.example.com'],
    ['https://example.test/kb/', 'kb.example.test'],
    ['https://acme.github.io/post-mortems/eu/', 'eu.post-mortems.acme.github.io'],
    ['http://localhost:4321/', 'localhost'],
  ])('%s → %s', (site, domain) => {
    expect(uidDomain(site)).toBe(domain);
  });
});

describe('nextDay', () => {
  it.each([
    ['2026-11-27', '2026-11-28'],
    ['2026-12-31', '2027-01-01'],
    ['2028-02-28', '2028-02-29'],
    // The night clocks go back in Europe: still one day.
    ['2026-10-25', '2026-10-26'],
  ])('%s → %s', (date, next) => {
    expect(nextDay(date)).toBe(next);
  });
});

describe('owner path segments', () => {
  it.each([
    ['platform-team', 'platform-team'],
    ['Sofia Marchetti', 'sofia-marchetti'],
    ['oncall@acme.example', 'oncall-acme-example'],
    ['Équipe Paiements', 'equipe-paiements'],
    ['../../etc/passwd', 'etc-passwd'],
    ['  SRE (EU) / on-call  ', 'sre-eu-on-call'],
    ['支付团队', ''],
    ['a'.repeat(60), 'a'.repeat(48)],
  ])('slugify(%j) → %j', (owner, slug) => {
    expect(slugify(owner)).toBe(slug);
  });

  it('gives each owner its slug when no other owner shares it', () => {
    expect(ownerSegments(['platform-team', 'Sofia Marchetti', 'oncall@acme.example'])).toEqual(
      new Map([
        ['platform-team', 'platform-team'],
        ['Sofia Marchetti', 'sofia-marchetti'],
        ['oncall@acme.example', 'oncall-acme-example'],
      ]),
    );
  });

  it('keeps the slug for the owner written as it when several share it; the others get a fingerprint of their text', () => {
    const segments = ownerSegments(['Payments SRE', 'payments-sre']);
    expect(segments.get('payments-sre')).toBe('payments-sre');
    expect(segments.get('Payments SRE')).toBe(`payments-sre-${fingerprint('Payments SRE')}`);
    expect(segments.get('Payments SRE')).toBe('payments-sre-82bbfc62');
  });

  it('fingerprints every owner of a shared slug when none is written as it, whatever their order', () => {
    const one = ownerSegments(['Tom', 'TOM']);
    const other = ownerSegments(['TOM', 'Tom']);
    expect(one).toEqual(other);
    expect(one.get('Tom')).toBe(`tom-${fingerprint('Tom')}`);
    expect(one.get('TOM')).toBe(`tom-${fingerprint('TOM')}`);
  });

  it('names an owner with no letter or digit to keep by its fingerprint', () => {
    expect(ownerSegments(['支付团队', '???'])).toEqual(
      new Map([
        ['支付团队', 'owner-ab6577ab'],
        ['???', 'owner-7bcac794'],
      ]),
    );
  });

  it('never gives two owners one segment, and every segment is a safe path segment', () => {
    const owners = ['payments-sre', 'Payments SRE', 'PAYMENTS_SRE', 'payments-sre-82bbfc62', 'Ö', 'O', 'o', '', ' ', '..', '.', 'CON', 'a/b', 'a\\b'];
    const segments = ownerSegments(owners);
    expect(segments.size).toBe(owners.length);
    expect(new Set(segments.values()).size).toBe(owners.length);
    for (const segment of segments.values()) expect(segment).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    // The owner literally written `payments-sre-82bbfc62` keeps it; `Payments SRE` moves aside.
    expect(segments.get('payments-sre-82bbfc62')).toBe('payments-sre-82bbfc62');
    expect(segments.get('Payments SRE')).not.toBe('payments-sre-82bbfc62');
  });
});

const action = (overrides: Partial<ActionItem>): ActionItem => ({
  title: 'Add a canary stage',
  owner: 'platform',
  deadline: '2026-12-04',
  priority: 'P1',
  status: 'open',
  incident: 'INC-1',
  overdue: false,
  ...overrides,
});
const incidents = new Map([['INC-1', { id: 'INC-1', title: 'Checkout 502s', url: '/incidents/INC-1/' }]]);

describe('actionEvents', () => {
  it('has one all-day event per open or in-progress action with a deadline, soonest first', () => {
    const events = actionEvents(
      [
        action({ title: 'Later', deadline: '2026-12-20' }),
        action({ title: 'Sooner', deadline: '2026-12-01', status: 'in-progress' }),
        action({ title: 'Finished', status: 'done', completed: '2026-11-30' }),
        action({ title: 'Dropped', status: 'wont-do' }),
        action({ title: 'Nobody recorded the status', status: null }),
        action({ title: 'Nobody recorded the deadline', deadline: null }),
      ],
      incidents,
      context,
    );
    expect(events.map((event) => [event.date, event.summary])).toEqual([
      ['2026-12-01', 'Sooner (INC-1: Checkout 502s)'],
      ['2026-12-20', 'Later (INC-1: Checkout 502s)'],
    ]);
    expect(events[0]).toEqual({
      uid: `INC-1.action.${fingerprint('sooner')}@kb.example.test`,
      date: '2026-12-01',
      summary: 'Sooner (INC-1: Checkout 502s)',
      description: [
        'Action of INC-1: Checkout 502s, due 2026-12-01.',
        'Owner: platform',
        'Priority: P1',
        'Status: In progress',
        'https://example.test/kb/incidents/INC-1/#pm-actions',
      ].join('\n'),
      url: 'https://example.test/kb/incidents/INC-1/#pm-actions',
      owner: 'platform',
    });
  });

  it('keeps an action’s UID when its deadline, owner, status, priority or place in the list change, or its title’s case and spacing', () => {
    const before = actionEvents([action({ title: 'First' }), action({ title: 'Add a canary stage' })], incidents, context);
    const after = actionEvents(
      [action({ title: ' add a  Canary stage ', deadline: '2027-01-15', owner: 'sre', status: 'in-progress', priority: 'P2' }), action({ title: 'First' })],
      incidents,
      context,
    );
    const uid = (events: CalendarEvent[], title: RegExp) => events.find((event) => title.test(event.summary))!.uid;
    expect(uid(after, /canary/i)).toBe(uid(before, /canary/i));
    expect(uid(after, /First/)).toBe(uid(before, /First/));
    expect(uid(before, /canary/i)).not.toBe(uid(before, /First/));
  });

  it('tells two actions of one post-mortem with the same title apart, and the same title in two post-mortems', () => {
    const events = actionEvents([action({}), action({ deadline: '2026-12-05' }), action({ incident: 'INC-2' })], incidents, context);
    const base = `INC-1.action.${fingerprint('add a canary stage')}`;
    expect(events.map((event) => event.uid)).toEqual([`${base}@kb.example.test`, `INC-2.action.${fingerprint('add a canary stage')}@kb.example.test`, `${base}.2@kb.example.test`]);
  });

  it('writes no owner line where the model holds no owner (a public build)', () => {
    const [event] = actionEvents([action({ owner: undefined, ticket: 'https://tracker.example/PAY-1' })], incidents, context);
    expect(event.description).not.toMatch(/Owner/);
    expect(event.description).toContain('Ticket: https://tracker.example/PAY-1');
    expect(event).not.toHaveProperty('owner');
  });
});

describe('obligationEvents', () => {
  const pm = (id: string, regulatory: Fixture['regulatory'], started = '2026-03-01T00:30:00+01:00'): Fixture => ({ id, started, detectAfter: 0, regulatory });

  it('puts each unmet obligation with a clock on its due date in the post-mortem’s zone; met ones and those with no clock have none', () => {
    const library = testLibrary(
      [
        // 72 hours from 2026-03-01 00:30 Berlin: 2026-03-04 00:30 Berlin, which is still 2026-03-03 in UTC.
        pm('INC-GDPR', { frameworks: ['gdpr'] }),
        // 60 days, to the end of the local day: 2026-04-30 23:59:59 Berlin, 21:59:59 UTC.
        pm('INC-HIPAA', { frameworks: ['hipaa', 'soc2'] }),
        pm('INC-MET', { frameworks: ['gdpr'], notified: { gdpr: '2026-03-02T10:00:00+01:00' } }),
      ],
      { today: '2026-03-20', timezone: 'Europe/Berlin' },
    );
    const events = obligationEvents(library.published, context);
    expect(events.map((event) => [event.uid, event.date])).toEqual([
      ['INC-GDPR.regulatory.gdpr@kb.example.test', '2026-03-04'],
      ['INC-HIPAA.regulatory.hipaa@kb.example.test', '2026-04-30'],
    ]);
    expect(events[0].summary).toBe('GDPR reporting deadline (INC-GDPR: Fixture INC-GDPR)');
    expect(events[0].description).toContain('Due 2026-03-04T00:30:00+01:00, counted from discovery at 2026-03-01T00:30:00+01:00.');
    expect(events[0].url).toBe('https://example.test/kb/incidents/INC-GDPR/#pm-regulatory');
  });
});

describe('calendarFeeds', () => {
  it('has the site feed and one feed per owner of any action, closed ones included, with the same UIDs in both', () => {
    const library = testLibrary(
      [
        {
          id: 'INC-1',
          started: '2026-03-01T10:00:00+01:00',
          actions: [
            { title: 'Canary', owner: 'payments-sre', deadline: '2026-03-10', status: 'open' },
            { title: 'Alert', owner: 'Payments SRE', deadline: '2026-03-09', status: 'done', completed: '2026-03-08' },
            { title: 'Canary', owner: 'Sofia Marchetti', deadline: '2026-03-12', status: 'in-progress' },
          ],
          regulatory: { frameworks: ['gdpr'] },
        },
        { id: 'INC-DRAFT', started: '2026-03-02T10:00:00+01:00', status: 'draft', actions: [{ title: 'Draft action', owner: 'drafts-team' }] },
      ],
      { today: '2026-03-20', timezone: 'Europe/Berlin', drafts: true },
    );
    const feeds = calendarFeeds(library, context);
    expect(feeds.all.map((event) => [event.date, event.summary.replace(/ \(.*/, '')])).toEqual([
      ['2026-03-04', 'GDPR reporting deadline'],
      ['2026-03-10', 'Canary'],
      ['2026-03-12', 'Canary'],
    ]);
    expect(feeds.owners.map(({ owner, segment, events }) => [owner, segment, events.map((event) => event.uid)])).toEqual([
      ['Payments SRE', 'payments-sre-82bbfc62', []],
      ['Sofia Marchetti', 'sofia-marchetti', [feeds.all[2].uid]],
      ['payments-sre', 'payments-sre', [feeds.all[1].uid]],
    ]);
  });
});

describe('writeCalendar', () => {
  const event: CalendarEvent = {
    uid: 'INC-1.action.0badf00d@example.test',
    date: '2026-12-31',
    summary: 'Rotate keys; then, finally, check\\verify — für Zürich 🚀',
    description: 'Line one, with a comma; and a semicolon\nLine two: a long one that goes on and on past seventy-five octets, with ümlauts and emoji 🚀🚀🚀 to fold',
    url: 'https://example.test/kb/incidents/INC-1/#pm-actions',
  };
  const text = writeCalendar({ name: 'Acme, Inc.; post-mortems', description: 'All deadlines', events: [event], today: '2026-11-27' });

  it('writes RFC 5545 lines: CRLF after every line, none longer than 75 octets, folded lines start with a space', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
  });

  it('writes the calendar properties and an all-day event from the date to the next, stamped with today', () => {
    const unfolded = text.replace(/\r\n /g, '').split('\r\n');
    expect(unfolded).toEqual(
      expect.arrayContaining([
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Hindsight//Hindsight//EN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:Acme\\, Inc.\\; post-mortems',
        'UID:INC-1.action.0badf00d@example.test',
        'DTSTAMP:20261127T000000Z',
        'DTSTART;VALUE=DATE:20261231',
        'DTEND;VALUE=DATE:20270101',
        'SUMMARY:Rotate keys\\; then\\, finally\\, check\\\\verify — für Zürich 🚀',
        'URL;VALUE=URI:https://example.test/kb/incidents/INC-1/#pm-actions',
      ]),
    );
  });

  it('reads back the same with an independent parser (ical.js)', () => {
    // ical.js reads a property it does not know as written; these two are TEXT (RFC 7986 NAME,
    // and the X-WR-CALNAME calendars read as it), so tell it.
    ICAL.design.icalendar.property.name = ICAL.design.icalendar.property['x-wr-calname'] = { defaultType: 'text' };
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Acme, Inc.; post-mortems');
    expect(calendar.getFirstPropertyValue('name')).toBe('Acme, Inc.; post-mortems');
    const [vevent] = calendar.getAllSubcomponents('vevent');
    const parsed = new ICAL.Event(vevent);
    expect(parsed.summary).toBe(event.summary);
    expect(parsed.description).toBe(event.description);
    expect(parsed.uid).toBe(event.uid);
    expect(parsed.startDate.isDate).toBe(true);
    expect(parsed.startDate.toString()).toBe('2026-12-31');
    expect(parsed.endDate.toString()).toBe('2027-01-01');
  });

  it('writes the same text twice for the same input: nothing depends on the clock', () => {
    expect(writeCalendar({ name: 'Acme, Inc.; post-mortems', description: 'All deadlines', events: [event], today: '2026-11-27' })).toBe(text);
  });
});
