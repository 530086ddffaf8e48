import { htmlToHast, markdownToMdast, mdxToJs, mdxToMdast } from 'satteri';
import type { Root, Nodes } from 'mdast';
import { findUnsafe, nestingProblem, type NarrativeFinding } from '../domain/narrative.ts';

// MDX with GFM, parsed by Sätteri, the compiler @astrojs/mdx itself uses: the same syntax, the
// same mdast with positions (offsets in UTF-16 code units, as in JavaScript strings), and about
// twenty times faster than remark + remark-mdx + remark-gfm, which gave the same prose for all
// 11,026 post-mortems it was compared on (docs/performance.md). The body is parsed on its own;
// a file without a frontmatter block is parsed whole.

/** A run of prose with its offset in the file; code, URLs and JSX are blanked out (same length). */
export interface Prose {
  text: string;
  offset: number;
}

export type BodyParse =
  | { prose: Prose[]; /** What the narrative holds that the allow-list refuses (docs/safety.md); file offsets. */ unsafe: NarrativeFinding[] }
  | {
      error: { offset: number; message: string; rule: 'mdx-syntax' | 'narrative-size' };
      /** The syntax errors after the first, found by reading on past each one. */
      more?: { offset: number; message: string }[];
    };

/** How many MDX syntax errors of one file are reported at most. */
const MAX_SYNTAX_ERRORS = 20;

/** Containers whose children are phrasing content: the places prose lives. */
const PROSE_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
/** Inline nodes that are not prose: blanked out entirely. */
const NOT_PROSE = new Set(['inlineCode', 'mdxTextExpression', 'mdxJsxTextElement', 'image', 'imageReference', 'html', 'footnoteReference']);
/** Inline nodes whose markup is not prose but whose children are: `**`, `~~`, `[`…`](url)`. */
const MARKUP = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference']);

/**
 * Parses an MDX file's body (MDX and GFM) into a syntax tree with positions and returns its prose,
 * or the MDX syntax error that would otherwise stop the build. Offsets are offsets in `text`;
 * `bodyOffset` is where the body starts (0 parses the whole file, frontmatter included).
 */
export function readProse(text: string, bodyOffset = 0, { allowCode = false, markdown = false } = {}): BodyParse {
  const body = bodyOffset ? text.slice(bodyOffset) : text;
  // Too deep a narrative crashes the parser itself: it is measured before it is parsed.
  const limit = nestingProblem(body);
  if (limit) return { error: { offset: bodyOffset + limit.offset, message: limit.message, rule: 'narrative-size' } };
  // A .md post-mortem is CommonMark and GFM: no JSX and no expressions, and its raw HTML is read
  // as HTML against the same allow-list (docs/safety.md).
  if (markdown) {
    const tree = markdownToMdast(body);
    return proseOf(tree as unknown as Root, body, bodyOffset, findUnsafe(tree, { parseHtml: (html) => htmlToHast(html, { fragment: true }) }));
  }
  let tree: Root;
  try {
    tree = mdxToMdast(body) as unknown as Root;
    // Sätteri reads `import`/`export` lines only when it compiles them.
    if (tree.children.some((node) => node.type === 'mdxjsEsm')) mdxToJs(body);
  } catch (error) {
    const lines = bodyOffset ? countLines(text, bodyOffset) : 0;
    const errors = [syntaxError((error as Error).message, body, lines, bodyOffset)];
    // The parser stops at the first error: blank the line that holds it (same length, so offsets
    // stay true) and read on, so one run reports every error it can get past.
    let rest = body;
    while (errors.length < MAX_SYNTAX_ERRORS) {
      const at = errors[errors.length - 1].offset - bodyOffset;
      const start = rest.lastIndexOf('\n', at - 1) + 1;
      const end = rest.indexOf('\n', at) === -1 ? rest.length : rest.indexOf('\n', at);
      rest = rest.slice(0, start) + ' '.repeat(end - start) + rest.slice(end);
      try {
        mdxToMdast(rest);
        break;
      } catch (next) {
        const found = syntaxError((next as Error).message, rest, lines, bodyOffset);
        if (found.offset <= errors[errors.length - 1].offset) break;
        errors.push(found);
      }
    }
    return { error: { ...errors[0], rule: 'mdx-syntax' }, more: errors.slice(1) };
  }
  return proseOf(tree, body, bodyOffset, findUnsafe(tree, { allowCode }));
}

/** The prose of a parsed body, with the allow-list's findings moved to file offsets. */
function proseOf(tree: Root, body: string, bodyOffset: number, findings: NarrativeFinding[]): BodyParse {
  const unsafe = findings.map((finding) => ({ ...finding, offset: bodyOffset + finding.offset }));
  const prose: Prose[] = [];
  const visit = (node: Nodes) => {
    if (PROSE_BLOCKS.has(node.type) && node.position) {
      const [start, end] = [node.position.start.offset!, node.position.end.offset!];
      const hidden: Range[] = [];
      // A table cell's position takes in its pipes: `| 09:12 |` reads "  09:12  ".
      if (node.type === 'tableCell') blankAround(node, hidden);
      blank(node, body, hidden);
      prose.push({ text: blanked(body, start, end, hidden), offset: bodyOffset + start });
      return;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(tree);
  return { prose, unsafe };
}

/**
 * "3:5: Unexpected character after `<`, … (3:5) (mdx-jsx:unexpected-character)" as a place in the
 * file and a message. The parser counts lines of the body; its message names them too, so they
 * are shifted by the frontmatter's lines. The rule code at the end and the name of the JavaScript
 * parser ("Could not parse expression with oxc:") are for the parser's authors.
 */
function syntaxError(raw: string, body: string, lines: number, bodyOffset: number): { offset: number; message: string } {
  const place = /^(\d+):(\d+): /.exec(raw);
  const message = raw
    .split('\n')[0]
    .slice(place ? place[0].length : 0)
    .replace(/ \([a-z-]+:[a-z-]+\)$/, '')
    .replace(/^(Could not parse \w+) with oxc:/, '$1:')
    .replace(/\((\d+):(\d+)\)/g, (_, line, column) => `(${Number(line) + lines}:${column})`);
  return { offset: bodyOffset + (place ? offsetOf(body, Number(place[1]), Number(place[2])) : 0), message };
}

function countLines(text: string, end: number): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** A stretch of the body [from, to) that is not prose. */
type Range = [number, number];

/**
 * Finds what is not prose inside a prose block: code, JSX, expressions, bare URLs, and the markup
 * around emphasis and links (`**Tom** forgot` reads "  Tom   forgot").
 */
function blank(node: Nodes, body: string, hidden: Range[]): void {
  if (!('children' in node)) return;
  for (const child of node.children as Nodes[]) {
    const start = child.position?.start.offset;
    const end = child.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    if (NOT_PROSE.has(child.type)) hidden.push([start, end]);
    else if (MARKUP.has(child.type) && 'children' in child) {
      // A bare URL (GFM autolink literal: https://…, www.…, an e-mail address) has no `[` of its own.
      if (child.type === 'link' && body[start] !== '[') hidden.push([start, end]);
      else {
        blankAround(child, hidden);
        blank(child, body, hidden);
      }
    } else blank(child, body, hidden);
  }
}

/** A node's own markup: what lies outside its children (all of it when it has none). */
function blankAround(node: Nodes, hidden: Range[]): void {
  const [start, end] = [node.position!.start.offset!, node.position!.end.offset!];
  const inner = 'children' in node ? (node.children as Nodes[]).filter((child) => child.position) : [];
  if (inner.length === 0) return void hidden.push([start, end]);
  hidden.push([start, inner[0].position!.start.offset!], [inner[inner.length - 1].position!.end.offset!, end]);
}

/** body[start, end) with the hidden stretches turned into spaces; line breaks and offsets stay. */
function blanked(body: string, start: number, end: number, hidden: Range[]): string {
  if (hidden.length === 0) return body.slice(start, end);
  hidden.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = start;
  for (const [from, to] of hidden) {
    const [a, b] = [Math.max(from, at), Math.min(to, end)];
    if (b <= a) continue;
    out += body.slice(at, a) + body.slice(a, b).replace(/[^\n]/g, ' ');
    at = b;
  }
  return out + body.slice(at, end);
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}
