import { defaultSchema, type Schema } from 'hast-util-sanitize';
import { decodeHTML } from 'entities';
import { find, html as htmlSpace } from 'property-information';
import { dirname as dirnamePath, extname as extnamePath, resolve as resolvePath, sep as pathSeparator } from 'node:path';

/*
 * What a narrative may hold (docs/safety.md). A narrative is data written by anyone who can open a
 * pull request, so by default it holds Markdown, GFM and plain HTML elements from an allow-list,
 * and nothing that runs: no `import`/`export`, no `{expressions}`, no components, no script, no
 * event handlers, no `javascript:` URLs. The allow-list is hast-util-sanitize's GitHub schema with
 * the few additions below; `check` refuses what it would remove (findUnsafe), and the renderer
 * passes every narrative through it (src/loader/narrative.ts), so whatever a check missed
 * still cannot reach a page.
 */

/** Shiki's inline styles (colours, and the theme variables of dual themes), and nothing else. */
const SHIKI_STYLE = /^(?:\s*(?:--shiki-[\w-]+|color|background-color|font-style|font-weight|text-decoration|overflow-x)\s*:\s*[#\w\s.,%()-]*;?)*\s*$/;
/** The alignment GFM writes on table cells. */
const ALIGN_STYLE = /^\s*text-align:\s*(?:left|right|center);?\s*$/;

/** The HTML a narrative may hold, and the attributes the site's own rendering adds to it. */
export const NARRATIVE_SCHEMA: Schema = {
  ...defaultSchema,
  // Heading ids are the targets of the page's table of contents: kept as written.
  clobberPrefix: '',
  clobber: ['name'],
  tagNames: [...(defaultSchema.tagNames ?? []), 'abbr', 'caption', 'cite', 'figcaption', 'figure', 'mark', 'small', 'time', 'u'],
  strip: ['script', 'style', 'template', 'noscript', 'textarea', 'title', 'xmp', 'iframe', 'object', 'embed'],
  attributes: {
    ...defaultSchema.attributes,
    // Highlighted code (Shiki): classes, colours, the language and the focusable <pre>.
    pre: [...(defaultSchema.attributes?.pre ?? []), 'className', 'dataLanguage', ['style', SHIKI_STYLE]],
    code: ['className'],
    span: [...(defaultSchema.attributes?.span ?? []), 'className', ['style', SHIKI_STYLE]],
    // Tables are wrapped in a named, focusable scroll region (prose-table.ts).
    div: [...(defaultSchema.attributes?.div ?? []), ['className', 'table-scroll'], ['role', 'region']],
    th: [...(defaultSchema.attributes?.th ?? []), ['style', ALIGN_STYLE]],
    td: [...(defaultSchema.attributes?.td ?? []), ['style', ALIGN_STYLE]],
    time: ['dateTime'],
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'ariaLabel'],
  },
  protocols: {
    ...defaultSchema.protocols,
    href: [...(defaultSchema.protocols?.href ?? []), 'tel'],
    // A picture in the page as a data: URL is inert; data: elsewhere can hold a document.
    src: [...(defaultSchema.protocols?.src ?? []), 'data'],
  },
};

const TAGS = new Set(NARRATIVE_SCHEMA.tagNames);

/** Elements that run code, load other documents or submit data: refused with a reason. */
const DANGEROUS: Record<string, string> = {
  script: 'runs JavaScript in the reader\'s browser',
  style: 'restyles the whole site',
  iframe: 'embeds another document',
  frame: 'embeds another document',
  frameset: 'embeds other documents',
  object: 'embeds a plug-in or another document',
  embed: 'embeds a plug-in or another document',
  applet: 'runs a plug-in',
  form: 'submits data to another site',
  button: 'belongs to a form',
  input: 'belongs to a form',
  textarea: 'belongs to a form',
  select: 'belongs to a form',
  base: 'changes where every link of the page points',
  link: 'loads other resources into the page',
  meta: 'changes how the page behaves',
  svg: 'can hold scripts and event handlers',
  math: 'can hold links that run scripts',
  template: 'holds markup for scripts',
  portal: 'embeds another document',
};

/** Attributes whose value is a URL. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'cite', 'longdesc', 'action', 'formaction', 'poster', 'background', 'xlink:href', 'data', 'srcset', 'ping', 'manifest']);

export type NarrativeRule = 'narrative-code' | 'narrative-html' | 'narrative-attribute';

export interface NarrativeFinding {
  /** Offset of the node in the text that was parsed. */
  offset: number;
  message: string;
  rule: NarrativeRule;
}

/** Why a URL must not be in a narrative, or undefined when it may. */
export function urlProblem(url: string, attribute: 'href' | 'src' | string = 'href'): string | undefined {
  // Browsers ignore tabs, line breaks and leading control characters in a scheme, and read entities.
  const plain = decodeHTML(url).replace(/[\u0000-\u0020\u007f-\u009f]+/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(plain)?.[1];
  if (!scheme) return undefined;
  if (scheme === 'javascript' || scheme === 'vbscript') return `is a ${scheme}: URL, which runs code when it is followed; link to a page instead`;
  if (scheme === 'data') {
    if (attribute === 'src' && /^data:image\/(?:png|gif|jpeg|jpg|webp|avif);/.test(plain)) return undefined;
    return 'is a data: URL, which can carry a whole document or script; link to a page, or use a PNG, JPEG, GIF or WebP data: image';
  }
  return undefined;
}

/** Whether the renderer keeps a URL with this scheme in this attribute (others are dropped). */
function keptScheme(url: string, attribute: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase();
  if (!scheme) return true;
  const allowed = NARRATIVE_SCHEMA.protocols?.[attribute === 'src' ? 'src' : 'href'] ?? [];
  return allowed.includes(scheme);
}

const OPT_IN = 'narratives hold Markdown and plain HTML only; a team that trusts every author can allow code with `narratives: { code: true }` in settings.yaml (docs/safety.md)';

/** A minimal view of the mdast and hast nodes the walk reads. */
interface TreeNode {
  type: string;
  name?: string | null;
  tagName?: string;
  url?: string;
  value?: unknown;
  properties?: Record<string, unknown>;
  attributes?: { type: string; name?: string; value?: unknown }[];
  children?: TreeNode[];
  position?: { start: { offset?: number } };
}

/**
 * Everything in a parsed narrative (mdast, from Sätteri's `mdxToMdast`) that the allow-list does
 * not admit: code (`import`/`export`, expressions, components, attribute expressions), elements
 * and attributes that run or load things, dangerous URLs, and attributes the page will not keep.
 * `parseHtml` turns a raw HTML node (Markdown's, not MDX's) into hast to be read the same way.
 * With `allowCode`, the code rules are left out.
 */
export function findUnsafe(tree: unknown, { allowCode = false, parseHtml }: { allowCode?: boolean; parseHtml?: (html: string) => unknown } = {}): NarrativeFinding[] {
  const findings: NarrativeFinding[] = [];
  // Two stacks rather than one of pairs: this walks every node of every narrative of a library.
  const nodes: TreeNode[] = [tree as TreeNode];
  const offsets: number[] = [0];
  const add = (offset: number, rule: NarrativeRule, message: string) => findings.push({ offset, rule, message });
  while (nodes.length) {
    const node = nodes.pop()!;
    const parentOffset = offsets.pop()!;
    const offset = node.position?.start.offset ?? parentOffset;
    switch (node.type) {
      case 'text':
        continue;
      case 'mdxjsEsm':
        if (!allowCode) add(offset, 'narrative-code', `holds an import or export, which runs as JavaScript when the site is built; ${OPT_IN}`);
        break;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        // {/* a comment */} is how MDX writes a comment: nothing runs.
        if (!allowCode && !isComment(String(node.value ?? ''))) add(offset, 'narrative-code', `holds the expression {${excerpt(String(node.value ?? ''))}}, which runs as JavaScript when the site is built; write a literal { as \\{, or ${OPT_IN}`);
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        // What is inside a refused element is not read: one message for <svg>, not one per shape.
        if (!checkJsx(node, offset, allowCode, add)) continue;
        break;
      case 'link':
      case 'definition':
        checkUrl(node.url ?? '', 'href', offset, add);
        break;
      case 'image':
        checkUrl(node.url ?? '', 'src', offset, add);
        break;
      case 'html':
        if (parseHtml) checkHast(parseHtml(String(node.value ?? '')) as TreeNode, offset, add);
        break;
    }
    const children = node.children;
    if (children) for (let i = 0; i < children.length; i++) {
      nodes.push(children[i]);
      offsets.push(offset);
    }
  }
  return findings.sort((a, b) => a.offset - b.offset);
}

type Add = (offset: number, rule: NarrativeRule, message: string) => void;

/** An expression that is nothing but comments (an MDX comment), with no code between them. */
const isComment = (value: string) => /^\s*\/\*/.test(value) && value.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '').trim() === '';
const excerpt = (text: string) => (text.length > 40 ? `${text.slice(0, 37).trim()}…` : text.trim());

/** Checks an element written as JSX; false when it is refused as a whole. */
function checkJsx(node: TreeNode, offset: number, allowCode: boolean, add: Add): boolean {
  const name = node.name;
  // <>…</> is a fragment: nothing but its children.
  if (name === null || name === undefined) return true;
  if (/^[A-Z]|[.:]/.test(name)) {
    if (!allowCode) add(offset, 'narrative-code', `uses the component <${name}>, which runs code when the site is built; ${OPT_IN}`);
    return allowCode;
  }
  const attributes: [string, unknown][] = [];
  for (const attribute of node.attributes ?? []) {
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      if (!allowCode) add(offset, 'narrative-code', `<${name}> spreads {${excerpt(String(attribute.value ?? ''))}} into its attributes, which runs as JavaScript when the site is built; write the attributes out as text`);
    } else if (attribute.value && typeof attribute.value === 'object') {
      if (!allowCode) add(offset, 'narrative-code', `<${name}>'s ${attribute.name} is the expression {${excerpt(String((attribute.value as { value?: unknown }).value ?? ''))}}, which runs as JavaScript when the site is built; write the value as text in quotes`);
    } else attributes.push([attribute.name ?? '', attribute.value]);
  }
  return checkElement(name, attributes, offset, add);
}

function checkHast(node: TreeNode, offset: number, add: Add): void {
  if (node.type === 'element' && node.tagName) {
    const attributes = Object.entries(node.properties ?? {}).map(([property, value]): [string, unknown] => [find(htmlSpace, property).attribute, value]);
    if (!checkElement(node.tagName, attributes, offset, add)) return;
  }
  for (const child of node.children ?? []) checkHast(child, offset, add);
}

/** Checks an element and its attributes; false when the element itself is refused. */
function checkElement(name: string, attributes: readonly [string, unknown][], offset: number, add: Add): boolean {
  const tag = name.toLowerCase();
  const danger = DANGEROUS[tag];
  // A task list's checkbox is the one input a narrative may have (GFM writes it).
  const checkbox = tag === 'input' && attributes.some(([attribute, value]) => attribute.toLowerCase() === 'type' && String(value).toLowerCase() === 'checkbox');
  if (danger && !checkbox) {
    add(offset, 'narrative-html', `holds <${tag}>, which ${danger}; narratives may hold Markdown and plain HTML elements such as <details>, <kbd> or <table> (docs/safety.md)`);
    return false;
  }
  if (!TAGS.has(tag)) {
    add(offset, 'narrative-html', `holds <${tag}>, which is not an element a narrative may hold; use Markdown or one of <${[...TAGS].filter((t) => t.length > 1).slice(0, 12).join('>, <')}> … (docs/safety.md)`);
    return false;
  }
  for (const [attribute, value] of attributes) {
    const lower = attribute.toLowerCase();
    if (lower.startsWith('on')) add(offset, 'narrative-html', `<${tag}>'s ${attribute} is an event handler, which runs JavaScript in the reader's browser; remove it`);
    else if (lower === 'srcdoc') add(offset, 'narrative-html', `<${tag}>'s srcdoc holds a whole document; remove it`);
    else if (URL_ATTRIBUTES.has(lower) && typeof value === 'string') {
      const problem = lower === 'srcset' ? value.split(',').map((part) => urlProblem(part.trim().split(/\s+/)[0] ?? '', 'src')).find(Boolean) : urlProblem(value, lower);
      if (problem) add(offset, 'narrative-html', `<${tag}>'s ${attribute} ${problem}`);
      else if (!keptAttribute(tag, attribute, value)) add(offset, 'narrative-attribute', `<${tag}>'s ${attribute}="${excerpt(value)}" is dropped from the page: only http(s), mailto and tel links and relative URLs are kept`);
    } else if (!keptAttribute(tag, attribute, value)) {
      add(offset, 'narrative-attribute', `<${tag}>'s ${attribute} attribute is dropped from the page (it is not on the allow-list of docs/safety.md); remove it`);
    }
  }
  return true;
}

/** Whether the sanitiser keeps this attribute on this element, as NARRATIVE_SCHEMA says. */
function keptAttribute(tag: string, attribute: string, value: unknown): boolean {
  const property = find(htmlSpace, attribute === 'className' || attribute === 'htmlFor' ? (attribute === 'className' ? 'class' : 'for') : attribute).property;
  const definitions = [...(NARRATIVE_SCHEMA.attributes?.[tag] ?? []), ...(NARRATIVE_SCHEMA.attributes?.['*'] ?? [])];
  const allowed = definitions.some((definition) => {
    if (typeof definition === 'string') return definition === property;
    const [name, ...values] = definition;
    if (name !== property) return false;
    if (values.length === 0) return true;
    return String(value)
      .split(/\s+/)
      .every((part) => values.some((allowedValue) => (allowedValue instanceof RegExp ? allowedValue.test(String(value)) : String(allowedValue) === part)));
  });
  if (!allowed) return false;
  return !URL_ATTRIBUTES.has(attribute.toLowerCase()) || keptScheme(String(value), attribute.toLowerCase() === 'src' ? 'src' : 'href');
}

function checkUrl(url: string, attribute: 'href' | 'src', offset: number, add: Add): void {
  const problem = urlProblem(url, attribute);
  const what = attribute === 'src' ? 'An image' : 'A link';
  if (problem) add(offset, 'narrative-html', `${what} to "${excerpt(url)}" ${problem}`);
  else if (!keptScheme(url, attribute)) add(offset, 'narrative-attribute', `${what} to "${excerpt(url)}" is dropped from the page: only http(s), mailto and tel links and relative URLs are kept`);
}

/** Image formats a narrative may show from a file beside it (SVG can hold scripts: not among them). */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif'] as const;

/** A URL that names a file beside the post-mortem rather than a page, an absolute path or a fragment. */
export const isLocalUrl = (url: string) => url.trim() !== '' && !/^(?:[a-z][a-z0-9+.-]*:|\/|#|\?)/i.test(url.trim());

/**
 * The images of a parsed narrative that name files beside it (`![x](./pool.png)`, a reference
 * image whose definition is local, `<img src="pool.png">`), with where each is written.
 */
export function localImages(tree: unknown): { url: string; offset: number }[] {
  const definitions = new Map<string, string>();
  const images: { node: TreeNode & { identifier?: string }; offset: number }[] = [];
  const pending: { node: TreeNode & { identifier?: string }; offset: number }[] = [{ node: tree as TreeNode, offset: 0 }];
  while (pending.length) {
    const { node, offset: parentOffset } = pending.pop()!;
    const offset = node.position?.start.offset ?? parentOffset;
    if (node.type === 'definition' && node.identifier !== undefined) definitions.set(node.identifier, node.url ?? '');
    if (node.type === 'image' || node.type === 'imageReference' || ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === 'img')) images.push({ node, offset });
    for (const child of node.children ?? []) pending.push({ node: child, offset });
  }
  const found: { url: string; offset: number }[] = [];
  for (const { node, offset } of images) {
    const url =
      node.type === 'image'
        ? node.url
        : node.type === 'imageReference'
          ? definitions.get(node.identifier ?? '')
          : node.attributes?.find((attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === 'src' && typeof attribute.value === 'string')?.value;
    if (typeof url === 'string' && isLocalUrl(url)) found.push({ url, offset });
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** Limits on a narrative's size and nesting, below what the parser and compiler can take. */
export const NARRATIVE_LIMITS = { characters: 2_000_000, depth: 64 } as const;

/** A line start that is no container marker, indentation or fence. */
const PLAIN_START = /[\p{L}(\["'_!|#]/u;
/** What can open a level on a line: an expression or an element. */
const OPENS = /[{<]/;

/** Elements that have no closing tag (in HTML), so they do not nest. */
const VOID_TAG = /^(?:area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b/i;

/**
 * Whether a narrative is too big or too deeply nested to parse safely, before it is parsed: the
 * MDX parser and compiler recurse once per level of blockquote, list, element or bracket inside
 * an expression, and a few tens of thousands of levels crash the process (a segfault, not an
 * exception), a few thousand overflow JavaScript's stack, and deep lists take seconds per level.
 * No narrative written by a person nests more than a handful of levels. Code blocks are skipped.
 */
export function nestingProblem(body: string): { offset: number; message: string } | undefined {
  const { characters, depth: limit } = NARRATIVE_LIMITS;
  if (body.length > characters) {
    return { offset: 0, message: `is ${(body.length / 1e6).toFixed(1)} million characters long; a narrative may hold at most ${characters / 1e6} million — move logs and data to a linked file` };
  }
  const tooDeep = (offset: number, what: string) => ({ offset, message: `nests ${what} more than ${limit} levels deep, more than the parser can take safely; flatten it` });
  let fence: string | undefined;
  let elements = 0;
  let expression = 0;
  let brackets = 0;
  for (let start = 0; start < body.length; ) {
    const newline = body.indexOf('\n', start);
    const end = newline === -1 ? body.length : newline + 1;
    // Most lines are prose that starts with a letter and opens nothing: nothing to measure.
    if (!fence && expression === 0 && PLAIN_START.test(body[start] ?? '') && !OPENS.test(body.slice(start, end))) {
      start = end;
      continue;
    }
    const line = body.slice(start, end);
    const fenceMark = /^\s*(?:>\s*)*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
    } else if (fenceMark) fence = fenceMark;
    else {
      // Container markers at the start of a line: `> > - 1.` and indentation (lists nest by it).
      const prefix = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*/.exec(line)![0];
      const markers = (prefix.match(/>|[-*+](?=[ \t])|\d{1,9}[.)]/g) ?? []).length;
      const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
      if (markers > limit || indent > limit * 4) return tooDeep(start, 'blockquotes or lists');
      for (let i = 0; i < line.length; i++) {
        const char = line[i];
        if (char === '\\') i++;
        else if (char === '`') {
          // Inline code: skip to the closing run of backticks.
          const run = /^`+/.exec(line.slice(i))![0];
          const close = line.indexOf(run, i + run.length);
          if (close !== -1) i = close + run.length - 1;
        } else if (char === '{') {
          expression++;
          brackets++;
        } else if (char === '}') {
          if (expression > 0) expression--;
          if (brackets > 0) brackets--;
        } else if (expression > 0 && (char === '(' || char === '[')) brackets++;
        else if (expression > 0 && (char === ')' || char === ']') && brackets > 0) brackets--;
        else if (char === '<' && /[A-Za-z]/.test(line[i + 1] ?? '') && !VOID_TAG.test(line.slice(i + 1, i + 8))) elements++;
        else if (char === '<' && line[i + 1] === '/' && elements > 0) elements--;
        else if (char === '/' && line[i + 1] === '>' && elements > 0) elements--;
        if (brackets > limit) return tooDeep(start + i, 'brackets inside an expression');
        if (elements > limit * 4) return tooDeep(start + i, 'elements');
      }
    }
    start = end;
  }
  return undefined;
}

/**
 * The file an image URL of a narrative names, relative to the post-mortem at `file` (absolute), or
 * why it may not be shown: outside the content root, or not one of IMAGE_EXTENSIONS.
 */
export function resolveLocalImage(url: string, file: string, root: string): { path: string } | { problem: string } {
  let plain = url.trim().replace(/[?#].*$/, '');
  try {
    plain = decodeURIComponent(plain);
  } catch {
    // Not percent-encoded after all: the name as written.
  }
  const path = resolvePath(dirnamePath(file), plain);
  const base = resolvePath(root);
  if (path !== base && !path.startsWith(base.endsWith(pathSeparator) ? base : base + pathSeparator)) return { problem: 'is outside the content folder; keep images beside the post-mortems' };
  const extension = extnamePath(path).slice(1).toLowerCase();
  if (!(IMAGE_EXTENSIONS as readonly string[]).includes(extension)) {
    return { problem: `is not an image the site shows (${IMAGE_EXTENSIONS.join(', ')})${extension === 'svg' ? '; an SVG can hold scripts, so export it as PNG' : ''}` };
  }
  return { path };
}
