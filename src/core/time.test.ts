import { describe, it, expect } from 'vitest';
import { DateTime } from 'luxon';
import { instant, minutesBetween, millisOf, quarterOf, localDate, clockInstant, resolveTimeline } from './time.ts';

/** Milliseconds since the epoch: compares instants, whatever offset they are written in. */
const ms = (iso: string) => Date.parse(iso);

describe('minutesBetween', () => {
  it.each([
    // 59 seconds is not a minute yet: rounded down to 0.
    ['2026-03-14T09:12:00+01:00', '2026-03-14T09:12:59+01:00', 0],
    // Exactly one minute.
    ['2026-03-14T09:12:00+01:00', '2026-03-14T09:13:00+01:00', 1],
    // 1 min 59 s rounds down to 1, not to the nearest (2).
    ['2026-03-14T09:12:30+01:00', '2026-03-14T09:14:29+01:00', 1],
    // 59.5 s with fractions of a second: still 0.
    ['2026-03-14T09:12:00.500+01:00', '2026-03-14T09:13:00.000+01:00', 0],
    // The same instant written in two offsets: 09:12+01:00 is 08:12Z.
    ['2026-03-14T09:12:00+01:00', '2026-03-14T08:12:00Z', 0],
    // Mixed offsets: 09:12+01:00 is 08:12Z, so 8 minutes to 08:20Z.
    ['2026-03-14T09:12:00+01:00', '2026-03-14T08:20:00Z', 8],
    // 2 h 30 min, the example of docs/format.md (09:12 → 11:42).
    ['2026-03-14T09:12:00+01:00', '2026-03-14T11:42:00+01:00', 150],
    // Berlin springs forward on 2026-03-29 at 02:00 → 03:00: 01:30 CET (00:30Z) to 03:30 CEST (01:30Z)
    // looks like 2 h on the wall clock but is 60 minutes.
    ['2026-03-29T01:30:00+01:00', '2026-03-29T03:30:00+02:00', 60],
    // New York falls back on 2026-11-01 at 02:00 EDT → 01:00 EST: 01:30 EDT (05:30Z) to 01:30 EST (06:30Z)
    // is the same wall-clock time but 60 minutes later.
    ['2026-11-01T01:30:00-04:00', '2026-11-01T01:30:00-05:00', 60],
    // 00:30 EDT (04:30Z) to 02:30 EST (07:30Z): 2 h on the wall clock, 180 minutes.
    ['2026-11-01T00:30:00-04:00', '2026-11-01T02:30:00-05:00', 180],
    // Across a month and year end: 23:50Z to 00:10Z next day.
    ['2025-12-31T23:50:00Z', '2026-01-01T00:10:00Z', 20],
  ])('%s → %s is %i', (from, to, minutes) => {
    expect(minutesBetween(from, to)).toBe(minutes);
  });
});

describe('quarterOf', () => {
  it.each([
    // 23:30Z on 31 March is 01:30 CEST on 1 April in Berlin: the second quarter there…
    ['2026-03-31T23:30:00Z', 'Europe/Berlin', '2026-Q2'],
    // …and still the first quarter in UTC.
    ['2026-03-31T23:30:00Z', 'UTC', '2026-Q1'],
    // 01:00 CEST on 1 April is Q2 in Berlin…
    ['2026-04-01T01:00:00+02:00', 'Europe/Berlin', '2026-Q2'],
    // …but 23:00Z on 31 March, 16:00 PDT in Los Angeles: Q1 there.
    ['2026-04-01T01:00:00+02:00', 'America/Los_Angeles', '2026-Q1'],
    // New Year: 23:30Z on 31 December is 00:30 on 1 January in Berlin, a new year and quarter…
    ['2025-12-31T23:30:00Z', 'Europe/Berlin', '2026-Q1'],
    // …and still 2025-Q4 in UTC.
    ['2025-12-31T23:30:00Z', 'UTC', '2025-Q4'],
    // 03:00Z on 1 January is 22:00 EST on 31 December in New York.
    ['2026-01-01T03:00:00Z', 'America/New_York', '2025-Q4'],
    // 22:00Z on 30 June is 00:00 CEST on 1 July in Berlin: the first minute of Q3.
    ['2026-06-30T22:00:00Z', 'Europe/Berlin', '2026-Q3'],
    // One minute earlier is the last minute of Q2.
    ['2026-06-30T21:59:00Z', 'Europe/Berlin', '2026-Q2'],
    // 15:00Z on 30 September is 00:00 JST on 1 October in Tokyo (UTC+9, no DST): Q4.
    ['2026-09-30T15:00:00Z', 'Asia/Tokyo', '2026-Q4'],
    // A date-time written in a far-away offset counts in the zone asked for: 2026-10-01T08:00+09:00 is
    // 23:00Z on 30 September, 19:00 EDT in New York: Q3.
    ['2026-10-01T08:00:00+09:00', 'America/New_York', '2026-Q3'],
  ])('%s in %s is %s', (iso, zone, quarter) => {
    expect(quarterOf(iso, zone)).toBe(quarter);
  });
});

describe('localDate', () => {
  it.each([
    // 23:30Z is 00:30 the next day in Berlin (CET, +01:00 in March before the 29th).
    ['2026-03-14T23:30:00Z', 'Europe/Berlin', '2026-03-15'],
    ['2026-03-14T23:30:00Z', 'UTC', '2026-03-14'],
    // New York is on EDT (−04:00) from 8 March 2026: 19:30 on the 14th.
    ['2026-03-14T23:30:00Z', 'America/New_York', '2026-03-14'],
    // Auckland is on NZDT (+13:00) in March: 12:00Z is 01:00 on the 15th.
    ['2026-03-14T12:00:00Z', 'Pacific/Auckland', '2026-03-15'],
    // The written date is not the local date: 00:30+02:00 on the 1st is 22:30Z on 31 March,
    // 18:30 in New York.
    ['2026-04-01T00:30:00+02:00', 'America/New_York', '2026-03-31'],
    // Around the clocks changing: Berlin springs forward at 01:00Z on 29 March 2026 and falls back
    // at 01:00Z on 25 October; Santiago's midnight does not exist on 8 September 2024.
    ['2026-03-28T22:59:59Z', 'Europe/Berlin', '2026-03-28'],
    ['2026-03-28T23:00:00Z', 'Europe/Berlin', '2026-03-29'],
    ['2026-10-24T21:59:59Z', 'Europe/Berlin', '2026-10-24'],
    ['2026-10-24T22:00:00Z', 'Europe/Berlin', '2026-10-25'],
    ['2024-09-08T03:59:59Z', 'America/Santiago', '2024-09-07'],
    ['2024-09-08T04:00:00Z', 'America/Santiago', '2024-09-08'],
  ])('%s in %s is %s', (iso, zone, date) => {
    expect(localDate(iso, zone)).toBe(date);
  });

  it('agrees with luxon on every day of 2020–2027, at noon and midnight UTC and around local midnight', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'America/Santiago', 'America/Havana', 'Asia/Beirut', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Etc/UTC'];
    const disagreements: string[] = [];
    for (const zone of zones) {
      for (let day = DateTime.fromISO('2020-01-01', { zone }); day.year < 2028; day = day.plus({ days: 1 })) {
        const local = day.startOf('day');
        const moments = [local.minus({ milliseconds: 1 }), local, local.plus({ minutes: 30 }), ...[0, 12].map((hours) => local.toUTC().set({ hour: hours }))];
        for (const moment of moments) {
          const iso = moment.toISO()!;
          if (localDate(iso, zone) !== instant(iso).setZone(zone).toISODate()) disagreements.push(`${zone} ${iso}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('millisOf: the instant of an ISO date-time, exactly as luxon reads it', () => {
  it.each([
    ['2026-03-14T09:12:00+01:00', Date.UTC(2026, 2, 14, 8, 12)],
    ['2026-03-14T09:12:00.000+01:00', Date.UTC(2026, 2, 14, 8, 12)],
    ['2026-03-14T09:12+01:00', Date.UTC(2026, 2, 14, 8, 12)],
    ['2026-03-14T09:12:30.250Z', Date.UTC(2026, 2, 14, 9, 12, 30, 250)],
    ['2026-03-14T00:10:00-03:30', Date.UTC(2026, 2, 14, 3, 40)],
    ['2024-02-29T23:59:59+14:00', Date.UTC(2024, 1, 29, 9, 59, 59)],
    // Not real: a day or time that does not exist.
    ['2026-02-29T09:00:00Z', NaN],
    ['2026-04-31T09:00:00Z', NaN],
    ['2026-13-01T09:00:00Z', NaN],
    ['2026-03-14T09:60:00Z', NaN],
    ['2026-03-14T09:12:60Z', NaN],
    // luxon's own readings, kept.
    ['2026-03-14T24:00:00Z', instant('2026-03-14T24:00:00Z').toMillis()],
    ['2026-03-14T09:12:00+01:60', instant('2026-03-14T09:12:00+01:60').toMillis()],
    // Shapes the quick reading leaves to luxon.
    ['2026-03-14T09:12:00.5+01:00', Date.UTC(2026, 2, 14, 8, 12, 0, 500)],
    ['2026-03-14T09:12:00+0100', Date.UTC(2026, 2, 14, 8, 12)],
    ['0099-03-14T09:12:00Z', Date.parse('0099-03-14T09:12:00Z')],
    ['not a date', NaN],
  ])('%s', (iso, expected) => {
    expect(millisOf(iso)).toBe(instant(iso).toMillis());
    expect(millisOf(iso)).toBe(expected);
  });

  it('agrees with luxon on 20,000 generated date-times, real and not', () => {
    let seed = 42;
    const pick = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    const disagreements: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const offset = pick(3) === 0 ? 'Z' : `${pick(2) ? '+' : '-'}${pad(pick(16))}:${pad([0, 30, 45, 60][pick(4)])}`;
      const iso = `${1990 + pick(50)}-${pad(pick(14))}-${pad(pick(33))}T${pad(pick(25))}:${pad(pick(61))}${pick(2) ? `:${pad(pick(61))}${pick(2) ? `.${pad(pick(1000), 3)}` : ''}` : ''}${offset}`;
      if (!Object.is(millisOf(iso), instant(iso).toMillis())) disagreements.push(iso);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('clockInstant: HH:MM on a local day, exactly as luxon reads it', () => {
  const luxon = (day: string, clock: string, zone: string) => DateTime.fromISO(`${day}T${clock}`, { zone }).toISO();

  it.each([
    ['an ordinary winter day', '2026-01-15', '09:12', 'Europe/Berlin', '2026-01-15T09:12:00.000+01:00'],
    ['a day that springs forward: 02:30 does not exist and moves on', '2026-03-29', '02:30', 'Europe/Berlin', '2026-03-29T03:30:00.000+02:00'],
    ['a day that falls back: 02:30 comes twice, luxon takes the second (standard time)', '2026-10-25', '02:30', 'Europe/Berlin', '2026-10-25T02:30:00.000+01:00'],
    ['after the fall-back hour', '2026-10-25', '03:30', 'Europe/Berlin', '2026-10-25T03:30:00.000+01:00'],
    ['a zone whose midnight does not exist on its spring-forward day', '2024-09-08', '00:30', 'America/Santiago', '2024-09-08T01:30:00.000-03:00'],
    ['half an hour of DST (Lord Howe)', '2026-10-04', '02:15', 'Australia/Lord_Howe', '2026-10-04T02:45:00.000+11:00'],
    ['a negative half-hour offset', '2026-02-01', '23:59', 'America/St_Johns', '2026-02-01T23:59:00.000-03:30'],
    ['UTC by name is written Z', '2026-06-01', '00:00', 'UTC', '2026-06-01T00:00:00.000Z'],
    ['London in winter is +00:00, not Z', '2026-01-15', '09:12', 'Europe/London', '2026-01-15T09:12:00.000+00:00'],
  ])('%s', (_, day, clock, zone, expected) => {
    expect(luxon(day, clock, zone)).toBe(expected);
    expect(clockInstant(day, clock, zone)).toBe(expected);
  });

  it('agrees with luxon on every day of 2020–2027 in zones with and without DST', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'America/Santiago', 'America/Havana', 'Asia/Beirut', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Etc/UTC'];
    const clocks = ['00:00', '00:30', '01:30', '02:00', '02:30', '03:00', '12:00', '23:59'];
    const disagreements: string[] = [];
    for (const zone of zones) {
      for (let day = DateTime.fromISO('2020-01-01', { zone: 'utc' }); day.year < 2028; day = day.plus({ days: 1 })) {
        for (const clock of clocks) {
          const iso = day.toISODate()!;
          if (clockInstant(iso, clock, zone) !== luxon(iso, clock, zone)) disagreements.push(`${zone} ${iso} ${clock}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('resolveTimeline', () => {
  it.each([
    {
      why: 'HH:MM entries take the local date of started',
      ats: ['09:12', '09:20'],
      started: '2026-03-14T09:12:00+01:00',
      zone: 'Europe/Berlin',
      expected: ['2026-03-14T09:12:00+01:00', '2026-03-14T09:20:00+01:00'],
    },
    {
      // started is 23:30Z on the 14th, which is already the 15th in Berlin.
      why: 'the first entry takes the local date of started in the zone, not its UTC date',
      ats: ['00:30', '00:45'],
      started: '2026-03-14T23:30:00Z',
      zone: 'Europe/Berlin',
      expected: ['2026-03-15T00:30:00+01:00', '2026-03-15T00:45:00+01:00'],
    },
    {
      // The full date-time sets the new day; "00:25" takes its date (the 15th).
      why: 'HH:MM after a full date-time across midnight takes that entry’s local date',
      ats: ['23:50', '2026-03-15T00:10:00+01:00', '00:25'],
      started: '2026-03-14T23:50:00+01:00',
      zone: 'Europe/Berlin',
      expected: ['2026-03-14T23:50:00+01:00', '2026-03-15T00:10:00+01:00', '2026-03-15T00:25:00+01:00'],
    },
    {
      // 23:05Z on the 14th is 00:05 on the 15th in Berlin, so "00:20" is on the 15th.
      why: 'a full date-time in another offset sets the date it has in the zone',
      ats: ['23:50', '2026-03-14T23:05:00Z', '00:20'],
      started: '2026-03-14T23:50:00+01:00',
      zone: 'Europe/Berlin',
      expected: ['2026-03-14T23:50:00+01:00', '2026-03-14T23:05:00Z', '2026-03-15T00:20:00+01:00'],
    },
    {
      // 01:30Z on the 15th is 21:30 EDT on the 14th in New York, so "21:45" stays on the 14th.
      why: 'a full date-time written on the next UTC day keeps the local date in the zone',
      ats: ['20:00', '2026-03-15T01:30:00Z', '21:45'],
      started: '2026-03-14T20:00:00-04:00',
      zone: 'America/New_York',
      expected: ['2026-03-14T20:00:00-04:00', '2026-03-15T01:30:00Z', '2026-03-14T21:45:00-04:00'],
    },
    {
      // Berlin springs forward at 02:00 on 2026-03-29: "03:05" is CEST (+02:00), 15 minutes after 01:50 CET.
      why: 'HH:MM entries take the offset in force at that local time (DST)',
      ats: ['01:50', '03:05'],
      started: '2026-03-29T01:50:00+01:00',
      zone: 'Europe/Berlin',
      expected: ['2026-03-29T01:50:00+01:00', '2026-03-29T03:05:00+02:00'],
    },
  ])('$why', ({ ats, started, zone, expected }) => {
    const resolved = resolveTimeline(ats, started, zone);
    expect(resolved.map((entry) => entry.problem)).toEqual(ats.map(() => undefined));
    expect(resolved.map((entry) => ms(entry.at!))).toEqual(expected.map(ms));
  });

  it('reads a date alone as that whole day, and an approximate time as that time, and marks them', () => {
    const [day, approximate, after] = resolveTimeline(['2026-03-15', '~14:05', '15:00'], '2026-03-14T09:12:00+01:00', 'Europe/Berlin');
    expect(day).toEqual({ at: '2026-03-15T00:00:00.000+01:00', millis: ms('2026-03-15T00:00:00+01:00'), until: ms('2026-03-16T00:00:00+01:00') - 1, dateOnly: true });
    // The day of a date alone is the day of the entries after it.
    expect(approximate).toMatchObject({ approximate: true, millis: ms('2026-03-15T14:05:00+01:00') });
    expect(after.millis).toBe(ms('2026-03-15T15:00:00+01:00'));
  });

  it('keeps a full date-time as written', () => {
    expect(resolveTimeline(['09:12', '2026-03-14T08:30:00Z'], '2026-03-14T09:12:00+01:00', 'Europe/Berlin')[1].at).toBe('2026-03-14T08:30:00Z');
  });

  it.each([
    // No offset: the moment is ambiguous.
    ['2026-03-14T09:20:00', /"2026-03-14T09:20:00" has no UTC offset/],
    // No seconds and no offset.
    ['2026-03-14T09:20', /"2026-03-14T09:20" has no UTC offset/],
    // The hour needs two digits.
    ['9:12', /"9:12" is neither a time HH:MM/],
    // There is no 24:00.
    ['24:00', /"24:00" is neither a time HH:MM/],
    // Minutes stop at 59.
    ['09:60', /"09:60" is neither a time HH:MM/],
    // Seconds are not part of the HH:MM form.
    ['09:12:30', /"09:12:30" is neither a time HH:MM/],
    // A date alone that does not exist.
    ['2026-02-30', /"2026-02-30" is neither a time HH:MM/],
    ['noon', /"noon" is neither a time HH:MM/],
  ])('"%s" is a problem, and the entries around it still resolve', (at, message) => {
    const [before, bad, after] = resolveTimeline(['09:12', at, '09:30'], '2026-03-14T09:12:00+01:00', 'Europe/Berlin');
    expect(bad.at).toBeUndefined();
    expect(bad.problem).toMatch(message);
    // The message says what would be right.
    expect(bad.problem).toMatch(/e\.g\./);
    expect(ms(before.at!)).toBe(ms('2026-03-14T09:12:00+01:00'));
    expect(ms(after.at!)).toBe(ms('2026-03-14T09:30:00+01:00'));
  });

  it('suggests the offset the zone has at that local time for a date-time without one', () => {
    // Berlin is at +02:00 in July.
    expect(resolveTimeline(['2026-07-14T09:20:00'], '2026-07-14T09:12:00+02:00', 'Europe/Berlin')[0]).toMatchObject({ noOffset: true, problem: expect.stringContaining('"2026-07-14T09:20:00+02:00"') });
  });
});
