import jsyaml from 'js-yaml';
import { parseDocument, isAlias, isMap, isSeq, isScalar, isPair, visit, YAMLParseError, type Document, type Node, type YAMLError } from 'yaml';

/*
 * Frontmatter is read twice over, for two different needs. Its data comes from js-yaml, ten times
 * faster than `yaml` on the 10,000 post-mortems of the benchmark (0.8 s against 8.5 s), with the
 * scalars of YAML 1.2's core schema below: timestamps stay strings as written, so offsets can be
 * checked. Source positions come from `yaml`'s Document, parsed only when something must be located
 * (a problem, a finding) or when js-yaml refuses the text: `yaml`'s errors say where and what.
 * `source.test.ts` holds the two readers to the same values on the YAML people write.
 */

/** The implicit scalars of YAML 1.2's core schema, as `yaml` (and the spec) resolve them. */
const CORE_SCALARS = [
  new jsyaml.Type('tag:yaml.org,2002:null', {
    kind: 'scalar',
    resolve: (text: string) => /^(?:~|[Nn]ull|NULL)?$/.test(text),
    construct: () => null,
    predicate: (value) => value === null,
  }),
  new jsyaml.Type('tag:yaml.org,2002:bool', {
    kind: 'scalar',
    resolve: (text: string) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text),
    construct: (text: string) => text[0] === 't' || text[0] === 'T',
    predicate: (value) => typeof value === 'boolean',
  }),
  new jsyaml.Type('tag:yaml.org,2002:int', {
    kind: 'scalar',
    resolve: (text: string) => /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/.test(text),
    construct: (text: string) => (text[1] === 'o' ? parseInt(text.slice(2), 8) : text[1] === 'x' ? parseInt(text.slice(2), 16) : parseInt(text, 10)),
    predicate: (value) => Number.isInteger(value),
  }),
  new jsyaml.Type('tag:yaml.org,2002:float', {
    kind: 'scalar',
    resolve: (text: string) => /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text),
    construct: (text: string) => {
      if (/nan$/i.test(text)) return NaN;
      if (/inf$/i.test(text)) return text[0] === '-' ? -Infinity : Infinity;
      return parseFloat(text);
    },
    predicate: (value) => typeof value === 'number',
  }),
];
const CORE_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: CORE_SCALARS });

// logLevel: toJS() would otherwise print a process warning for a key that is itself a mapping.
const DOCUMENT_OPTIONS = { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false, logLevel: 'error' } as const;

/** A post-mortem file split into its frontmatter and body. */
export interface Source {
  file: string;
  text: string;
  /** The YAML between the `---` fences; undefined when the file has no such block. */
  frontmatter?: string;
  /** Character offset of the frontmatter text within the file. */
  frontmatterOffset: number;
  body: string;
  /** Character offset of the body within the file. */
  bodyOffset: number;
  /** The frontmatter as data; undefined when there is none or its YAML has errors. */
  readonly data: unknown;
  /** What is wrong with the frontmatter's YAML (none when it has no frontmatter). */
  readonly yamlErrors: readonly YAMLError[];
  /** The frontmatter parsed with source positions, on first use; undefined without frontmatter. */
  readonly doc?: Document;
  /**
   * Lets go of the data read from the frontmatter (it is read again if asked for): once the schema
   * has made its own copy, a check of thousands of files need not hold two (validate.ts).
   */
  forgetData(): void;
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** The `---` block a file opens with: [whole block, the YAML inside], or null without one. */
export function frontmatterBlock(text: string): RegExpExecArray | null {
  return FENCE.exec(text);
}

export function readSource(file: string, text: string): Source {
  const match = frontmatterBlock(text);
  if (!match) return new YamlSource(file, text, undefined, 0, 0);
  return new YamlSource(file, text, match[1], text.indexOf('\n') + 1, match[0].length);
}

/** A plain YAML file (settings) read the same way as frontmatter. */
export function readYamlFile(file: string, text: string): Source {
  return new YamlSource(file, text, text, 0, text.length);
}

class YamlSource implements Source {
  readonly file: string;
  readonly text: string;
  readonly frontmatter: string | undefined;
  readonly frontmatterOffset: number;
  readonly body: string;
  readonly bodyOffset: number;
  #quick?: { data: unknown } | null;
  #doc?: Document;
  #slow?: { data?: unknown; errors: readonly YAMLError[] };

  constructor(file: string, text: string, frontmatter: string | undefined, frontmatterOffset: number, bodyOffset: number) {
    this.file = file;
    this.text = text;
    this.frontmatter = frontmatter;
    this.frontmatterOffset = frontmatterOffset;
    this.body = text.slice(bodyOffset);
    this.bodyOffset = bodyOffset;
  }

  forgetData(): void {
    if (this.#quick) this.#quick = undefined;
  }

  /** js-yaml's reading, or null when it refused the text. */
  private get quick(): { data: unknown } | null {
    if (this.#quick !== undefined) return this.#quick;
    try {
      this.#quick = { data: jsyaml.load(this.frontmatter ?? '', { schema: CORE_SCHEMA }) };
    } catch {
      this.#quick = null;
    }
    return this.#quick;
  }

  get doc(): Document | undefined {
    if (this.frontmatter === undefined) return undefined;
    return (this.#doc ??= parseDocument(this.frontmatter, DOCUMENT_OPTIONS));
  }

  /** `yaml`'s reading, for text js-yaml refused: its errors, or its data when it has none. */
  private get slow(): { data?: unknown; errors: readonly YAMLError[] } {
    if (this.#slow) return this.#slow;
    const doc = this.doc!;
    if (doc.errors.length) return (this.#slow = { errors: doc.errors });
    try {
      return (this.#slow = { data: doc.toJS(), errors: [] });
    } catch (error) {
      // The parser lets an alias pass whose anchor comes later or nowhere; toJS() throws on it.
      return (this.#slow = { errors: [new YAMLParseError(unresolvedAlias(doc), 'BAD_ALIAS', (error as Error).message)] });
    }
  }

  get yamlErrors(): readonly YAMLError[] {
    if (this.frontmatter === undefined || this.quick) return [];
    return this.slow.errors;
  }

  get data(): unknown {
    if (this.frontmatter === undefined) return undefined;
    return this.quick ? this.quick.data : this.slow.data;
  }
}

/** The range of the first alias with no anchor before it. */
function unresolvedAlias(doc: Document): [number, number] {
  const anchors = new Set<string>();
  let found: [number, number] = [0, 0];
  visit(doc, (_key, node) => {
    if (isAlias(node) && !anchors.has(node.source)) {
      found = [node.range?.[0] ?? 0, node.range?.[1] ?? 0];
      return visit.BREAK;
    }
    if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor) anchors.add(node.anchor);
  });
  return found;
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

/** The YAML node at exactly this field path, if there is one. */
export function nodeAt(source: Source, path: readonly PropertyKey[]): Node | undefined {
  let node: unknown = source.doc?.contents;
  for (const key of path) {
    if (isMap(node)) node = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(key))?.value;
    else if (isSeq(node) && typeof key === 'number') node = node.items[key];
    else return undefined;
  }
  return (node ?? undefined) as Node | undefined;
}
