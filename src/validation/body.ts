import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkGfm from 'remark-gfm';
import type { Root, Nodes } from 'mdast';

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkMdx).use(remarkGfm);

/** A run of prose with its offset in the file; code, URLs and JSX are blanked out (same length). */
export interface Prose {
  text: string;
  offset: number;
}

export type BodyParse = { prose: Prose[] } | { error: { offset: number; message: string } };

/** Containers whose children are phrasing content: the places prose lives. */
const PROSE_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
/** Inline nodes that are not prose: blanked out entirely. */
const NOT_PROSE = new Set(['inlineCode', 'mdxTextExpression', 'mdxJsxTextElement', 'image', 'imageReference', 'html']);

/**
 * Parses a whole MDX file (frontmatter, MDX and GFM) into a syntax tree with positions and
 * returns its prose, or the MDX syntax error that would otherwise stop the build.
 */
export function readProse(text: string): BodyParse {
  let tree: Root;
  try {
    tree = parser.parse(text);
  } catch (error) {
    const place = (error as { place?: { offset?: number; line?: number; column?: number } }).place;
    const offset = place?.offset ?? offsetOf(text, place?.line ?? 1, place?.column ?? 1);
    return { error: { offset, message: (error as Error).message.split('\n')[0] } };
  }
  const prose: Prose[] = [];
  const visit = (node: Nodes) => {
    if (PROSE_BLOCKS.has(node.type) && node.position) {
      const start = node.position.start.offset!;
      const chars = text.slice(start, node.position.end.offset!).split('');
      blank(node, chars, start);
      prose.push({ text: chars.join(''), offset: start });
      return;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(tree);
  return { prose };
}

/** Blanks code, JSX and the URL part of links inside a prose block, keeping every offset. */
function blank(node: Nodes, chars: string[], base: number): void {
  if (!('children' in node)) return;
  for (const child of node.children as Nodes[]) {
    const start = child.position?.start.offset;
    const end = child.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    if (NOT_PROSE.has(child.type)) fill(chars, start - base, end - base);
    else if (child.type === 'link') {
      // Keep the link text, blank the rest: `[text](url)` and bare URLs alike.
      const inner = child.children.map((c) => [c.position?.start.offset ?? end, c.position?.end.offset ?? end] as const);
      const textStart = inner.length ? Math.min(...inner.map(([s]) => s)) : end;
      const textEnd = inner.length ? Math.max(...inner.map(([, e]) => e)) : end;
      const bare = text(child) === child.url || text(child) === child.url.replace(/^mailto:/, '');
      if (bare) fill(chars, start - base, end - base);
      else {
        fill(chars, start - base, textStart - base);
        fill(chars, textEnd - base, end - base);
        blank(child, chars, base);
      }
    } else blank(child, chars, base);
  }
}

function text(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  return 'children' in node ? (node.children as Nodes[]).map(text).join('') : '';
}

function fill(chars: string[], from: number, to: number): void {
  for (let i = Math.max(0, from); i < Math.min(chars.length, to); i++) if (chars[i] !== '\n') chars[i] = ' ';
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}
