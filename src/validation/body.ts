import { mdxToJs, mdxToMdast } from 'satteri';
import type { Root, Nodes } from 'mdast';

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

export type BodyParse = { prose: Prose[] } | { error: { offset: number; message: string } };

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
export function readProse(text: string, bodyOffset = 0): BodyParse {
  const body = bodyOffset ? text.slice(bodyOffset) : text;
  let tree: Root;
  try {
    tree = mdxToMdast(body) as unknown as Root;
    // Sätteri reads `import`/`export` lines only when it compiles them.
    if (tree.children.some((node) => node.type === 'mdxjsEsm')) mdxToJs(body);
  } catch (error) {
    return { error: syntaxError((error as Error).message, body, bodyOffset ? countLines(text, bodyOffset) : 0, bodyOffset) };
  }
  const prose: Prose[] = [];
  const visit = (node: Nodes) => {
    if (PROSE_BLOCKS.has(node.type) && node.position) {
      const start = node.position.start.offset!;
      const chars = body.slice(start, node.position.end.offset!).split('');
      // A table cell's position takes in its pipes: `| 09:12 |` reads "  09:12  ".
      if (node.type === 'tableCell') blankAround(node, chars, start);
      blank(node, chars, start);
      prose.push({ text: chars.join(''), offset: bodyOffset + start });
      return;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(tree);
  return { prose };
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

/**
 * Blanks what is not prose inside a prose block, keeping every offset: code, JSX, expressions,
 * bare URLs, and the markup around emphasis and links (`**Tom** forgot` reads "  Tom   forgot").
 */
function blank(node: Nodes, chars: string[], base: number): void {
  if (!('children' in node)) return;
  for (const child of node.children as Nodes[]) {
    const start = child.position?.start.offset;
    const end = child.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    if (NOT_PROSE.has(child.type)) fill(chars, start - base, end - base);
    else if (MARKUP.has(child.type) && 'children' in child) {
      // A bare URL (GFM autolink literal: https://…, www.…, an e-mail address) has no `[` of its own.
      if (child.type === 'link' && chars[start - base] !== '[') fill(chars, start - base, end - base);
      else {
        blankAround(child, chars, base);
        blank(child, chars, base);
      }
    } else blank(child, chars, base);
  }
}

/** Blanks a node's own markup: what lies outside its children (all of it when it has none). */
function blankAround(node: Nodes, chars: string[], base: number): void {
  const [start, end] = [node.position!.start.offset!, node.position!.end.offset!];
  const inner = 'children' in node ? (node.children as Nodes[]).filter((child) => child.position) : [];
  if (inner.length === 0) return fill(chars, start - base, end - base);
  fill(chars, start - base, inner[0].position!.start.offset! - base);
  fill(chars, inner[inner.length - 1].position!.end.offset! - base, end - base);
}

function fill(chars: string[], from: number, to: number): void {
  for (let i = Math.max(0, from); i < Math.min(chars.length, to); i++) if (chars[i] !== '\n') chars[i] = ' ';
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}
