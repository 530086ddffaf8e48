// One Markdown post-mortem in, one Hindsight post-mortem out: the facts it could read in the
// frontmatter, the rest left unknown, and every word of the source in the body.
import { parse as parseYaml, stringify } from 'yaml';
import { DateTime } from 'luxon';
import { type Document, type MdNode, findAll, parse, plain, sectionsOf } from './sections.ts';
import { type Resolved, clip, resolveRows } from './resolve.ts';
import { proseDate, readTimelineRows } from './timeline.ts';
import { type Zone, readDuration, readZone, statedZone, readWhen } from './when.ts';
import { type Action, FACTORS, factorKey, labelledLines, readActions, readCount, readFactors, readItems, readSeverity, readText, readWhys, SEVERITY_LABEL } from './facts.ts';

export interface ConvertOptions {
  /** The file name (or URL) the post-mortem came from. */
  from: string;
  /** Today, YYYY-MM-DD, for `imported.on`. */
  today: string;
  /** The zone of times when the source names none. */
  timezone?: string;
  idFrom?: 'name' | 'heading';
}

export interface ImportReport {
  mapped: string[];
  unknown: string[];
  guesses: string[];
  keptAsText: string[];
  notes: string[];
}

export type Converted =
  | { ok: true; id: string; year: string; title: string; text: string; data: Record<string, unknown>; report: ImportReport }
  | { ok: false; reason: string; title: string; report: ImportReport };

const ALLOWED_HTML = new Set('a abbr b bdo blockquote br caption cite code dd del details dfn div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p picture pre q rp rt ruby s samp small source span strike strong sub summary sup table tbody td tfoot th thead time tr tt u ul var wbr'.split(' '));

/** Raw HTML from GitHub's allow-list stays; any other tag, or one with a script hook, is escaped. */
export function escapeHtml(doc: Document, body: { start: number; end: number }): string {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const node of findAll(doc.root.children ?? [], 'html')) {
    const value = node.value ?? '';
    const start = node.position?.start.offset ?? -1;
    if (start < body.start || start >= body.end) continue;
    const bad = [...value.matchAll(/<\/?([A-Za-z][\w-]*)([^>]*)>?/g)].some((m) => !ALLOWED_HTML.has(m[1].toLowerCase()) || /\bon\w+\s*=|javascript:|\bstyle\s*=/i.test(m[2]));
    if (bad) edits.push({ start, end: node.position!.end.offset, text: value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') });
  }
  let out = '';
  let at = body.start;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    out += doc.source.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + doc.source.slice(at, body.end);
}

const ID_TOKEN = /^\s*([A-Za-z]{1,12}[-_]?\d+(?:[-_.]\d+)*)(?=$|[\s:_—–-]|\.md)/;

export function slug(text: string): string {
  return (
    text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80).replace(/-+$/, '') || 'postmortem'
  );
}

const baseName = (from: string) => from.split(/[\\/]/).pop()!.replace(/\.(md|markdown|mdown|mkd|txt)$/i, '');

function titleOf(doc: Document, meta: Record<string, unknown>, from: string): { title: string; node?: MdNode; source: string } {
  if (typeof meta.title === 'string' && meta.title.trim()) return { title: meta.title.trim(), source: 'front matter' };
  const headings = (doc.root.children ?? []).filter((n) => n.type === 'heading');
  const h1 = headings.find((n) => n.depth === 1 && doc.sections.find((s) => s.heading === n)?.kind === 'other') ?? headings.find((n) => n.depth === 1);
  const firstBlock = (doc.root.children ?? []).find((n) => n.type !== 'yaml' && n.type !== 'toml');
  const node = h1 ?? (firstBlock?.type === 'heading' && doc.sections.find((s) => s.heading === firstBlock)?.kind === 'other' ? firstBlock : undefined);
  if (node && plain(node).trim()) return { title: plain(node).replace(/\s+/g, ' ').trim(), node, source: 'the first heading' };
  const name = baseName(from).replace(ID_TOKEN, '').replace(/^[\s:_—–-]+/, '').replace(/[_]+/g, ' ').trim();
  return { title: name || baseName(from), source: 'the file name' };
}

function shortTitle(title: string): string {
  if (title.length <= 140) return title;
  const cut = title.slice(0, 139);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 100)).trimEnd()}…`;
}

const SERVICE_LABEL = /^(services?|services? (affected|impacted)|(affected|impacted) (services?|systems?|components?)|(systems?|components?) (affected|impacted))$/i;
const USERS_LABEL = /^((users?|customers?|accounts?|people|clients?|tenants?) (affected|impacted)|(affected|impacted) (users?|customers?|accounts?|clients?|tenants?)|number of (affected )?(users|customers))$/i;
const REVENUE_LABEL = /^(revenue( lost| loss| impact)?|lost revenue|revenue lost|financial impact)$/i;
const SLA_LABEL = /^(sla|sla breach(ed)?|sla (violated|missed|impact))$/i;
const DETECT_FIGURE = /^(time to (detect(ion)?|discovery)|ttd|mttd|detection time)$/i;
const RESOLVE_FIGURE = /^(time to (resolve|resolution|recover|recovery|restore|mitigate|mitigation|repair)|ttr|mttr|ttm|time to fix)$/i;
const DURATION_FIGURE = /^(duration|total duration|incident duration|outage duration|downtime|length)$/i;

function detectionMethod(text: string): 'monitoring' | 'customer-report' | 'internal-discovery' | undefined {
  const hits = [
    /\b(alert(ed|s|ing)?|alarm|monitor(ing|s)?|pager(duty)?|synthetic|automated (check|warning))\b/i.test(text) && 'monitoring',
    /\b(customers?|users?|clients?)\b[^.]*\b(report|complain|contact|ticket|told|notif)/i.test(text) && 'customer-report',
    /\b(engineer|employee|colleague|team member|we|internally)\b[^.]*\b(notic|discover|spott|found)/i.test(text) && 'internal-discovery',
  ].filter(Boolean) as ('monitoring' | 'customer-report' | 'internal-discovery')[];
  return hits.length === 1 ? hits[0] : undefined;
}

function plusMinutes(started: string, minutes: number): string | undefined {
  if (!started.includes('T')) return undefined;
  const dt = DateTime.fromISO(started, { setZone: true });
  return dt.isValid ? dt.plus({ minutes }).toISO({ suppressMilliseconds: true })! : undefined;
}

/** The zone every timed row names, when they all name one with the same rules ("14:02 UTC"). */
function sameRowZone(rows: readonly { when?: { time?: string; zone?: Zone } }[]): Zone | undefined {
  const zones = new Set(rows.filter((r) => r.when?.time && r.when.zone).map((r) => r.when!.zone!.zone));
  const [zone] = zones;
  return zones.size === 1 && zone ? { zone, text: zone } : undefined;
}

/** Converts one source file. Pure: text in, text and a report out. */
export function convert(source: string, options: ConvertOptions): Converted {
  const report: ImportReport = { mapped: [], unknown: [], guesses: [], keptAsText: [], notes: [] };
  const doc = parse(source.replace(/^\uFEFF/, ''));
  let meta: Record<string, unknown> = {};
  if (doc.frontmatter) {
    try {
      const read = parseYaml(doc.frontmatter.text);
      if (read && typeof read === 'object' && !Array.isArray(read)) meta = read as Record<string, unknown>;
    } catch {
      report.notes.push('the front matter is not valid YAML; it is kept in the body');
    }
  }
  const used = new Set<string>();
  const { title, node: titleNode, source: titleSource } = titleOf(doc, meta, options.from);
  if (titleSource === 'front matter') used.add('title');
  for (const section of doc.sections) if (section.heading && section.heading === titleNode) section.kind = 'other';
  report.mapped.push(`title from ${titleSource}`);

  // Id and a year for dates written without one.
  const name = baseName(options.from);
  const token = ID_TOKEN.exec(name)?.[1] ?? ID_TOKEN.exec(title)?.[1];
  let id: string;
  if (options.idFrom === 'heading') id = slug(title);
  else if (options.idFrom === 'name') id = token ?? slug(name);
  else if (typeof meta.id === 'string' && /^[\w.-]{1,100}$/.test(meta.id)) { id = meta.id; used.add('id'); }
  else id = token ?? slug(name);
  id = id.replace(/[^\w.-]/g, '-').slice(0, 100);
  const yearHint = /(?:19|20)\d{2}/.exec(token ?? name)?.[0];
  const context = { year: yearHint ? Number(yearHint) : undefined };

  // Time zone: stated in the text, in a timeline header, in the front matter, or --timezone.
  const timeline = readTimelineRows(doc, context);
  const timelineText = sectionsOf(doc, 'timeline').flatMap((s) => s.nodes).map(plain).join('\n');
  let zone: Zone | undefined;
  const stated = statedZone(timelineText) ?? statedZone(doc.sections.flatMap((s) => s.nodes).filter((n) => n.type === 'paragraph').map(plain).join('\n'));
  const headerZone = timeline.headerZone ? readZone(timeline.headerZone) : undefined;
  const metaZone = typeof meta.timezone === 'string' ? readZone(meta.timezone) : undefined;
  if (stated) { zone = stated; report.guesses.push(`time zone ${stated.zone ?? stated.text} from '${stated.phrase ?? stated.text}'`); }
  else if (headerZone) { zone = headerZone; report.guesses.push(`time zone ${headerZone.zone} from the timeline header ("${timeline.headerZone}")`); }
  else if (metaZone) { zone = metaZone; used.add('timezone'); }
  else if (sameRowZone(timeline.rows)) { zone = sameRowZone(timeline.rows); report.guesses.push(`time zone ${zone!.zone} from the zones written on the rows`); }
  else if (options.timezone) { zone = readZone(options.timezone) ?? { zone: options.timezone, text: options.timezone }; report.guesses.push(`time zone ${options.timezone} from --timezone`); }

  // Timeline and the dates it gives.
  const fallback = (() => {
    const found = proseDate(doc, context);
    return found && { date: found.date, from: `"${found.text}" in the text` };
  })();
  const resolved: Resolved = resolveRows(timeline.rows, zone, fallback);
  report.guesses.push(...resolved.guesses);
  report.keptAsText.push(...resolved.keptAsText);

  let started = resolved.started;
  let detected = resolved.detected;
  let resolvedAt = resolved.resolved;
  for (const [key, set] of [['started', (v: string) => (started = v)], ['date', (v: string) => (started ??= v)], ['detected', (v: string) => (detected = v)], ['resolved', (v: string) => (resolvedAt = v)]] as const) {
    const value = meta[key] instanceof Date ? (meta[key] as Date).toISOString() : meta[key];
    if (typeof value === 'string' && (/^\d{4}-\d{2}-\d{2}$/.test(value) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value))) {
      set(value);
      used.add(key);
    }
  }
  if (!started && fallback) {
    started = fallback.date;
    report.guesses.push(`start date ${fallback.date} from ${fallback.from} (no timeline)`);
  }
  if (!started) {
    report.unknown.push('started');
    return { ok: false, reason: 'no start date: the file has no timeline and no date it could read', title, report };
  }

  // Figures stated as "Label: value".
  const labels = labelledLines(doc);
  let severity: string | undefined = typeof meta.severity === 'string' ? readSeverity(meta.severity) : undefined;
  if (severity) used.add('severity');
  const services: string[] = [];
  const impact: Record<string, unknown> = { usersAffected: 'unknown', revenueLost: 'unknown', slaBreached: 'unknown' };
  for (const { label, value, line } of labels) {
    if (!severity && SEVERITY_LABEL.test(label)) {
      severity = readSeverity(value);
      if (severity) report.guesses.push(`severity ${severity} from "${label}: ${value}" (line ${line})`);
    } else if (SERVICE_LABEL.test(label) && !services.length) {
      services.push(...value.split(/\s*(?:,|;|\/|\band\b)\s*/).map((s) => slug(s.replace(/[`*_]/g, ''))).filter((s) => s && s !== 'postmortem'));
    } else if (USERS_LABEL.test(label) && impact.usersAffected === 'unknown') {
      const n = readCount(value);
      if (n !== undefined) impact.usersAffected = n;
      else report.notes.push(`users affected "${value}" is not an exact number; left unknown`);
    } else if (REVENUE_LABEL.test(label) && impact.revenueLost === 'unknown') {
      const n = readCount(value);
      if (n !== undefined) impact.revenueLost = n;
      else report.notes.push(`revenue "${value}" is not an exact number; left unknown`);
    } else if (SLA_LABEL.test(label)) {
      if (/^(yes|true|breached|violated|missed)\b/i.test(value)) impact.slaBreached = true;
      else if (/^(no|false|not breached|met|none)\b/i.test(value)) impact.slaBreached = false;
    } else if (DETECT_FIGURE.test(label) || RESOLVE_FIGURE.test(label) || DURATION_FIGURE.test(label)) {
      const minutes = readDuration(value);
      if (minutes === undefined) continue;
      report.mapped.push(`figure "${label}: ${value}" (${minutes} min; kept in the body)`);
      if (DETECT_FIGURE.test(label) && !detected) {
        detected = plusMinutes(started, minutes);
        if (detected) report.guesses.push(`detected = started + ${minutes} min, from "${label}: ${value}"`);
      }
      if (DURATION_FIGURE.test(label) && !resolvedAt) {
        resolvedAt = plusMinutes(started, minutes);
        if (resolvedAt) report.guesses.push(`resolved = started + ${minutes} min, from "${label}: ${value}"`);
      }
    }
  }
  const impactText = readText(doc, 'impact');
  if (impactText) impact.summary = impactText;

  const detectionText = readText(doc, 'detection') ?? labels.find((l) => /^(detection|detected by|how (was it )?detected|detection method)$/i.test(l.label))?.value;
  const method = detectionText ? detectionMethod(detectionText) : undefined;

  const whys = readWhys(doc);
  const rootCauseText = readText(doc, 'rootCause');
  const categoryLabel = labels.find((l) => /^(root cause category|cause category|category)$/i.test(l.label));
  const category = categoryLabel ? factorKey(categoryLabel.value) : undefined;
  const factors = readFactors(doc);
  const wentWell = readItems(doc, 'wentWell');
  const actions: Action[] = readActions(doc, context, report.notes);

  // The frontmatter, in the order of docs/format.md.
  const data: Record<string, unknown> = { title: shortTitle(title), id, status: 'published', visibility: 'internal', imported: { from: options.from, on: options.today } };
  if (severity) data.severity = severity;
  if (services.length) data.services = services;
  if (resolved.timezone && (resolved.entries.length || started.includes('T'))) data.timezone = resolved.timezone;
  data.started = started;
  data.detected = detected ?? 'unknown';
  data.resolved = resolvedAt ?? 'unknown';
  if (method) data.detection = { method };
  data.impact = impact;
  if (resolved.entries.length) data.timeline = resolved.entries;
  if (whys.length >= 3 && whys.length <= 7) data.whys = whys;
  else if (whys.length) report.notes.push(`${whys.length} whys (the format takes 3 to 7); kept in the body only`);
  data.rootCause = { category: category ?? 'unknown', summary: rootCauseText ?? 'unknown' };
  if (Object.keys(factors).length) data.factors = factors;
  if (wentWell.length) data.wentWell = wentWell;
  if (actions.length) data.actions = actions;

  // Report: what was read and what is unknown.
  report.mapped.push(`started ${started}`);
  if (resolved.entries.length) report.mapped.push(`timeline: ${resolved.entries.length} rows`);
  if (actions.length) report.mapped.push(`actions: ${actions.length}`);
  for (const [key, value] of [['whys', data.whys], ['factors', data.factors], ['wentWell', data.wentWell], ['severity', severity], ['services', services.length ? services : undefined], ['detection.method', method], ['rootCause.summary', rootCauseText], ['impact.summary', impactText]] as const)
    if (value !== undefined) report.mapped.push(key);
  for (const [key, value] of Object.entries({ detected, resolved: resolvedAt, severity, timezone: data.timezone, 'detection.method': method, 'rootCause.summary': rootCauseText, 'rootCause.category': category, 'impact.usersAffected': impact.usersAffected === 'unknown' ? undefined : 1, 'impact.revenueLost': impact.revenueLost === 'unknown' ? undefined : 1, 'impact.slaBreached': impact.slaBreached === 'unknown' ? undefined : 1 }))
    if (value === undefined) report.unknown.push(key);
  const ownerless = actions.filter((a) => !a.owner).length;
  if (ownerless) report.unknown.push(`owner of ${ownerless} of ${actions.length} actions`);
  const undated = actions.filter((a) => !a.deadline).length;
  if (undated) report.unknown.push(`deadline of ${undated} of ${actions.length} actions`);
  if (!FACTORS.every((f) => f in factors)) report.unknown.push(Object.keys(factors).length ? 'some factor scores' : 'factor scores');

  // The body: the source without the title heading, raw HTML made safe, front matter it did not map as a list.
  const start = titleNode?.position ? titleNode.position.end.offset : doc.frontmatter?.node.position?.end.offset ?? 0;
  const titleAt = titleNode?.position?.start.offset ?? start;
  let body = escapeHtml(doc, { start: doc.frontmatter?.node.position?.end.offset ?? 0, end: titleAt }) + escapeHtml(doc, { start, end: doc.source.length });
  body = body.replace(/^\s*\n/, '').replace(/^---\s*$/m, (line) => line);
  const leftovers = Object.entries(meta).filter(([key]) => !used.has(key));
  if (leftovers.length) body = `${leftovers.map(([key, value]) => `- **${key}:** ${typeof value === 'string' ? value : JSON.stringify(value)}`).join('\n')}\n\n${body}`;
  if (title.length > 140) body = `${title}\n\n${body}`;
  // Timeline times are quoted (docs/format.md: YAML 1.1 tools read 23:52 as a number).
  const yaml = stringify(data, { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' }).replace(/^(\s*- at: )(~?\d{2}:\d{2})$/gm, '$1"$2"');
  const text = `---\n${yaml}---\n\n${body.trimEnd()}\n`;
  if (!resolved.entries.length) report.unknown.push('timeline');
  return { ok: true, id, year: started.slice(0, 4), title, text, data, report };
}

export { clip, readWhen };
