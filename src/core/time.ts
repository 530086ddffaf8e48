import { DateTime, IANAZone, Info } from 'luxon';

/**
 * Luxon builds a DateTime from an ISO string, and moves it into an IANA zone, by asking Intl for
 * offsets: tens of microseconds each, and a build reads the same few timestamps of every
 * post-mortem again and again (sorting, quarters, every list that shows a date). DateTimes are
 * immutable, so both are remembered; a library's timestamps are bounded, and the memory is given
 * back when a (long-running dev) process has seen very many.
 */
export function memo<T>(compute: (key: string) => T): (key: string) => T {
  const values = new Map<string, T>();
  return (key) => {
    let value = values.get(key);
    if (value === undefined) {
      if (values.size >= 200_000) values.clear();
      value = compute(key);
      values.set(key, value);
    }
    return value;
  };
}

const parsed = memo((iso) => DateTime.fromISO(iso, { setZone: true }));
const zoned = memo((key) => {
  const [zone, iso] = key.split('\0');
  return parsed(iso).setZone(zone);
});

/** An instant read from an ISO string that carries its offset. */
export function instant(iso: string): DateTime {
  return parsed(iso);
}

const CANONICAL = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{3}))?)?(?:Z|([+-])(\d\d):(\d\d))$/;

/**
 * Milliseconds since the epoch of an ISO date-time with its offset, NaN when it is not a real one:
 * what `instant(iso).toMillis()` gives. A check of 10,000 post-mortems compares some 300,000
 * timeline instants; the common shape (2026-03-14T09:12:00.000+01:00) is read here without luxon.
 */
export function millisOf(iso: string): number {
  const parts = CANONICAL.exec(iso);
  if (!parts) return instant(iso).toMillis();
  const [year, month, day, hour, minute] = [+parts[1], +parts[2], +parts[3], +parts[4], +parts[5]];
  const [second, milli, offsetHours, offsetMinutes] = [+(parts[6] ?? 0), +(parts[7] ?? 0), +(parts[9] ?? 0), +(parts[10] ?? 0)];
  // luxon has its own reading of years before 1000, 24:00 and offsets such as +01:60 or +15:00.
  if (year < 1000 || offsetHours > 14 || hour > 23 || minute > 59 || second > 59 || offsetMinutes > 59) return instant(iso).toMillis();
  // 31 April is not a day (Date.UTC would roll it over into May).
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return NaN;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, milli);
  return local - (parts[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

/** The same instant as seen in a time zone. */
export function inZone(iso: string, zone: string): DateTime {
  return zoned(`${zone}\0${iso}`);
}

/** Whether a YYYY-MM-DD date exists in the calendar (a library repeats the same few thousand days). */
export const isRealDate = memo((date) => DateTime.fromISO(date, { zone: 'utc' }).isValid);

/** Whether a name is an IANA time zone luxon (and Intl) know; luxon keeps the answer per name. */
export function isTimeZone(name: string): boolean {
  return IANAZone.create(name).isValid;
}

/** Whole minutes from `from` to `to`, rounded down. */
export function minutesBetween(from: string, to: string): number {
  return Math.floor((millisOf(to) - millisOf(from)) / 60_000);
}

/** Calendar quarter of an instant in a time zone, written `2026-Q1`. */
export function quarterOf(iso: string, zone: string): string {
  const [year, month] = localDate(iso, zone).split('-');
  return `${year}-Q${Math.ceil(Number(month) / 3)}`;
}

const DAY = 86_400_000;

/** A zone's offset from UTC, in minutes, at an instant: luxon's own, from Intl (NaN for an unknown zone). */
const offsetIn = memo((zone) => {
  const known = Info.normalizeZone(zone);
  return (millis: number) => (known?.isValid ? known.offset(millis) : NaN);
});

/**
 * The local calendar date (YYYY-MM-DD) of an instant in a time zone: the UTC date of the instant
 * moved by the zone's offset at that instant, as luxon computes `inZone(iso, zone).toISODate()`,
 * without building DateTimes (a check asks for tens of thousands).
 */
export function localDate(iso: string, zone: string): string {
  // A date alone (an imported post-mortem's, docs/format.md#imported-post-mortems) is its own local date.
  if (isDateOnly(iso)) return iso;
  const millis = millisOf(iso);
  const offset = offsetIn(zone)(millis);
  return Number.isFinite(millis + offset) ? utcDay(millis + offset * 60_000) : inZone(iso, zone).toISODate()!;
}

function utcDay(millis: number): string {
  return new Date(millis).toISOString().slice(0, 10);
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** An approximate time of day, as people write it: `~14:00`. */
const APPROXIMATE = /^~\s*(([01]\d|2[0-3]):([0-5]\d))$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a value is a calendar date alone (YYYY-MM-DD), with no time of day. */
export function isDateOnly(value: string): boolean {
  return DATE_ONLY.test(value);
}

export interface ResolvedEntry {
  /** The entry's instant as an ISO string with offset (for a date alone: the start of that day), or undefined when it cannot be read. */
  at?: string;
  /** The same instant in milliseconds since the epoch (millisOf(at)). */
  millis?: number;
  /** The last millisecond the entry may stand for: the end of the day for a date alone, else millis. */
  until?: number;
  /** Written as approximate (`~14:00`). */
  approximate?: boolean;
  /** Written as a date alone: it happened some time that day. */
  dateOnly?: boolean;
  problem?: string;
  /** true when the only thing wrong is a date-time without a UTC offset. */
  noOffset?: boolean;
}

/**
 * The offset of a zone on a local day, when it is the same all day: in minutes, and as luxon writes
 * it at the end of an ISO date-time ("+01:00", or "Z" for UTC). Null on a day the offset changes,
 * and on a day whose midnight does not exist (a zone that springs forward at 00:00). An offset is
 * taken as the day's when the zone has it at the instant that offset makes local midnight, and at
 * the next local midnight; that holds as long as a zone does not change its offset twice within
 * one day and back (time.test.ts compares the result with luxon's on every day of 2020–2027 in
 * eight zones).
 */
const steadyOffset = memo((key): { minutes: number; text: string } | null => {
  const [zone, day] = key.split('\0');
  const offsetAt = offsetIn(zone);
  const midnight = Date.parse(`${day}T00:00:00Z`);
  if (!(isRealDate(day) && Number.isFinite(midnight))) return null;
  // The zone's offset at UTC midnight is a guess; at the instant it makes local midnight, the next.
  for (let minutes = offsetAt(midnight), tries = 0; tries < 2; minutes = offsetAt(midnight - minutes * 60_000), tries++) {
    const start = midnight - minutes * 60_000;
    if (offsetAt(start) === minutes && offsetAt(start + DAY) === minutes) return { minutes, text: offsetText(zone, minutes, start) };
  }
  return null;
});

const offsetTexts = new Map<string, string>();

/** How luxon writes a zone's offset (which it has at `at`): "+01:00", or "Z" for UTC. */
function offsetText(zone: string, minutes: number, at: number): string {
  const key = `${zone}\0${minutes}`;
  let text = offsetTexts.get(key);
  if (text === undefined) offsetTexts.set(key, (text = DateTime.fromMillis(at, { zone }).toISO()!.slice('YYYY-MM-DDTHH:MM:SS.sss'.length)));
  return text;
}

/**
 * `HH:MM` on a local day in a zone, as an ISO date-time with offset: what luxon's
 * `DateTime.fromISO(`${day}T${clock}`, { zone }).toISO()` gives, without asking Intl for an
 * offset per entry (a library's timelines hold hundreds of thousands of entries) except on the
 * days a zone changes its clocks, where luxon decides (a time in the gap moves forward).
 */
export function clockInstant(day: string, clock: string, zone: string): string {
  const offset = steadyOffset(`${zone}\0${day}`);
  return offset === null ? DateTime.fromISO(`${day}T${clock}`, { zone }).toISO()! : `${day}T${clock}:00.000${offset.text}`;
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/**
 * Turns timeline `at` values into instants. An `HH:MM` entry takes the local date (in `zone`) of
 * the entry before it, the first one the local date of `started`; a full date-time sets a new date.
 */
export function resolveTimeline(ats: readonly string[], started: string, zone: string): ResolvedEntry[] {
  let day = localDate(started, zone);
  return ats.map((at) => {
    const clock = CLOCK.exec(at);
    if (clock) {
      const iso = clockInstant(day, at, zone);
      const millis = millisOf(iso);
      return { at: iso, millis, until: millis };
    }
    const approximate = APPROXIMATE.exec(at);
    if (approximate) {
      const iso = clockInstant(day, approximate[1], zone);
      const millis = millisOf(iso);
      return { at: iso, millis, until: millis, approximate: true };
    }
    if (DATE_ONLY.test(at)) {
      if (!isRealDate(at)) return { problem: `"${at}" is neither a time HH:MM (e.g. "09:12") nor a real calendar date (e.g. 2026-03-15)` };
      day = at;
      const iso = clockInstant(at, '00:00', zone);
      const next = clockInstant(DateTime.fromISO(at, { zone: 'utc' }).plus({ days: 1 }).toISODate()!, '00:00', zone);
      return { at: iso, millis: millisOf(iso), until: millisOf(next) - 1, dateOnly: true };
    }
    if (LOCAL_DATE_TIME.test(at) && DateTime.fromISO(at, { zone }).isValid) {
      const offset = DateTime.fromISO(at, { zone }).toFormat('ZZ');
      return { noOffset: true, problem: `"${at}" has no UTC offset, so the moment is ambiguous; add one, e.g. "${at}${offset}" (${zone}), or write a time HH:MM` };
    }
    const millis = millisOf(at);
    if (Number.isNaN(millis) || !/[T ]\d{2}:\d{2}/.test(at) || !/(Z|[+-]\d{2}:\d{2})$/.test(at)) {
      return {
        problem: `"${at}" is neither a time HH:MM (e.g. "09:12"), an approximate time (e.g. "~09:10"), a date (e.g. 2026-03-15) nor a date-time with an offset (e.g. "2026-03-15T00:10:00+01:00")`,
      };
    }
    day = localDate(at, zone);
    return { at, millis, until: millis };
  });
}

/**
 * "Today" for the build: HINDSIGHT_NOW (an ISO date or date-time) or the clock, as a local date in
 * the settings time zone. Returns undefined for a value that is not a date.
 */
export function todayFrom(now: string | undefined, zone: string, clock: Date = new Date()): string | undefined {
  if (!now) return DateTime.fromJSDate(clock).setZone(zone).toISODate()!;
  if (/^\d{4}-\d{2}-\d{2}$/.test(now)) return DateTime.fromISO(now).isValid ? now : undefined;
  // Read in the settings zone: a date-time without an offset must not depend on the machine's zone.
  const parsed = DateTime.fromISO(now, { zone });
  return parsed.isValid ? parsed.toISODate()! : undefined;
}
