import { z } from 'astro/zod';
import { isDateOnly, isRealDate, isTimeZone, millisOf } from '../core/time.ts';

/** A lower-case identifier such as `checkout-api`. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug such as "checkout-api" (letters, digits, single hyphens)');

/**
 * The largest values the schema accepts: far beyond any real incident, small enough that figures,
 * sums and pages stay exact and readable. docs/format.md lists them.
 */
export const LIMITS = {
  /** Any money amount, in settings.currency: a trillion. */
  money: 1e12,
  /** cost.engineeringHours: a million hours, some 500 person-years. */
  hours: 1e6,
  /** impact.usersAffected: ten billion, more people than there are. */
  users: 1e10,
  /** An id becomes a folder (incidents/<id>/) and part of a URL; 100 characters fit every file system. */
  idLength: 100,
  /** The earliest date anything may have happened. */
  earliestDate: '1970-01-01',
  /** How far after today an event (started, resolved, a timeline entry…) may be dated, in years. */
  futureYears: 1,
  /** How far after today an action's deadline may be, in years. */
  deadlineYears: 5,
} as const;

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ID_FORMAT = 'must start with a letter or digit and hold only letters, digits, ".", "_" and "-", e.g. INC-2026-007';

/** Names Windows keeps for devices, with or without an extension: no folder may have them. */
const DEVICE = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\..*)?$/i;

const TOO_LONG = `must be at most ${LIMITS.idLength} characters (it names a folder and a URL)`;

/** Why an id that has the id format and length cannot name a folder everywhere, or undefined. */
function folderProblem(id: string): string | undefined {
  if (id.endsWith('.')) return 'must not end with "." (Windows drops it from folder names, so "INC-1." would be "INC-1")';
  if (DEVICE.test(id)) return 'is a name Windows keeps for a device (CON, PRN, AUX, NUL, COM1–9, LPT1–9), which no folder may have; pick another';
  return undefined;
}

/** Why a text cannot be a post-mortem id, or undefined when it can (also for ids taken from file names). */
export function idProblem(id: string): string | undefined {
  if (!ID.test(id)) return ID_FORMAT;
  if (id.length > LIMITS.idLength) return `${TOO_LONG}; this one has ${id.length}`;
  return folderProblem(id);
}

/**
 * A post-mortem id: `[A-Za-z0-9][A-Za-z0-9._-]*`, at most 100 characters, and a folder name on
 * every system (ids name the folders `incidents/<id>/`).
 */
export const postmortemId = z
  .string()
  .regex(ID, { error: ID_FORMAT, abort: true })
  .max(LIMITS.idLength, { error: TOO_LONG, abort: true })
  .superRefine((id, ctx) => {
    const problem = folderProblem(id);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { rule: 'schema' } });
  });

/** Text that must say something: empty or only spaces is refused with `message`. */
export function nonBlank(message: string) {
  return z.string().regex(/\S/, message);
}

/** A figure: finite (zod's number), 0 or more, at most `max`; -0 (YAML `-0`) is read as 0. */
export function figure(max: number, unit: string) {
  return z
    .number()
    .nonnegative('must be 0 or more')
    .max(max, `must be at most ${max.toLocaleString('en-US')}${unit} (${max.toExponential().replace('+', '')}); check the figure`)
    .overwrite((value) => (value === 0 ? 0 : value));
}

/** An amount of money: finite, 0 or more, at most LIMITS.money. */
export const money = figure(LIMITS.money, '');

/** A number of hours: finite, 0 or more, at most LIMITS.hours. */
export const hours = figure(LIMITS.hours, ' hours');

/** The dates a field accepts, YYYY-MM-DD inclusive, and how to say why. */
export interface DateRange {
  from: string;
  to: string;
  /** What the upper bound is, e.g. "a year after today, 2026-12-05". */
  why: string;
}

/** From LIMITS.earliestDate to `years` after `today` (YYYY-MM-DD). */
export function dateRange(today: string, years: number): DateRange {
  const [year, rest] = [Number(today.slice(0, 4)), today.slice(4)];
  // 29 February plus a year is 28 February (1 March would be a day beyond "a year after").
  let to = `${String(year + years).padStart(4, '0')}${rest}`;
  if (!isRealDate(to)) to = `${String(year + years).padStart(4, '0')}-02-28`;
  return { from: LIMITS.earliestDate, to, why: `${years === 1 ? 'a year' : `${years} years`} after today, ${today}` };
}

/** Why a date (the YYYY-MM-DD it starts with, as written) is outside a range, or undefined. */
export function rangeProblem(value: string, range: DateRange): string | undefined {
  const date = value.slice(0, 10);
  if (date >= range.from && date <= range.to) return undefined;
  return `"${value}" is outside the dates allowed, ${range.from} to ${range.to} (${range.why}); check the year`;
}

const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/** Why a date-time string is not acceptable, or undefined when it is. */
export function dateTimeProblem(value: string): string | undefined {
  if (LOCAL_DATE_TIME.test(value)) {
    return `"${value}" has no UTC offset, so the moment is ambiguous; add one, e.g. ${value.replace(' ', 'T')}+01:00 or ${value.replace(' ', 'T')}Z`;
  }
  if (!OFFSET_DATE_TIME.test(value)) {
    return `"${value}" is not a date-time; write it as 2026-03-14T09:12:00+01:00 (an offset or Z is required)`;
  }
  if (Number.isNaN(millisOf(value))) return `"${value}" is not a real date-time`;
  return undefined;
}

/** An ISO 8601 date-time that states its UTC offset (or Z), within `range` when given. Kept as written. */
export function offsetDateTimeIn(range?: DateRange) {
  return z.string({ error: 'must be a date-time with an offset, e.g. 2026-03-14T09:12:00+01:00' }).superRefine((value, ctx) => {
    const problem = dateTimeProblem(value) ?? (range && rangeProblem(value, range));
    // A missing offset is its own rule (docs/format.md#types-used-below); anything else is a malformed value.
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { rule: LOCAL_DATE_TIME.test(value) ? 'date-offset' : 'schema' } });
  });
}

/** An ISO 8601 date-time that states its UTC offset (or Z). Kept as written. */
export const offsetDateTime = offsetDateTimeIn();

/** A calendar date, YYYY-MM-DD, within `range` when given. */
export function isoDateIn(range?: DateRange) {
  return (
    z
      .string({ error: 'must be a date written YYYY-MM-DD, e.g. 2026-03-21' })
      // abort: a value that is not YYYY-MM-DD gets one problem, not a second "not a real date".
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD, e.g. 2026-03-21', abort: true })
      .superRefine((value, ctx) => {
        const problem = !isRealDate(value) ? 'is not a real calendar date; write a date that exists, as YYYY-MM-DD' : range && rangeProblem(value, range);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { rule: 'schema' } });
      })
  );
}

/** A calendar date, YYYY-MM-DD. */
export const isoDate = isoDateIn();

/** An IANA time zone name such as `Europe/Berlin`. */
export const timeZone = z
  .string()
  .refine((value) => isTimeZone(value), 'is not an IANA time zone; use a name such as Europe/Berlin, America/New_York or UTC');

/** An absolute http(s) URL. */
export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL, e.g. https://tracker.example/PAY-123' });

/**
 * A value that may be written `unknown` (docs/format.md#unknown-values): read as null, so that no
 * figure can take it for zero. Left out, it is null too; whether it may be left out is for the
 * rules to say (postmortem.ts: only in an imported post-mortem, for most fields).
 */
export function unknownOr<T extends z.ZodType>(schema: T) {
  return z.union([z.literal('unknown').transform(() => null), schema]).default(null);
}

/** A moment: a date-time with an offset, or (imported post-mortems only, checked by the rules) a date alone. */
export function momentIn(range?: DateRange) {
  return z.string({ error: 'must be a date-time with an offset, e.g. 2026-03-14T09:12:00+01:00' }).superRefine((value, ctx) => {
    const problem = isDateOnly(value)
      ? !isRealDate(value) ? 'is not a real calendar date; write a date that exists, as YYYY-MM-DD' : range && rangeProblem(value, range)
      : (dateTimeProblem(value) ?? (range && rangeProblem(value, range)));
    if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { rule: LOCAL_DATE_TIME.test(value) ? 'date-offset' : 'schema' } });
  });
}
