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

/**
 * What a frontmatter (or settings.yaml) may hold, so a broken or hostile file gets an error instead
 * of exhausting the stack or the memory. A real post-mortem's frontmatter is a few kB, nested 4 or 5
 * levels deep, with no aliases at all.
 */
export const YAML_LIMITS = {
  /** Characters of YAML: a frontmatter of 1 MB is a pasted log, not a summary. */
  maxChars: 1_000_000,
  /** Levels of nesting (block indentation and [ { brackets together); both parsers recurse per level. */
  maxDepth: 64,
  /** Alias uses, counted as `yaml` counts them (its own default): "billion laughs" stops here. */
  maxAliases: 100,
  /** Values (strings, numbers, lists, mappings) once aliases are expanded. */
  maxValues: 100_000,
  /** Characters of all strings once aliases are expanded. */
  maxExpandedChars: 2_000_000,
} as const;

/** Error codes of the limits above; `yaml`'s own codes are all others. */
export const LIMIT_CODES = ['TOO_LARGE', 'TOO_DEEP', 'TOO_MANY_ALIASES'] as const;

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

// A byte-order mark before it is allowed (editors write one, invisibly; Astro accepts it too), and so
// is an empty block (the schema then says what a frontmatter holds).
const FENCE = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/** The `---` block a file opens with: [whole block, the YAML inside], or null without one. */
export function frontmatterBlock(text: string): RegExpExecArray | null {
  return FENCE.exec(text);
}

export function readSource(file: string, text: string): Source {
  const match = frontmatterBlock(text);
  if (!match) return new YamlSource(file, text, undefined, 0, 0);
  return new YamlSource(file, text, match[1] ?? '', text.indexOf('\n') + 1, match[0].length);
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

  #limit?: YAMLError | null;

  /** The limit this text goes beyond, found before either parser sees it (YAML_LIMITS). */
  private get limit(): YAMLError | null {
    if (this.#limit === undefined) this.#limit = this.frontmatter === undefined ? null : beyondLimits(this.frontmatter);
    return this.#limit;
  }

  /**
   * js-yaml's reading, or null when it refused the text, or when the text marks an anchor (&name):
   * `yaml` then decides, counting alias uses (js-yaml has no such limit; real post-mortems seldom
   * use anchors).
   */
  private get quick(): { data: unknown } | null {
    if (this.#quick !== undefined) return this.#quick;
    this.#quick = null;
    if (this.limit) return this.#quick;
    try {
      let state: { anchorMap?: object } | undefined;
      const data = jsyaml.load(this.frontmatter ?? '', { schema: CORE_SCHEMA, listener: (_event, at) => void (state ??= at as { anchorMap?: object }) });
      if (Object.keys(state?.anchorMap ?? {}).length === 0) this.#quick = { data };
    } catch {
      // A syntax error, or nesting the limits did not foresee: `yaml` says where.
    }
    return this.#quick;
  }

  get doc(): Document | undefined {
    // Beyond the limits, nothing is parsed: `yaml` would recurse once per level too.
    if (this.frontmatter === undefined || this.limit) return undefined;
    return (this.#doc ??= parseDocument(this.frontmatter, DOCUMENT_OPTIONS));
  }

  /** `yaml`'s reading, for text js-yaml refused: its errors, or its data when it has none. */
  private get slow(): { data?: unknown; errors: readonly YAMLError[] } {
    if (this.#slow) return this.#slow;
    if (this.limit) return (this.#slow = { errors: [this.limit] });
    const doc = this.doc!;
    if (doc.errors.length) return (this.#slow = { errors: doc.errors });
    const tag = foreignTag(doc);
    if (tag) return (this.#slow = { errors: [tag] });
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliases });
    } catch (error) {
      const message = (error as Error).message;
      // toJS() throws on too many alias uses, and on an alias whose anchor comes later or nowhere.
      if (/alias count/i.test(message)) return (this.#slow = { errors: [tooManyAliases(doc)] });
      return (this.#slow = { errors: [new YAMLParseError(unresolvedAlias(doc), 'BAD_ALIAS', message)] });
    }
    // Few alias uses can still expand to a great deal (an alias of a list of aliases of lists).
    const size = expansion(data);
    if (size.values > YAML_LIMITS.maxValues || size.chars > YAML_LIMITS.maxExpandedChars) return (this.#slow = { errors: [tooManyAliases(doc)] });
    return (this.#slow = { data, errors: [] });
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

/**
 * How much data a reading holds once every alias is expanded (an alias is the same object again),
 * counted without recursion and only up to the limits: its values and the characters of its strings.
 */
function expansion(data: unknown): { values: number; chars: number } {
  const stack: unknown[] = [data];
  let values = 0;
  let chars = 0;
  while (stack.length && values <= YAML_LIMITS.maxValues && chars <= YAML_LIMITS.maxExpandedChars) {
    const value = stack.pop();
    values++;
    if (typeof value === 'string') chars += value.length;
    else if (value !== null && typeof value === 'object') for (const item of Array.isArray(value) ? value : Object.values(value)) stack.push(item);
  }
  return { values, chars };
}

function tooManyAliases(doc: Document): YAMLError {
  let found: [number, number] = [0, 0];
  visit(doc, (_key, node) => {
    if (isAlias(node)) {
      found = [node.range?.[0] ?? 0, node.range?.[1] ?? 0];
      return visit.BREAK;
    }
  });
  const message = `uses aliases (*name) that expand to more than ${YAML_LIMITS.maxAliases} uses or ${YAML_LIMITS.maxValues.toLocaleString('en-US')} values; write the values out instead of repeating them with aliases`;
  return new YAMLParseError(found, 'TOO_MANY_ALIASES' as YAMLParseError['code'], message);
}

/**
 * The first limit of YAML_LIMITS that a text goes beyond (size, nesting), found by a scan of its
 * lines that needs no parser: block nesting by indentation (and `- ` items on one line), flow
 * nesting by brackets outside quotes and comments, block scalars (`|`, `>`) skipped. It may count
 * a level too many (a plain value continued on a more indented line), never 60 too many.
 */
export function beyondLimits(text: string): YAMLError | null {
  if (text.length > YAML_LIMITS.maxChars) {
    const size = `${(text.length / 1_000_000).toFixed(1)} MB`;
    return new YAMLParseError([0, 1], 'TOO_LARGE' as YAMLParseError['code'], `is ${size} of YAML, more than the ${YAML_LIMITS.maxChars / 1_000_000} MB allowed; keep the frontmatter to the fields, and move long text (logs, transcripts) into the body or a linked document`);
  }
  if (surelyShallow(text)) return null;
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let blockIndent = -1;
  let offset = 0;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0) {
      if (line.trim() === '' || indent > blockIndent) continue;
      blockIndent = -1;
    }
    let at = indent;
    if (!quote && flow === 0) {
      if (line.trim() === '' || line[indent] === '#') continue;
      while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      // `- - - x`: each dash opens a level of its own.
      for (let dash = /^[-?:](?:[ \t]+|$)/.exec(line.slice(at)); dash; dash = /^[-?:](?:[ \t]+|$)/.exec(line.slice(at))) {
        at += dash[0].length;
        indents.push(at);
      }
    }
    // The last character before this one, and the last that was not a space: a quote or bracket
    // opens something only where a value may start ("key: [", "- '", "[a, {"), not inside a plain
    // value ("it's", "see [1]"); a line starts as if after "key: ".
    let [previous, lastSign] = [' ', ':'];
    for (let i = at; i < line.length; i++) {
      const char = line[i];
      if (quote) {
        if (char === '\\' && quote === '"') i++;
        else if (char === quote) [quote, lastSign] = [undefined, char];
        previous = char;
        continue;
      }
      if (char === '#' && (previous === ' ' || previous === '\t')) break;
      const valueStart = lastSign === ':' || lastSign === ',' || lastSign === '[' || lastSign === '{';
      if ((char === '"' || char === "'") && valueStart) quote = char;
      else if ((char === '[' || char === '{') && valueStart) {
        flow++;
        if (indents.length + flow > YAML_LIMITS.maxDepth) return tooDeep(start + i);
      } else if ((char === ']' || char === '}') && flow > 0) flow--;
      previous = char;
      if (char !== ' ' && char !== '\t') lastSign = char;
    }
    if (indents.length + flow > YAML_LIMITS.maxDepth) return tooDeep(start + indent);
    // A block scalar's lines are text, however they are indented.
    if (!quote && flow === 0 && /(?:^|[\s:-])[|>][-+0-9]*[ \t]*(?:#.*)?\r?$/.test(line.slice(at))) blockIndent = indent;
  }
  return null;
}

/** A line whose indentation (with `- `, `? `, `: ` prefixes) could hold half the nesting allowed. */
const WIDE_LEAD = new RegExp(`(?:^|\\n)[ \\t?:-]{${YAML_LIMITS.maxDepth / 2}}`);

/**
 * Whether a text cannot nest beyond YAML_LIMITS.maxDepth, by a bound that is cheap to work out: no
 * more block levels than its widest indentation plus one, no more flow levels than it has brackets,
 * each at most half the limit. Almost every post-mortem passes it, and so skips the scan, which
 * costs more than reading the YAML (2.4 s against 1.8 s on 10,000 post-mortems; this, 0.02 s).
 */
function surelyShallow(text: string): boolean {
  let brackets = 0;
  for (const open of ['[', '{']) {
    for (let at = text.indexOf(open); at !== -1 && brackets <= YAML_LIMITS.maxDepth / 2; at = text.indexOf(open, at + 1)) brackets++;
  }
  return brackets <= YAML_LIMITS.maxDepth / 2 && !WIDE_LEAD.test(text);
}

function tooDeep(offset: number): YAMLError {
  return new YAMLParseError([offset, offset + 1], 'TOO_DEEP' as YAMLParseError['code'], `nests lists and mappings more than ${YAML_LIMITS.maxDepth} levels deep; a post-mortem needs 4 or 5 — check the indentation and the brackets here`);
}

const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`));

/**
 * The first tag outside YAML 1.2's core schema (`!foo`, `!!binary`, `!!set`), as an error: `yaml`
 * only warns of an unknown tag and reads the value as text, while js-yaml, which Astro reads
 * frontmatter with, throws, so `check` would pass a file whose build fails.
 */
function foreignTag(doc: Document): YAMLError | undefined {
  let found: YAMLError | undefined;
  visit(doc, (_key, node) => {
    const tag = (node as { tag?: string }).tag;
    if ((isScalar(node) || isMap(node) || isSeq(node)) && tag && !CORE_TAGS.has(tag)) {
      const shown = tag.replace(/^tag:yaml\.org,2002:/, '!!');
      found = new YAMLParseError([node.range?.[0] ?? 0, node.range?.[1] ?? 0], 'TAG_RESOLVE_FAILED', `the tag ${shown} is not one of YAML's core schema`);
      return visit.BREAK;
    }
  });
  return found;
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

/** Where each line of a file starts, found once per file: a broken file may have thousands of problems. */
const lineStarts = new WeakMap<Source, number[]>();

/** Line and column (1-based) of a character offset in the file. */
export function position(source: Source, offset: number): { line: number; column: number } {
  let starts = lineStarts.get(source);
  if (!starts) {
    starts = [0];
    for (let at = source.text.indexOf('\n'); at !== -1; at = source.text.indexOf('\n', at + 1)) starts.push(at + 1);
    lineStarts.set(source, starts);
  }
  // The last line starting at or before the offset.
  let [low, high] = [0, starts.length - 1];
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
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
