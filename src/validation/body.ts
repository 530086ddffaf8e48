import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkGfm from 'remark-gfm';
import type { Root, Nodes } from 'mdast';

// MDX with GFM, as @astrojs/mdx compiles it. The body is parsed on its own (Astro too compiles it
// with the frontmatter blanked out), which saves tokenizing the frontmatter: about a quarter of the
// parse time of a typical post-mortem. A file without a frontmatter block is parsed whole.
const bodyParser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm);
const fileParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkMdx).use(remarkGfm);

/**
 * GFM's autolink literals (bare `https://…`, `www.…`, `someone@example.com`) are tried at every
 * letter and digit of the text, which makes them a third of the parse. A body with no `://`,
 * `www.` or `@` outside the destinations of `[text](url)` links cannot hold one, and parses to the
 * same tree without them: most post-mortems write their links that way.
 */
const AUTOLINK_LITERALS = new Set(['wwwAutolink', 'protocolAutolink', 'emailAutolink']);
const bodyParserWithoutAutolinks = unified()
  .use(remarkParse)
  .use(remarkMdx)
  .use(remarkGfm)
  .use(function dropAutolinkLiterals() {
    const data = this.data();
    data.micromarkExtensions = (data.micromarkExtensions ?? []).map((extension) => withoutConstructs(extension as Extension, AUTOLINK_LITERALS) as typeof extension);
  });
const INLINE_LINK_DESTINATION = /(?<!\\)\[[^\]\n]*\]\([^()\s]*\)/g;
const AUTOLINK_TRIGGER = /:\/\/|www\.|@/i;

/** Whether a body could hold a GFM autolink literal (conservatively: yes when unsure). */
export function mayHoldAutolinkLiteral(body: string): boolean {
  return AUTOLINK_TRIGGER.test(body.replace(INLINE_LINK_DESTINATION, ''));
}

/** The part of a micromark extension this needs: text constructs by character code. */
interface Extension {
  text?: Record<number, { name?: string } | { name?: string }[] | undefined>;
}

/** A micromark extension without the text constructs of some names (others left as they are). */
function withoutConstructs(extension: Extension, names: ReadonlySet<string>): Extension {
  if (!extension.text) return extension;
  const text: NonNullable<Extension['text']> = {};
  for (const [code, value] of Object.entries(extension.text)) {
    const kept = (Array.isArray(value) ? value : value ? [value] : []).filter((construct) => !construct.name || !names.has(construct.name));
    if (kept.length) text[Number(code)] = kept;
  }
  return { ...extension, text };
}

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
    const parser = !bodyOffset ? fileParser : mayHoldAutolinkLiteral(body) ? bodyParser : bodyParserWithoutAutolinks;
    tree = parser.parse(body);
  } catch (error) {
    // Parser positions are body lines, and so are the "(2:1-2:10)" in its messages: shift them by
    // the frontmatter's lines. (Padding the body with empty lines instead costs a tenth of the parse.)
    const lines = bodyOffset ? countLines(text, bodyOffset) : 0;
    const message = (error as Error).message
      .split('\n')[0]
      .replace(/\((\d+):(\d+)-(\d+):(\d+)\)/g, (_, l1, c1, l2, c2) => `(${Number(l1) + lines}:${c1}-${Number(l2) + lines}:${c2})`);
    return { error: { offset: bodyOffset + errorOffset(error, body), message } };
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

/** Where a parse error is in `body`: its place (a point or a position), or the place its message names. */
function errorOffset(error: unknown, body: string): number {
  type Point = { offset?: number; line?: number; column?: number };
  const place = (error as { place?: Point | { start: Point } }).place;
  const point = place && 'start' in place ? place.start : place;
  if (point?.offset !== undefined) return point.offset;
  if (point?.line) return offsetOf(body, point.line, point.column ?? 1);
  // "Expected a closing tag for `<Callout>` (2:1-2:10)" is raised at the end, without a place.
  const named = /\((\d+):(\d+)-\d+:\d+\)/.exec((error as Error).message);
  return named ? offsetOf(body, Number(named[1]), Number(named[2])) : 0;
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
