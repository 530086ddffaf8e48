import { parseDocument, isMap, isSeq, isScalar, isPair, type Document, type Node } from 'yaml';

/** A post-mortem file split into its frontmatter (parsed with source positions) and body. */
export interface Source {
  file: string;
  text: string;
  /** The frontmatter document; undefined when the file has no `---` block. */
  doc?: Document;
  /** Character offset of the frontmatter text within the file. */
  frontmatterOffset: number;
  body: string;
  /** Character offset of the body within the file. */
  bodyOffset: number;
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** The `---` block a file opens with: [whole block, the YAML inside], or null without one. */
export function frontmatterBlock(text: string): RegExpExecArray | null {
  return FENCE.exec(text);
}

export function readSource(file: string, text: string): Source {
  const match = frontmatterBlock(text);
  if (!match) return { file, text, frontmatterOffset: 0, body: text, bodyOffset: 0 };
  const frontmatterOffset = text.indexOf('\n') + 1;
  // YAML 1.2 core schema: timestamps stay strings as written, so offsets can be checked.
  const doc = parseDocument(match[1], { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false });
  return { file, text, doc, frontmatterOffset, body: text.slice(match[0].length), bodyOffset: match[0].length };
}

/** Line and column (1-based) of a character offset in the file. */
export function position(source: Source, offset: number): { line: number; column: number } {
  const before = source.text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Where a field path sits in the frontmatter: the key of the deepest existing field on the path
 * (so a missing `actions[1].deadline` points at `actions[1]`), as a file offset.
 */
export function locate(source: Source, path: readonly PropertyKey[], at: 'value' | 'key' = 'value'): number {
  const doc = source.doc;
  if (!doc?.contents) return 0;
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const [index, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && (isScalar(item.key) ? item.key.value : item.key) === key);
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
      // An unknown key is pointed at itself; a wrong value at the value.
      const last = index === path.length - 1;
      if (isScalar(node) && !(last && at === 'key')) offset = rangeStart(node) ?? offset;
    } else if (isSeq(node) && typeof key === 'number' && node.items[key]) {
      node = node.items[key];
      offset = rangeStart(node) ?? offset;
    } else break;
  }
  return (offset ?? 0) + source.frontmatterOffset;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | undefined)?.range?.[0];
}

/** A plain YAML file (settings) read the same way as frontmatter. */
export function readYamlFile(file: string, text: string): Source {
  const doc = parseDocument(text, { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false });
  return { file, text, doc, frontmatterOffset: 0, body: '', bodyOffset: text.length };
}
