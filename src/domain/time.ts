import { DateTime } from 'luxon';

/**
 * Luxon builds a DateTime from an ISO string, and moves it into an IANA zone, by asking Intl for
 * offsets: tens of microseconds each, and a build reads the same few timestamps of every
 * post-mortem again and again (sorting, quarters, every list that shows a date). DateTimes are
 * immutable, so both are remembered; a library's timestamps are bounded, and the memory is given
 * back when a (long-running dev) process has seen very many.
 */
function memo<T>(compute: (key: string) => T): (key: string) => T {
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

/** The same instant as seen in a time zone. */
export function inZone(iso: string, zone: string): DateTime {
  return zoned(`${zone}\0${iso}`);
}

/** Whole minutes from `from` to `to`, rounded down. */
export function minutesBetween(from: string, to: string): number {
  return Math.floor(instant(to).diff(instant(from), 'minutes').minutes);
}

/** Calendar quarter of an instant in a time zone, written `2026-Q1`. */
export function quarterOf(iso: string, zone: string): string {
  const local = inZone(iso, zone);
  return `${local.year}-Q${local.quarter}`;
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(iso: string, zone: string): string {
  return inZone(iso, zone).toISODate()!;
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

export interface ResolvedEntry {
  /** The entry's instant as an ISO string with offset, or undefined when it cannot be read. */
  at?: string;
  problem?: string;
  /** true when the only thing wrong is a date-time without a UTC offset. */
  noOffset?: boolean;
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
      const local = DateTime.fromISO(`${day}T${at}`, { zone });
      return { at: local.toISO()! };
    }
    if (LOCAL_DATE_TIME.test(at) && DateTime.fromISO(at, { zone }).isValid) {
      const offset = DateTime.fromISO(at, { zone }).toFormat('ZZ');
      return { noOffset: true, problem: `"${at}" has no UTC offset, so the moment is ambiguous; add one, e.g. "${at}${offset}" (${zone}), or write a time HH:MM` };
    }
    const full = instant(at);
    if (!full.isValid || !/[T ]\d{2}:\d{2}/.test(at) || !/(Z|[+-]\d{2}:\d{2})$/.test(at)) {
      return {
        problem: `"${at}" is neither a time HH:MM (e.g. "09:12") nor a date-time with an offset (e.g. "2026-03-15T00:10:00+01:00")`,
      };
    }
    day = localDate(at, zone);
    return { at };
  });
}
