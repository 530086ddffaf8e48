// Timeline rows from tables (date and time columns in any order, one combined column, or time only)
// and from bullet lists ("- 14:02 UTC — …", "**14:02**: …", "2021-12-10 09:00 …").
import { type Document, type MdNode, type Section, findAll, plain, sectionsOf } from './sections.ts';
import { type ReadContext, type When, firstProseDate, readWhen } from './when.ts';

export interface RawRow {
  when?: When;
  /** The event text (plain). */
  event: string;
  /** The row as written, for the report when it cannot be read. */
  raw: string;
  line: number;
  /** Where the date came from when the row has only a clock, and that date. */
  dateFrom?: string;
  day?: string;
}

const TIME_HEADER = /\b(time|date|when|timestamp|utc|clock|hour|day)\b/i;
const DATE_HEADER = /\b(date|day)\b/i;
const CLOCK_HEADER = /\b(time|clock|hour)\b/i;
const EVENT_HEADER = /\b(event|events|description|what|happened|details|action|activity|update|notes?|summary|message|entry|status)\b/i;

const cells = (row: MdNode) => (row.children ?? []).map((cell) => plain(cell).replace(/\s*\n\s*/g, ' ').trim());
const lineOf = (node: MdNode) => node.position?.start.line ?? 0;

/** Is this table a timeline: a time or date column and an event column, or first cells that read as times? */
function timelineColumns(table: MdNode, context: ReadContext): { date?: number; time?: number; event: number; others: number[] } | undefined {
  const rows = table.children ?? [];
  if (rows.length < 2) return undefined;
  const header = cells(rows[0]);
  // An action table ("Due date", "Owner") is not a timeline.
  if (header.some((text) => /\b(owner|assignee|priority|ticket|due|deadline|status)\b/i.test(text)) && !header.some((text) => /\b(time|timestamp|event)\b/i.test(text))) return undefined;
  let date: number | undefined;
  let time: number | undefined;
  header.forEach((text, i) => {
    if (!TIME_HEADER.test(text) || EVENT_HEADER.test(text.replace(/\b(date|time)\b/gi, '')) && !/^\W*(date|time)/i.test(text)) return;
    if (DATE_HEADER.test(text) && !CLOCK_HEADER.test(text)) date ??= i;
    else if (CLOCK_HEADER.test(text) && !DATE_HEADER.test(text)) time ??= i;
    else if (date === undefined && time === undefined) time = i;
  });
  if (date === undefined && time === undefined) {
    // No telling header: the first column holds times in most rows.
    const readable = rows.slice(1).filter((row) => readWhen(cells(row)[0] ?? '', context)).length;
    if (readable * 2 < rows.length - 1 || readable === 0) return undefined;
    time = 0;
  }
  const taken = new Set([date, time].filter((i) => i !== undefined));
  const candidates = header.map((_, i) => i).filter((i) => !taken.has(i));
  if (!candidates.length) return undefined;
  const named = candidates.find((i) => EVENT_HEADER.test(header[i]));
  const longest = candidates.reduce((best, i) => (avgLength(rows, i) > avgLength(rows, best) ? i : best), candidates[0]);
  const event = named ?? longest;
  return { date, time, event, others: candidates.filter((i) => i !== event) };
}

function avgLength(rows: MdNode[], column: number): number {
  return rows.slice(1).reduce((sum, row) => sum + (cells(row)[column] ?? '').length, 0);
}

function tableRows(table: MdNode, context: ReadContext): RawRow[] | undefined {
  const columns = timelineColumns(table, context);
  if (!columns) return undefined;
  const rows = table.children ?? [];
  const header = cells(rows[0]);
  return rows.slice(1).map((row) => {
    const values = cells(row);
    const whenText = [columns.date, columns.time].filter((i) => i !== undefined).map((i) => values[i!] ?? '').join(' ').trim();
    const extra = columns.others.filter((i) => values[i]).map((i) => `${header[i] || 'note'}: ${values[i]}`);
    const event = [values[columns.event] ?? '', extra.length ? `(${extra.join('; ')})` : ''].filter(Boolean).join(' ');
    const when = readWhen(whenText, context);
    return { when: when && !when.rest ? when : when && { ...when, rest: '' }, event, raw: values.join(' | '), line: lineOf(row) };
  });
}

/** List items (or lines of a paragraph) that begin with a date or a clock. */
function bulletRows(nodes: readonly MdNode[], context: ReadContext, onlyIfMost: boolean): { rows: RawRow[]; dates: Map<number, string> } {
  const rows: RawRow[] = [];
  const dates = new Map<number, string>();
  for (const node of nodes) {
    if (node.type === 'list') {
      const items = node.children ?? [];
      const read = items.map((item) => {
        const first = item.children?.[0];
        const text = first ? plain(first).trim() : '';
        const when = readWhen(text.split('\n')[0], context);
        return { item, text, when };
      });
      const timed = read.filter((r) => r.when && (r.when.time || r.when.date));
      if (!timed.length || (onlyIfMost && (timed.length < 2 || timed.length * 2 < items.length))) continue;
      for (const { item, text, when } of read) {
        const nested = (item.children ?? []).slice(1).map(plain).join(' ').replace(/\s+/g, ' ').trim();
        if (when) {
          const rest = [text.split('\n')[0].slice(0).length ? when.rest : '', text.split('\n').slice(1).join(' '), nested].filter(Boolean).join(' ').trim();
          rows.push({ when, event: rest, raw: text, line: lineOf(item) });
        } else rows.push({ event: [text, nested].filter(Boolean).join(' '), raw: text, line: lineOf(item) });
      }
    } else if (node.type === 'paragraph' && !onlyIfMost) {
      const lines = plain(node).split('\n').map((l) => l.trim()).filter(Boolean);
      const read = lines.map((line) => ({ line, when: readWhen(line, context) }));
      // A paragraph that is only a date ("**10 December 2021**") dates the clocks after it.
      if (read.length === 1 && read[0].when?.date && !read[0].when.time && !read[0].when.rest) {
        dates.set(lineOf(node), read[0].when.date);
        continue;
      }
      if (!read.some((r) => r.when?.time) || read.filter((r) => r.when).length * 2 < read.length) continue;
      read.forEach(({ line, when }, i) => {
        if (when) rows.push({ when, event: when.rest, raw: line, line: lineOf(node) + i });
        else if (rows.length) rows[rows.length - 1].event += ` ${line}`;
      });
    }
  }
  return { rows, dates };
}

export interface TimelineRead {
  rows: RawRow[];
  /** The zone named in a table header ("Date and Time in CET"). */
  headerZone?: string;
}

/**
 * Every timeline row of a document, in source order. Rows of a timeline section come first; with
 * no such section, any table or list that reads as a timeline counts.
 */
export function readTimelineRows(doc: Document, context: ReadContext): TimelineRead {
  const sections = sectionsOf(doc, 'timeline');
  const scopes: { nodes: readonly MdNode[]; strict: boolean; section?: Section }[] = sections.length
    ? sections.map((section) => ({ nodes: section.nodes, strict: false, section }))
    : [{ nodes: doc.sections[0] ? doc.root.children ?? [] : [], strict: true }];
  const rows: RawRow[] = [];
  let headerZone: string | undefined;
  const seen = new Set<MdNode>();
  for (const scope of scopes) {
    // Dates written as sub-headings ("### 10 December 2021") date the clocks below them.
    let day: { date: string; from: string } | undefined;
    const pushRows = (more: RawRow[]) => {
      for (const row of more) {
        if (row.when && !row.when.date && day) Object.assign(row, { dateFrom: day.from, day: day.date });
        rows.push(row);
      }
    };
    for (const node of scope.nodes) {
      if (seen.has(node)) continue;
      seen.add(node);
      if (node.type === 'heading' && scope.section && node !== scope.section.heading) {
        const when = readWhen(plain(node), context);
        if (when?.date) day = { date: when.date, from: `the heading "${plain(node).trim()}"` };
        continue;
      }
      const tables = node.type === 'table' ? [node] : findAll(node.children ?? [], 'table');
      let found = false;
      for (const table of tables) {
        const read = tableRows(table, context);
        if (!read) continue;
        found = true;
        const header = cells((table.children ?? [])[0]).join(' ');
        headerZone ??= / in ([A-Z]{2,5}|[A-Z][a-z]+\/[A-Za-z_]+)\b/.exec(header)?.[1] ?? /\(([A-Z]{2,5})\)/.exec(header)?.[1];
        pushRows(read);
      }
      if (found) continue;
      if (node.type === 'list' || node.type === 'paragraph') {
        const { rows: more, dates } = bulletRows([node], context, scope.strict);
        for (const [, date] of dates) day = { date, from: `"${plain(node).trim()}"` };
        pushRows(more);
      }
    }
  }
  return { rows, headerZone };
}

/** The first date in the summary (or the first prose before the timeline), for rows with only a clock. */
export function proseDate(doc: Document, context: ReadContext): { date: string; text: string; guess?: string } | undefined {
  const summary = sectionsOf(doc, 'summary').flatMap((s) => s.nodes);
  const candidates = [summary, doc.sections.flatMap((s) => (s.kind === 'timeline' ? [] : s.nodes.filter((n) => n.type === 'paragraph')))];
  for (const nodes of candidates) {
    const found = firstProseDate(nodes.map(plain).join('\n'), context);
    if (found) return found;
  }
  return undefined;
}
