// Reading the dates, clocks and time zones people write in post-mortems: "2021-12-10 09:00",
// "Friday 29 November 2019", "2:05 PM PST", "14:??", "~10:45", "09:00 - 11:00". Pure; luxon for zones.
import { DateTime, IANAZone } from 'luxon';

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+)?';

/**
 * Zone words a team may write, as a stated-once zone (an IANA zone whose rules settle daylight
 * saving) and as a per-row zone (the fixed offset the abbreviation names, in minutes; undefined
 * where the word covers both halves of the year, like "PT").
 */
const ZONES: Record<string, { zone: string; offset?: number }> = {
  utc: { zone: 'UTC', offset: 0 }, gmt: { zone: 'UTC', offset: 0 }, z: { zone: 'UTC', offset: 0 }, zulu: { zone: 'UTC', offset: 0 },
  cet: { zone: 'CET', offset: 60 }, cest: { zone: 'CET', offset: 120 }, eet: { zone: 'EET', offset: 120 }, eest: { zone: 'EET', offset: 180 },
  wet: { zone: 'WET', offset: 0 }, west: { zone: 'WET', offset: 60 }, bst: { zone: 'Europe/London', offset: 60 },
  est: { zone: 'America/New_York', offset: -300 }, edt: { zone: 'America/New_York', offset: -240 }, et: { zone: 'America/New_York' },
  cst: { zone: 'America/Chicago', offset: -360 }, cdt: { zone: 'America/Chicago', offset: -300 }, ct: { zone: 'America/Chicago' },
  mst: { zone: 'America/Denver', offset: -420 }, mdt: { zone: 'America/Denver', offset: -360 }, mt: { zone: 'America/Denver' },
  pst: { zone: 'America/Los_Angeles', offset: -480 }, pdt: { zone: 'America/Los_Angeles', offset: -420 }, pt: { zone: 'America/Los_Angeles' },
  akst: { zone: 'America/Anchorage', offset: -540 }, akdt: { zone: 'America/Anchorage', offset: -480 }, hst: { zone: 'Pacific/Honolulu', offset: -600 },
  ist: { zone: 'Asia/Kolkata', offset: 330 }, jst: { zone: 'Asia/Tokyo', offset: 540 }, kst: { zone: 'Asia/Seoul', offset: 540 },
  sgt: { zone: 'Asia/Singapore', offset: 480 }, hkt: { zone: 'Asia/Hong_Kong', offset: 480 }, msk: { zone: 'Europe/Moscow', offset: 180 },
  aest: { zone: 'Australia/Sydney', offset: 600 }, aedt: { zone: 'Australia/Sydney', offset: 660 },
  nzst: { zone: 'Pacific/Auckland', offset: 720 }, nzdt: { zone: 'Pacific/Auckland', offset: 780 }, brt: { zone: 'America/Sao_Paulo', offset: -180 },
};
const ZONE_WORD = `(?:${Object.keys(ZONES).filter((k) => k !== 'z').join('|')})`;
const OFFSET = '(?:(?:utc|gmt)\\s*)?[+-−]\\d{1,2}(?::?\\d{2})?';
const IANA = '[A-Z][A-Za-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?';

export interface Zone {
  /** IANA zone (or UTC) whose rules apply; undefined for a bare fixed offset that is not whole hours. */
  zone?: string;
  /** A fixed offset in minutes, when the text names one ("PDT", "+02:00", "UTC-5"). */
  offset?: number;
  /** The words as written. */
  text: string;
  /** The sentence that stated it ("All times in CET"). */
  phrase?: string;
}

/** A zone word, IANA name or offset ("CET", "Europe/Berlin", "UTC+2", "-05:00"); undefined otherwise. */
export function readZone(text: string): Zone | undefined {
  const word = text.trim().replace(/^\(|\)$/g, '').trim();
  const known = ZONES[word.toLowerCase()];
  if (known) return { ...known, text: word };
  if (new RegExp(`^${IANA}$`).test(word) && IANAZone.isValidZone(word)) return { zone: word, text: word };
  const offset = /^(?:(?:utc|gmt)\s*)?([+\-−])(\d{1,2})(?::?(\d{2}))?$/i.exec(word);
  if (offset) {
    const minutes = (offset[1] === '+' ? 1 : -1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0));
    if (Math.abs(minutes) > 14 * 60) return undefined;
    // Etc/GMT zones are whole hours, and their sign is the reverse of the offset's.
    const zone = minutes === 0 ? 'UTC' : minutes % 60 === 0 ? `Etc/GMT${minutes > 0 ? '-' : '+'}${Math.abs(minutes / 60)}` : undefined;
    return { zone, offset: minutes, text: word };
  }
  return undefined;
}

/** "All times in CET", "Times are UTC", "Timezone: Europe/Berlin", "(times in PST)": the zone stated once. */
export function statedZone(text: string): Zone | undefined {
  const patterns = [
    new RegExp(`\\b(?:all\\s+)?(?:times?|timestamps?|hours|clock)\\s+(?:are\\s+|is\\s+|shown\\s+|given\\s+|listed\\s+)?(?:in\\s+|as\\s+)?(${ZONE_WORD}|${IANA}|${OFFSET})\\b`, 'i'),
    new RegExp(`\\b(?:time\\s*zone|tz)\\s*[:=]?\\s*(?:is\\s+)?(${ZONE_WORD}|${IANA}|${OFFSET})\\b`, 'i'),
    new RegExp(`\\b(?:date\\s+and\\s+)?time\\s*\\(?(?:in\\s+)?(${ZONE_WORD}|${IANA})\\)?`, 'i'),
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    const zone = match && readZone(match[1]);
    if (zone) return { ...zone, phrase: match[0].trim() };
  }
  return undefined;
}

export interface When {
  /** YYYY-MM-DD when a whole date is written. */
  date?: string;
  /** HH:MM (24-hour) when a clock is written. */
  time?: string;
  /** Only a date, or an hour with unknown minutes ("14:??"), or "~", "about", or a range. */
  approximate?: boolean;
  /** The clock range, as written, when a row names one ("09:00 - 11:00"). */
  range?: boolean;
  zone?: Zone;
  /** A year was repaired or supplied (see `guess`). */
  guess?: string;
  /** The text that held the date and time. */
  text: string;
  /** What followed it (a bullet's event). */
  rest: string;
}

export interface ReadContext {
  /** A year to give dates that have none ("10 Dec"), and to repair a mistyped one ("20202"). */
  year?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | undefined {
  if (!(y >= 1970 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return undefined;
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  return DateTime.fromISO(iso).isValid ? iso : undefined;
}

/** A five-digit year that becomes the context year by deleting one digit ("20202" in a 2020 file). */
function repairYear(text: string, context: ReadContext): number | undefined {
  if (text.length !== 5 || !context.year) return undefined;
  for (let i = 0; i < 5; i++) if (Number(text.slice(0, i) + text.slice(i + 1)) === context.year) return context.year;
  return undefined;
}

const DATE_FORMS: { re: RegExp; read: (m: RegExpExecArray, c: ReadContext) => { date?: string; guess?: string } }[] = [
  {
    // 2021-12-10, 2021/12/10, 2021.12.10, 20202-01-16 (a mistyped year)
    re: /^(\d{4,5})[-/.](\d{1,2})[-/.](\d{1,2})\b/,
    read: (m, c) => {
      const year = m[1].length === 4 ? Number(m[1]) : repairYear(m[1], c);
      const date = year ? validDate(year, Number(m[2]), Number(m[3])) : undefined;
      return { date, guess: date && m[1].length === 5 ? `read the year "${m[1]}" as ${year}` : undefined };
    },
  },
  {
    // Friday 29 November 2019, 29th of November 2019, 3. February 2020, 10 Dec
    re: new RegExp(`^${WEEKDAY}(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th|\\.)?\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(\\d{4}))?(?![\\w:])`, 'i'),
    read: (m, c) => withYear(m[3], MONTHS[m[2].toLowerCase().replace('.', '')], Number(m[1]), c),
  },
  {
    // November 29, 2019, Nov 29th 2019, Dec 10
    re: new RegExp(`^${WEEKDAY}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?(?![\\w:])`, 'i'),
    read: (m, c) => withYear(m[3], MONTHS[m[1].toLowerCase().replace('.', '')], Number(m[2]), c),
  },
  {
    // 10/12/2021 or 12/10/2021: read only when one part is over 12
    re: /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/,
    read: (m) => {
      const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (a > 12) return { date: validDate(y, b, a) };
      if (b > 12) return { date: validDate(y, a, b) };
      return {};
    },
  },
];

function withYear(yearText: string | undefined, month: number | undefined, day: number, c: ReadContext): { date?: string; guess?: string } {
  if (!month) return {};
  if (yearText) return { date: validDate(Number(yearText), month, day) };
  if (!c.year) return {};
  const date = validDate(c.year, month, day);
  return { date, guess: date ? `year ${c.year} from the file's id or dates` : undefined };
}

const CLOCK = /^(?:at\s+)?(~|≈|ca\.?\s*|approx\.?\s*|about\s+|around\s+)?(\d{1,2})(?::|h|\.(?=\d{2}\b))(\d{2}|\?\?|xx|--)(?::(\d{2}))?(\s*~)?\s*(a\.?m\.?|p\.?m\.?)?(?!\w|:\d)/i;
const HOUR_12 = /^(?:at\s+)?(~|about\s+|around\s+)?(\d{1,2})\s*(a\.?m\.?|p\.?m\.?)(?!\w)/i;
const UNKNOWN_CLOCK = /^(?:hh|\?\?|--|xx):?(?:mm|\?\?|--|xx)\b/i;

/** A clock at the start of `text`: "14:02", "2:05 PM", "9am", "~10:45", "14:??". */
function readClock(text: string): { time: string; approximate: boolean; length: number } | undefined {
  let match = CLOCK.exec(text);
  if (match) {
    let hour = Number(match[2]);
    const minutes = /^\d{2}$/.test(match[3]) ? Number(match[3]) : undefined;
    const meridiem = match[6]?.toLowerCase().replace(/\./g, '');
    if (meridiem) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
    }
    if (hour > 23 || (minutes ?? 0) > 59) return undefined;
    return { time: `${pad(hour)}:${pad(minutes ?? 0)}`, approximate: Boolean(match[1] || match[5]) || minutes === undefined, length: match[0].length };
  }
  match = HOUR_12.exec(text);
  if (match) {
    const hour = Number(match[2]);
    if (hour < 1 || hour > 12) return undefined;
    const h24 = (hour % 12) + (match[3].toLowerCase().startsWith('p') ? 12 : 0);
    return { time: `${pad(h24)}:00`, approximate: Boolean(match[1]), length: match[0].length };
  }
  return undefined;
}

const SEPARATOR = /^\s*(?:[—–\-:|>→]+|\)|\])?\s*/;

/**
 * The date and clock at the start of a timeline cell or bullet, with what follows. Undefined when
 * the text does not start with a date or a clock.
 */
export function readWhen(input: string, context: ReadContext = {}): When | undefined {
  let text = input.replace(/^\s*(?:[*_`[(]+)?\s*/, '');
  const lead = input.length - text.length;
  let approximate = false;
  const tilde = /^(~|≈|ca\.?\s+|approx(?:imately|\.)?\s+|about\s+|around\s+)/i.exec(text);
  if (tilde) {
    approximate = true;
    text = text.slice(tilde[0].length);
  }
  let date: string | undefined;
  let guess: string | undefined;
  let consumed = 0;
  const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})\b/.exec(text);
  if (iso && DateTime.fromISO(`${iso[1]}T${iso[2]}`).isValid) {
    const zone = readZone(iso[3] === 'Z' ? 'UTC' : iso[3]);
    return finish({ date: iso[1], time: iso[2], approximate, zone, text: input.slice(0, lead + (tilde?.[0].length ?? 0) + iso[0].length) }, input, lead + (tilde?.[0].length ?? 0) + iso[0].length);
  }
  for (const form of DATE_FORMS) {
    const match = form.re.exec(text);
    if (!match) continue;
    const read = form.read(match, context);
    if (!read.date) return undefined;
    ({ date, guess } = read);
    consumed = match[0].length;
    break;
  }
  let rest = text.slice(consumed);
  let time: string | undefined;
  let range = false;
  const gap = /^(?:\s*(?:,|at|@|T|\||-(?=\s*\d))?\s*)/i.exec(rest)![0];
  const clock = readClock(rest.slice(date ? gap.length : 0).replace(/^\*+|^_+/, ''));
  const unknownClock = date ? UNKNOWN_CLOCK.exec(rest.slice(gap.length)) : null;
  if (clock) {
    const skip = (date ? gap.length : 0) + (rest.slice(date ? gap.length : 0).length - rest.slice(date ? gap.length : 0).replace(/^\*+|^_+/, '').length);
    time = clock.time;
    approximate ||= clock.approximate;
    rest = rest.slice(skip + clock.length);
    // A range "09:00 - 11:00" or "12:26-12:??": the start, marked approximate.
    const end = /^\s*(?:-|–|—|to|until)\s*(\d{1,2}(?::|h)(?:\d{2}|\?\?)(?:\s*[ap]\.?m\.?)?|\?\?:\?\?)/i.exec(rest);
    if (end) {
      range = true;
      approximate = true;
      rest = rest.slice(end[0].length);
    }
  } else if (unknownClock) {
    rest = rest.slice(gap.length + unknownClock[0].length);
    approximate = true;
  } else if (!date) return undefined;
  if (date && !time) approximate = true;
  let zone: Zone | undefined;
  const zoneMatch = new RegExp(`^\\s*\\(?(${ZONE_WORD}|${OFFSET}|${IANA})\\)?(?![\\w/])`, 'i').exec(rest);
  if (zoneMatch && (time || unknownClock)) {
    zone = readZone(zoneMatch[1]);
    if (zone) rest = rest.slice(zoneMatch[0].length);
  }
  if (/^\s*~/.test(rest)) {
    approximate = true;
    rest = rest.replace(/^\s*~/, '');
  }
  const used = input.length - rest.length;
  return finish({ date, time, approximate, range, zone, guess, text: input.slice(0, used) }, input, used);
}

function finish(when: Omit<When, 'rest'>, input: string, used: number): When {
  let rest = input.slice(used);
  // Close the emphasis or bracket the time sat in ("**14:02**:", "[14:02]").
  rest = rest.replace(/^[*_`\])]+/, '');
  rest = rest.replace(SEPARATOR, '');
  const out: When = { ...when, text: when.text.trim(), rest: rest.trim() };
  for (const key of Object.keys(out) as (keyof When)[]) if (out[key] === undefined || out[key] === false) delete out[key];
  return out;
}

/** The first whole date written anywhere in prose ("On Friday 29 November 2019, …"), with the words. */
export function firstProseDate(text: string, context: ReadContext = {}): { date: string; text: string; guess?: string } | undefined {
  const starts = /\b(?=\d{4}-\d{2}-\d{2}\b|\d{1,2}(?:st|nd|rd|th|\.)?\s+(?:of\s+)?[a-z]{3}|[a-z]{3,9}\.?\s+\d{1,2}\b)/gi;
  for (let match = starts.exec(text); match; match = starts.exec(text)) {
    const slice = text.slice(match.index, match.index + 40);
    for (const form of DATE_FORMS) {
      const m = form.re.exec(slice);
      if (!m) continue;
      const read = form.read(m, context);
      if (read.date) return { date: read.date, text: m[0].trim(), guess: read.guess };
    }
    starts.lastIndex = match.index + 1;
  }
  return undefined;
}

/** A duration as written: "19 hours 43 minutes", "11 days", "53 min", "1h 20m", "2.5 hours"; minutes, or undefined. */
export function readDuration(text: string): number | undefined {
  const units: [RegExp, number][] = [
    [/(\d+(?:[.,]\d+)?)\s*(?:weeks?|w)\b/i, 7 * 24 * 60],
    [/(\d+(?:[.,]\d+)?)\s*(?:days?|d)\b/i, 24 * 60],
    [/(\d+(?:[.,]\d+)?)\s*(?:hours?|hrs?|h)\b/i, 60],
    [/(\d+(?:[.,]\d+)?)\s*(?:minutes?|mins?|m)\b/i, 1],
  ];
  let total = 0;
  let found = false;
  for (const [re, factor] of units) {
    const match = re.exec(text);
    if (match) {
      total += Number(match[1].replace(',', '.')) * factor;
      found = true;
    }
  }
  if (!found) {
    const clock = /^\s*(\d{1,3}):(\d{2})\s*$/.exec(text);
    if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  }
  return found ? Math.round(total) : undefined;
}
