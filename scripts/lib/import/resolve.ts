// From timeline rows as written to frontmatter entries: dates for clock-only rows, zones and
// daylight saving through the IANA zone, approximate and date-only rows kept, chronological order.
import { DateTime, FixedOffsetZone } from 'luxon';
import type { RawRow } from './timeline.ts';
import type { Zone } from './when.ts';

export interface Entry {
  at: string;
  event: string;
}

export interface Resolved {
  entries: Entry[];
  started?: string;
  detected?: string;
  resolved?: string;
  /** The IANA zone the HH:MM entries are in, when one is known. */
  timezone?: string;
  guesses: string[];
  /** Rows kept only in the body, as written, with why. */
  keptAsText: string[];
}

interface Placed {
  row: RawRow;
  kind: 'exact' | 'approx' | 'date';
  date: string;
  time?: string;
  instant?: DateTime;
  key: number;
  index: number;
  note?: string;
}

const DETECTED = /\b(detect(?:ed|ion)|alert(?:ed|s)?|alarm(?:ed|s)?|paged?|warning|notic(?:ed|es)|discover(?:ed|y)|(?:became|made|were|was) aware|report(?:ed|s)|notified|spotted|escalated)\b/i;
const RESOLVED = /\b(resolved|resolution|fixed|recovered|recovery|restored|mitigated|back to normal|fully operational|verified (?:all systems )?operational|systems? (?:verified )?operational|service (?:is )?back)\b/i;
const NOT_DETECTED = /\b(?:no|not|never|didn't|did not|failed to|without)\s+(?:\w+\s+)?(?:alert|fire|detect|notice|page|report)/i;
const NEGATED = /\b(not|n't|never|no longer|un(?:resolved|fixed)|partially|attempt(?:ed|ing)?|trying)\b/i;

function zoneOf(zone: Zone | undefined): string | FixedOffsetZone | undefined {
  if (!zone) return undefined;
  if (zone.offset !== undefined && zone.text.toLowerCase() !== zone.zone?.toLowerCase() && !/^(utc|gmt|z|zulu)$/i.test(zone.text)) return FixedOffsetZone.instance(zone.offset);
  return zone.zone;
}

const iso = (dt: DateTime) => dt.toISO({ suppressMilliseconds: true, suppressSeconds: false, includeOffset: true })!.replace(/\.\d{3}/, '');

/**
 * Places every row in time. `zone`: the file's zone (stated, or from --timezone). `fallbackDate`:
 * the date for clock-only rows before any dated row (from a heading or the summary).
 */
export function resolveRows(rows: readonly RawRow[], zone: Zone | undefined, fallbackDate?: { date: string; from: string }): Resolved {
  const guesses: string[] = [];
  const keptAsText: string[] = [];
  const fileZone = zoneOf(zone);
  const placed: Placed[] = [];
  let currentDate: string | undefined;
  let lastClock: string | undefined;
  let rolled = false;
  let headingDay: string | undefined;
  rows.forEach((row, index) => {
    const when = row.when;
    if (!when) {
      keptAsText.push(`line ${row.line}: "${row.raw}" (no date or time it could read)`);
      return;
    }
    if (when.guess) guesses.push(`line ${row.line}: ${when.guess} ("${when.text}")`);
    let date = when.date;
    if (!date && row.day && row.day !== headingDay) {
      date = headingDay = row.day;
      lastClock = undefined;
    }
    if (!date && currentDate && when.time && lastClock && minutes(when.time) < minutes(lastClock) - 12 * 60) {
      date = DateTime.fromISO(currentDate).plus({ days: 1 }).toISODate()!;
      if (!rolled) guesses.push(`line ${row.line}: ${when.time} after ${lastClock} taken as the next day (${date})`);
      rolled = true;
    }
    if (!date && currentDate) date = currentDate;
    if (!date && fallbackDate) {
      date = fallbackDate.date;
      if (!placed.length) guesses.push(`date ${date} of the rows with only a time from ${fallbackDate.from}`);
    }
    if (row.dateFrom && !placed.some((p) => p.row.dateFrom === row.dateFrom)) guesses.push(`line ${row.line}: date ${date} from ${row.dateFrom}`);
    if (!date) {
      keptAsText.push(`line ${row.line}: "${row.raw}" (a time with no date)`);
      return;
    }
    if (when.date || date === headingDay) rolled = false;
    currentDate = date;
    if (when.time) lastClock = when.time;
    const rowZone = zoneOf(when.zone) ?? fileZone;
    let kind: Placed['kind'] = when.time ? (when.approximate ? 'approx' : 'exact') : 'date';
    let instant: DateTime | undefined;
    if (kind !== 'date' && rowZone) {
      instant = DateTime.fromISO(`${date}T${when.time}`, { zone: rowZone });
      if (!instant.isValid) instant = undefined;
    }
    if (kind === 'exact' && !instant) kind = 'date';
    const note = (when.time && kind !== 'exact') || when.range ? when.text.replace(/^[*_[(]+|[*_\])]+$/g, '') : undefined;
    placed.push({ row, kind, date, time: when.time, instant, key: 0, index, note });
  });
  if (!zone && placed.some((p) => p.time)) keptAsText.push('no time zone is stated: rows keep their dates, and their clocks are kept in the text (pass --timezone to read them)');

  // Sort keys: an exact row its instant; a date-only or approximate row stays after the row before
  // it on the same day, or else takes the start of its day (or its approximate clock).
  let previous: Placed | undefined;
  for (const p of placed) {
    const dayStart = DateTime.fromISO(p.date, { zone: fileZone ?? 'UTC' }).toMillis();
    if (p.kind === 'exact') p.key = p.instant!.toMillis();
    else if (previous && previous.date === p.date) p.key = previous.key;
    else p.key = p.instant?.toMillis() ?? dayStart;
    previous = p;
  }
  const sorted = [...placed].sort((a, b) => a.key - b.key || a.index - b.index);
  const moved = sorted.filter((p, i) => p !== placed[i]).length;
  if (moved) guesses.push(`${moved} timeline rows put in chronological order (the source lists them out of order)`);

  // A date-only first row ("2021-12-10 | published") gives no time; the first timed row that day does.
  const first = sorted[0]?.kind === 'exact' ? sorted[0] : (sorted.find((p) => p.kind === 'exact' && p.date === sorted[0].date) ?? sorted[0]);
  const startDate = sorted[0]?.date;
  const started = first ? (first.kind === 'exact' ? iso(first.instant!.setZone(fileZone ?? first.instant!.zone)) : first.date) : undefined;
  let stillStartDay = true;
  const entries: Entry[] = sorted.map((p) => {
    const event = (p.note ? `[${p.note}] ${p.row.event}` : p.row.event).trim() || '(no description)';
    const local = p.instant && fileZone ? p.instant.setZone(fileZone) : p.instant;
    const localDate = local?.toISODate() ?? p.date;
    if (localDate !== startDate) stillStartDay = false;
    if (p.kind === 'exact') {
      if (stillStartDay && fileZone && typeof fileZone === 'string') return { at: local!.toFormat('HH:mm'), event };
      return { at: iso(local!), event };
    }
    if (p.kind === 'approx' && stillStartDay && fileZone && typeof fileZone === 'string') return { at: `~${local!.toFormat('HH:mm')}`, event };
    return { at: p.date, event };
  });

  const exactOrDate = sorted.filter((p) => p.kind !== 'approx');
  const stamp = (p: Placed) => (p.kind === 'exact' ? iso(p.instant!.setZone(fileZone ?? p.instant!.zone)) : p.date);
  const label = (p: Placed, re: RegExp) => new RegExp(`^\\W*${re.source}\\W*:`, 'i').test(p.row.event);
  const detectedRow = exactOrDate.find((p) => /^\W*detect(ed|ion)\b\W*:/i.test(p.row.event)) ?? exactOrDate.slice(1).find((p) => DETECTED.test(p.row.event) && !NOT_DETECTED.test(p.row.event));
  const resolvedRow =
    exactOrDate.find((p) => label(p, /(resolved|resolution|recovery|recovered)/)) ??
    [...exactOrDate].reverse().find((p) => RESOLVED.test(p.row.event) && !NEGATED.test(p.row.event));
  const detected = detectedRow && stamp(detectedRow);
  const resolved = resolvedRow && (!detectedRow || resolvedRow.key >= detectedRow.key) ? stamp(resolvedRow) : undefined;
  if (detectedRow) guesses.push(`detected from the timeline row "${clip(detectedRow.row.event)}"`);
  if (resolved) guesses.push(`resolved from the timeline row "${clip(resolvedRow!.row.event)}"`);
  const timezone = typeof fileZone === 'string' ? fileZone : undefined;
  return { entries, started, detected, resolved, timezone, guesses, keptAsText };
}

function minutes(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

export function clip(text: string, length = 60): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
