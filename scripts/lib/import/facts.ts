// The facts a post-mortem states outside its timeline: action items, 5 Whys, scored factors, what
// went well, root cause, impact, severity, services and figures. Only what is written; never a
// made-up owner, deadline, score or severity.
import { type Document, type MdNode, type SectionKind, findAll, plain, sectionsOf } from './sections.ts';
import { type ReadContext, firstProseDate, readDuration } from './when.ts';

export interface Action {
  title: string;
  owner?: string;
  deadline?: string;
  priority?: 'P0' | 'P1' | 'P2';
  status?: 'open' | 'in-progress' | 'done' | 'wont-do';
  completed?: string;
  ticket?: string;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const nodesOf = (doc: Document, kind: SectionKind): MdNode[] => sectionsOf(doc, kind).flatMap((s) => s.nodes);
/** The top-level items of the lists among some nodes (not nested items). */
function topItems(nodes: readonly MdNode[]): MdNode[] {
  return nodes.filter((n) => n.type === 'list').flatMap((list) => list.children ?? []);
}
const EMPTY = /^\s*(?:-|–|—|\?+|n\/?a|none|tbd|tba|unknown|unassigned|nobody|x{2,}|y{2,}|z{2,})?\s*$/i;

const STATUS: [RegExp, Action['status']][] = [
  [/^(done|complete[d]?|closed|fixed|resolved|finished|shipped|merged|implemented|yes|x|✅|✔️?|☑️?)$/i, 'done'],
  [/^(in[ -]?progress|wip|ongoing|started|doing|active|in review|underway)$/i, 'in-progress'],
  [/^(open|to ?do|not started|planned|pending|backlog|new|no|proposed|scheduled|☐)$/i, 'open'],
  [/^(won'?t ?(do|fix)|wontfix|cancell?ed|rejected|dropped|abandoned|declined|obsolete)$/i, 'wont-do'],
];

export function readStatus(text: string): Action['status'] {
  const word = oneLine(text).replace(/[*_`.]/g, '');
  return STATUS.find(([re]) => re.test(word))?.[1];
}

export function readPriority(text: string): Action['priority'] {
  const match = /\bP([0-2])\b|^\s*(critical|urgent|highest)\s*$|^\s*(high)\s*$|^\s*(medium|normal)\s*$/i.exec(text);
  if (!match) return undefined;
  if (match[1]) return `P${match[1]}` as Action['priority'];
  return undefined;
}

function readDate(text: string, context: ReadContext): string | undefined {
  const found = firstProseDate(text, context);
  return found && !found.guess ? found.date : undefined;
}

function urlOf(node: MdNode | undefined, text: string): string | undefined {
  const link = node ? findAll([node], 'link')[0]?.url : undefined;
  const url = link ?? /https?:\/\/[^\s<>)\]]+/.exec(text)?.[0];
  return url && /^https?:\/\//.test(url) ? url : undefined;
}

const ACTION_COLUMNS: [keyof Action | 'skip', RegExp][] = [
  ['owner', /\b(owner|owners|assignee|assigned|responsible|who|team|dri)\b/i],
  ['deadline', /\b(deadline|due|target|eta|by when|when|date)\b/i],
  ['priority', /\b(priority|prio|severity|importance)\b/i],
  ['status', /\b(status|state|done|progress)\b/i],
  ['ticket', /\b(ticket|issue|jira|link|tracking|tracker|reference|ref|pr)\b/i],
  ['title', /\b(action|actions|item|title|task|description|what|follow.?up|remediation|summary|name|todo)\b/i],
];

/** Actions from a table: the columns that are present, nothing else. */
function tableActions(table: MdNode, context: ReadContext, notes: string[]): Action[] {
  const rows = table.children ?? [];
  const header = (rows[0]?.children ?? []).map((cell) => plain(cell).trim());
  const roles = header.map((text) => ACTION_COLUMNS.find(([, re]) => re.test(text))?.[0]);
  let titleColumn = roles.indexOf('title');
  if (titleColumn < 0) titleColumn = roles.findIndex((role) => role === undefined);
  if (titleColumn < 0) titleColumn = 0;
  roles[titleColumn] = 'title';
  const actions: Action[] = [];
  for (const row of rows.slice(1)) {
    const cellNodes = row.children ?? [];
    const values = cellNodes.map((cell) => oneLine(plain(cell)));
    const title = values[titleColumn];
    if (!title || EMPTY.test(title)) continue;
    const action: Action = { title };
    roles.forEach((role, i) => {
      const value = values[i] ?? '';
      if (!role || role === 'title' || role === 'skip' || EMPTY.test(value)) return;
      if (role === 'owner') action.owner = value;
      else if (role === 'deadline') {
        const date = readDate(value, context);
        if (date) action.deadline = date;
        else notes.push(`action "${title}": deadline "${value}" is not a date; left out`);
      } else if (role === 'priority') {
        const priority = readPriority(value);
        if (priority) action.priority = priority;
        else notes.push(`action "${title}": priority "${value}" is not P0, P1 or P2; left out`);
      } else if (role === 'status') {
        const status = readStatus(value);
        if (status) action.status = status;
        else notes.push(`action "${title}": status "${value}" not recognised; left out`);
      } else if (role === 'ticket') {
        const url = urlOf(cellNodes[i], value);
        if (url) action.ticket = url;
        else notes.push(`action "${title}": ticket "${value}" has no link; left out`);
      }
    });
    actions.push(action);
  }
  return actions;
}

/** An action from a list item: "- [x] **Title**: details (owner: @x, due 2021-12-20, P1, JIRA link)". */
function itemAction(item: MdNode, context: ReadContext): Action | undefined {
  const first = item.children?.[0];
  if (!first || first.type !== 'paragraph') return undefined;
  const text = oneLine(plain(first));
  if (!text || EMPTY.test(text)) return undefined;
  const lead = first.children?.[0];
  let title = text;
  // "**Title**: explanation": the bold words are the title, the rest stays in the body.
  if (lead && lead.type === 'strong') {
    const strong = oneLine(plain(lead)).replace(/:$/, '');
    if (strong.length >= 8 && /^\s*:?/.test(text.slice(plain(lead).length))) title = strong;
  }
  const action: Action = { title: title.replace(/^(?:\[[ xX]\]\s*)/, '') };
  if (item.checked === true) action.status = 'done';
  else if (item.checked === false) action.status = 'open';
  const done = /[(\[]\s*(done|completed?|fixed|closed)\s*[)\]]\s*\.?$|^(done|completed?)\s*[:\-–]\s|✅/i.exec(text);
  if (done) action.status = 'done';
  if (/[(\[]\s*(in progress|wip|ongoing)\s*[)\]]\s*\.?$/i.test(text)) action.status = 'in-progress';
  const owner = /\b(?:owner|assignee|assigned to|owned by|responsible)\s*[:=]\s*(@?[\w.-]+(?:\s+[A-Z][\w.-]*)?)/i.exec(text) ?? /\b(?:assigned to|owned by)\s+(@?[\w.-]+)/i.exec(text) ?? /(?:^|\s|\()@([\w.-]+)/.exec(text);
  if (owner) action.owner = owner[1].replace(/^@/, '');
  const deadline = /\b(?:due|deadline|by|before|target)\s*[:=]?\s*((?:\d{4}-\d{2}-\d{2})|(?:\d{1,2}\s+[A-Za-z]+\s+\d{4})|(?:[A-Za-z]+\s+\d{1,2},?\s+\d{4}))/i.exec(text);
  if (deadline) action.deadline = readDate(deadline[1], context);
  if (!action.deadline) delete action.deadline;
  const priority = /(?:^|[\s([,])(P[0-2])(?=$|[\s)\],.:])/.exec(text);
  if (priority) action.priority = priority[1] as Action['priority'];
  const ticketLink = findAll([first], 'link').map((l) => l.url ?? '').find((url) => /\/(browse|issues|pull|tickets?|jira|linear\.app|youtrack|work_?items?|_workitems)\b|\/[A-Z][A-Z0-9]+-\d+\b/i.test(url));
  if (ticketLink && /^https?:\/\//.test(ticketLink)) action.ticket = ticketLink;
  else {
    const bare = /https?:\/\/\S+?\/(?:browse|issues|pull|tickets?)\/[\w-]+/i.exec(text)?.[0];
    if (bare) action.ticket = bare;
  }
  return action;
}

/** Action items: top-level list items and table rows of every action section. */
export function readActions(doc: Document, context: ReadContext, notes: string[]): Action[] {
  const actions: Action[] = [];
  for (const section of sectionsOf(doc, 'actions')) {
    for (const node of section.nodes) {
      if (node.type === 'table') actions.push(...tableActions(node, context, notes));
      if (node.type === 'list') for (const item of node.children ?? []) {
        const action = itemAction(item, context);
        if (action) actions.push(action);
      }
    }
  }
  return actions;
}

/** The 5 Whys: the items of a "5 Whys" section, or of any numbered list whose items begin "Why". */
export function readWhys(doc: Document): string[] {
  const section = topItems(nodesOf(doc, 'whys')).map((item) => oneLine(plain(item)));
  if (section.length) return section.filter(Boolean);
  const lists = findAll(doc.root.children ?? [], 'list').filter((list) => {
    const items = list.children ?? [];
    return items.length >= 3 && items.filter((item) => /^\W*why\b/i.test(plain(item))).length >= 3;
  });
  return lists.length ? (lists[0].children ?? []).map((item) => oneLine(plain(item))) : [];
}

export const FACTORS = ['monitoring', 'testing', 'documentation', 'process', 'knowledge-concentration', 'capacity', 'third-party', 'communication', 'change-management', 'technical-debt'] as const;
export type Factor = (typeof FACTORS)[number];

export function factorKey(text: string): Factor | undefined {
  const key = oneLine(text).toLowerCase().replace(/[*_`]/g, '').replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '');
  const aliases: Record<string, Factor> = { 'knowledge': 'knowledge-concentration', 'third-parties': 'third-party', 'vendor': 'third-party', 'tech-debt': 'technical-debt', 'change': 'change-management', 'tests': 'testing', 'docs': 'documentation' };
  return (FACTORS as readonly string[]).includes(key) ? (key as Factor) : aliases[key];
}

/** Factor scores 0–3 stated in a table ("| Monitoring | 2 | notes |") or a list ("- Monitoring: 2 — notes"). */
export function readFactors(doc: Document): Partial<Record<Factor, number | { score: number; notes: string }>> {
  const out: Partial<Record<Factor, number | { score: number; notes: string }>> = {};
  const put = (name: string, score: string, notes: string) => {
    const key = factorKey(name);
    const value = /^\s*([0-3])(?:\s*\/\s*3)?\s*$/.exec(score);
    if (!key || !value || key in out) return;
    const clean = oneLine(notes).replace(/^[—–\-:,\s]+/, '');
    out[key] = clean ? { score: Number(value[1]), notes: clean } : Number(value[1]);
  };
  const nodes = nodesOf(doc, 'factors');
  for (const table of findAll(nodes, 'table')) {
    const rows = table.children ?? [];
    const header = (rows[0]?.children ?? []).map((c) => plain(c).toLowerCase());
    const scoreColumn = header.findIndex((h) => /score|rating|weight|0.?[-–]\s*3/.test(h));
    if (scoreColumn < 0) continue;
    for (const row of rows.slice(1)) {
      const values = (row.children ?? []).map((c) => plain(c));
      const nameColumn = scoreColumn === 0 ? 1 : 0;
      put(values[nameColumn] ?? '', values[scoreColumn] ?? '', values.filter((_, i) => i !== nameColumn && i !== scoreColumn).join(' '));
    }
  }
  for (const item of topItems(nodes)) {
    const text = oneLine(plain(item));
    const match = /^([A-Za-z][A-Za-z \-]+?)\s*(?::|—|–|-|\()\s*([0-3])(?:\s*\/\s*3)?\)?(?=$|[\s,.;:—–-])(.*)$/.exec(text);
    if (match) put(match[1], match[2], match[3]);
  }
  return out;
}

/** List items (or else paragraphs) of the sections of a kind, as one-line strings. */
export function readItems(doc: Document, kind: SectionKind): string[] {
  const nodes = nodesOf(doc, kind);
  const items = topItems(nodes).map((item) => oneLine(plain(item)));
  const list = items.length ? items : nodes.filter((n) => n.type === 'paragraph').map((n) => oneLine(plain(n)));
  return list.filter((text) => text && !EMPTY.test(text));
}

/** The text of the sections of a kind, paragraphs and items joined. */
export function readText(doc: Document, kind: SectionKind): string | undefined {
  const text = nodesOf(doc, kind)
    .filter((n) => n.type !== 'heading' && n.type !== 'table' && n.type !== 'code' && n.type !== 'html')
    .map((n) => oneLine(plain(n)))
    .filter(Boolean)
    .join(' ');
  return text && !EMPTY.test(text) ? text : undefined;
}

export interface Labelled {
  label: string;
  value: string;
  line: number;
}

/** "Key: value" lines anywhere (list items, paragraphs, table rows of two cells): stated figures. */
export function labelledLines(doc: Document): Labelled[] {
  const out: Labelled[] = [];
  const visit = (nodes: readonly MdNode[]) => {
    for (const node of nodes) {
      if (node.type === 'paragraph' || node.type === 'listItem') {
        const first = node.type === 'listItem' ? node.children?.[0] : node;
        const lines = plain(first).split('\n');
        lines.forEach((line, i) => {
          const match = /^\s*([A-Za-z][A-Za-z /()'-]{1,40}?)\s*[:=]\s*(.+)$/.exec(line);
          if (match) out.push({ label: match[1].trim(), value: match[2].trim(), line: (node.position?.start.line ?? 0) + i });
        });
      }
      if (node.type === 'tableRow' && (node.children ?? []).length === 2) {
        const [label, value] = (node.children ?? []).map((c) => oneLine(plain(c)));
        if (/^[A-Za-z][A-Za-z /()'-]{1,40}$/.test(label) && value) out.push({ label, value, line: node.position?.start.line ?? 0 });
      }
      if (node.children && node.type !== 'paragraph') visit(node.type === 'listItem' ? node.children.slice(1) : node.children);
    }
  };
  visit(doc.root.children ?? []);
  return out;
}

export const SEVERITY_LABEL = /^(severity|sev|incident severity|severity level|incident level|impact level|priority|incident priority)$/i;

/** "SEV1", "Sev 1", "P1", "critical" → the team's SEV-1/2/3 (0 and 1 → SEV-1; 3 and above → SEV-3). */
export function readSeverity(text: string): 'SEV-1' | 'SEV-2' | 'SEV-3' | undefined {
  const number = /^\W*(?:sev(?:erity)?|p|level|s)?\s*[-_ ]?\s*([0-5])\b/i.exec(text.trim());
  if (number) return `SEV-${Math.min(3, Math.max(1, Number(number[1])))}` as 'SEV-1';
  const word = text.trim().toLowerCase().replace(/[^a-z]/g, '');
  if (/^(critical|blocker|catastrophic|emergency)$/.test(word)) return 'SEV-1';
  if (/^(high|major|severe)$/.test(word)) return 'SEV-2';
  if (/^(medium|moderate|minor|low|trivial)$/.test(word)) return 'SEV-3';
  return undefined;
}

/** A whole count: "1,200", "~500" is not whole (undefined), "12k" → 12000. */
export function readCount(text: string): number | undefined {
  const match = /^\s*\$?\s*(\d{1,3}(?:[,  ]\d{3})+|\d+(?:\.\d+)?)\s*(k|m|thousand|million)?\b/i.exec(text);
  if (!match || /^\s*(~|about|approx|around|est)/i.test(text)) return undefined;
  const base = Number(match[1].replace(/[,  ]/g, ''));
  const factor = { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6 }[match[2]?.toLowerCase() ?? ''] ?? 1;
  return Number.isFinite(base) ? Math.round(base * factor) : undefined;
}

export { readDuration };
