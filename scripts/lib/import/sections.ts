// The sections of a Markdown post-mortem, recognised by their headings: any level, any case, the
// usual synonyms, and one or two letters off ("Atendees", "Lesons learned").
import { markdownToMdast } from 'satteri';

export interface MdNode {
  type: string;
  value?: string;
  url?: string;
  depth?: number;
  ordered?: boolean;
  checked?: boolean | null;
  children?: MdNode[];
  position?: { start: { offset: number; line: number }; end: { offset: number; line: number } };
}

export type SectionKind =
  | 'summary' | 'impact' | 'detection' | 'rootCause' | 'resolution' | 'lessons' | 'wentWell' | 'wentWrong' | 'lucky'
  | 'factors' | 'whys' | 'actions' | 'prevention' | 'attendees' | 'timeline' | 'stats' | 'other';

/** Heading words per kind; a heading is matched as a whole after normalising (see `normalise`). */
const HEADINGS: [SectionKind, string[]][] = [
  ['whys', ['5 whys', 'five whys', '5 why', 'whys', 'why analysis', '5 whys analysis', 'five whys analysis', 'root cause analysis 5 whys']],
  ['timeline', ['timeline', 'time line', 'incident timeline', 'timeline of events', 'chronology', 'sequence of events', 'events', 'detailed timeline', 'log', 'incident log']],
  ['summary', ['summary', 'incident summary', 'executive summary', 'overview', 'description', 'what happened', 'background', 'incident description', 'tl dr', 'tldr', 'synopsis', 'abstract', 'context', 'issue summary', 'problem', 'problem description', 'incident overview']],
  ['impact', ['impact', 'customer impact', 'business impact', 'user impact', 'impact assessment', 'blast radius', 'who was affected', 'effect']],
  ['detection', ['detection', 'how was it detected', 'how it was detected', 'discovery', 'how we found out', 'alerting']],
  ['rootCause', ['root cause', 'root causes', 'root cause s', 'cause', 'causes', 'trigger', 'triggers', 'root cause analysis', 'rca', 'why it happened', 'technical cause', 'underlying cause', 'root cause and trigger', 'trigger and root cause']],
  ['resolution', ['resolution', 'recovery', 'mitigation', 'resolution and recovery', 'remediation steps', 'fix', 'the fix', 'how it was fixed', 'response', 'resolution steps', 'workaround', 'mitigation and resolution']],
  ['wentWell', ['what went well', 'went well', 'things that went well', 'what worked', 'what worked well', 'positives']],
  ['wentWrong', ['what went wrong', 'went wrong', 'what did not go well', 'what didn t go well', 'things that went wrong', 'what could have gone better', 'what could be improved', 'negatives']],
  ['lucky', ['where we got lucky', 'where we were lucky', 'lucky', 'what was lucky']],
  ['lessons', ['lessons learned', 'lessons learnt', 'lessons', 'learnings', 'key learnings', 'takeaways', 'key takeaways', 'retrospective', 'reflections']],
  ['factors', ['contributing factors', 'contributing factor', 'contributing causes', 'factors', 'contributors', 'contributing factors findings']],
  ['actions', ['action items', 'action item', 'actions', 'follow ups', 'follow up', 'followups', 'follow up actions', 'follow up items', 'remediation', 'remediations', 'remediation items', 'next steps', 'corrective actions', 'preventive actions', 'preventative actions', 'todo', 'to do', 'tasks', 'action plan', 'improvements', 'action items and follow ups']],
  ['prevention', ['recurrence prevention', 'prevention', 'preventing recurrence', 'how we prevent recurrence', 'how to prevent this', 'prevent recurrence', 'avoiding recurrence']],
  ['attendees', ['attendees', 'participants', 'people involved', 'responders', 'present', 'authors', 'author', 'owners', 'incident team']],
  ['stats', ['stats', 'statistics', 'metrics', 'key metrics', 'facts', 'figures', 'incident details', 'details', 'metadata', 'key facts', 'incident metrics', 'numbers']],
];

/** Lower case, no Markdown, no numbering ("2.", "III."), no trailing colon or "(findings)". */
export function normalise(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/^\s*(?:\d+(?:\.\d+)*\.?|[ivx]+\.)\s+/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}

const EXACT = new Map<string, SectionKind>();
for (const [kind, words] of HEADINGS) for (const word of words) if (!EXACT.has(word)) EXACT.set(word, kind);

/** The kind of a section from its heading text. */
export function classifyHeading(heading: string): SectionKind {
  const text = normalise(heading);
  if (!text) return 'other';
  const exact = EXACT.get(text) ?? EXACT.get(text.replace(/ \w+$/, '')) ?? EXACT.get(text.replace(/^(?:the|our|incident|outage) /, ''));
  if (exact) return exact;
  // "Contributing Factors (findings)", "Timeline (UTC)", "Action items / follow-ups"
  for (const [kind, words] of HEADINGS) for (const word of words) if (word.length >= 5 && (text.startsWith(`${word} `) || text.endsWith(` ${word}`))) return kind;
  // Misspellings: one letter off in a short word, two in a longer one.
  for (const [kind, words] of HEADINGS) for (const word of words) if (word.length >= 6 && distance(text, word) <= (word.length >= 10 ? 2 : 1)) return kind;
  return 'other';
}

export interface Section {
  kind: SectionKind;
  heading?: MdNode;
  /** The heading's text, as read. */
  title: string;
  depth: number;
  /** The block nodes under the heading, up to the next heading of the same or a higher level. */
  nodes: MdNode[];
}

export interface Document {
  source: string;
  root: MdNode;
  frontmatter?: { text: string; node: MdNode };
  sections: Section[];
}

/** The plain text of a node: inline Markdown gone, `<br>` as a line break. */
export function plain(node: MdNode | undefined): string {
  if (!node) return '';
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  if (node.type === 'html') return /^<br\s*\/?>$/i.test(node.value ?? '') ? '\n' : '';
  if (node.type === 'break') return '\n';
  if (!node.children) return node.value ?? '';
  const separator = ['list', 'root', 'listItem', 'blockquote', 'table', 'tableRow'].includes(node.type) ? '\n' : '';
  return node.children.map(plain).join(separator);
}

/** The source text of a node. */
export function sourceOf(doc: Document, node: MdNode): string {
  return node.position ? doc.source.slice(node.position.start.offset, node.position.end.offset) : plain(node);
}

/** Parses a file and splits it into sections. A heading's section holds its sub-sections' nodes too. */
export function parse(source: string): Document {
  const root = markdownToMdast(source) as unknown as MdNode;
  const children = root.children ?? [];
  const doc: Document = { source, root, sections: [] };
  const first = children[0];
  if (first && (first.type === 'yaml' || first.type === 'toml')) doc.frontmatter = { text: first.value ?? '', node: first };
  const blocks = children.filter((node) => node.type !== 'yaml' && node.type !== 'toml');
  const open: Section[] = [{ kind: 'other', title: '', depth: 0, nodes: [] }];
  doc.sections.push(open[0]);
  for (const node of blocks) {
    if (node.type === 'heading') {
      const depth = node.depth ?? 1;
      while (open.length > 1 && open[open.length - 1].depth >= depth) open.pop();
      // The enclosing sections keep their sub-headings ("### 10 December 2021" dates a timeline).
      for (const section of open) section.nodes.push(node);
      const title = plain(node).trim();
      const section: Section = { kind: classifyHeading(title), heading: node, title, depth, nodes: [] };
      doc.sections.push(section);
      open.push(section);
      continue;
    }
    for (const section of open) section.nodes.push(node);
  }
  return doc;
}

/**
 * The sections of a kind. A sub-section of one that is already of that kind is not counted again
 * (a "### General" under "## Lessons Learned" is part of the lessons).
 */
export function sectionsOf(doc: Document, kind: SectionKind): Section[] {
  return doc.sections.filter((section) => section.kind === kind);
}

/** Every node of a type under a list of nodes, depth first. */
export function findAll(nodes: readonly MdNode[], type: string, into: MdNode[] = []): MdNode[] {
  for (const node of nodes) {
    if (node.type === type) into.push(node);
    if (node.children) findAll(node.children, type, into);
  }
  return into;
}
