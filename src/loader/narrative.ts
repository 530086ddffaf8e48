import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { evaluate, htmlToHast, markdownToHtml, markdownToMdast, mdxToMdast } from 'satteri';
import { satteriCreateHighlightFn, satteriHeadingIdsPlugin, satteriHighlightPlugin, type SatteriAstroData } from '@astrojs/markdown-satteri';
import { sanitize } from 'hast-util-sanitize';
import { toHtml as hastToHtml } from 'hast-util-to-html';
import type { Element, Root } from 'hast';
import type { AstroConfig } from 'astro';
import type { DataStore } from 'astro/loaders';
import { NARRATIVE_SCHEMA, findUnsafe, isLocalUrl, nestingProblem, resolveLocalImage } from '../domain/narrative.ts';
import { htmlAttributes as attributes, proseTable } from './prose-table.ts';
import { withBase } from '../core/urls.ts';

/**
 * Narratives rendered to HTML while the collection is loaded, instead of one MDX module each.
 *
 * @astrojs/mdx compiles every .mdx entry into a JavaScript module that Vite bundles and every
 * page render imports: at 1,000 post-mortems a third of the build, and most of its memory (see
 * docs/performance.md). A post-mortem narrative is MDX without imports: the same Sätteri compiler
 * evaluates it here with a runtime that writes HTML strings, with Astro's own Shiki highlighting,
 * heading ids, GFM and smart punctuation, and the HTML is stored with the entry as the glob loader
 * does for Markdown. Astro caches it with the entry, so an unchanged file is not rendered again.
 * A narrative that needs the module (imports, exports, local images for astro:assets) or that this
 * runtime cannot render (a component it does not know) is left to @astrojs/mdx as before.
 *
 * That holds only for a library that opted in to code (`narratives.code`, docs/safety.md). By
 * default a narrative is data: one that holds code is refused before anything is compiled, and
 * the HTML of every narrative passes the allow-list (NARRATIVE_SCHEMA) on its way out. Images
 * beside the file are copied to `media` under a name made of their content's digest, and the
 * page points at `/_media/<name>` (src/loader/narrative-media.ts emits the ones pages use).
 */

/** A narrative the build refuses to render; its message is for the author. */
export class NarrativeRefused extends Error {
  /** The rule check reports the same problem under (src/core/rulebook.ts). */
  readonly rule: string;
  constructor(message: string, rule: string) {
    super(message);
    this.name = 'NarrativeRefused';
    this.rule = rule;
  }
}

/** Where a renderer copies the images beside post-mortems, and which files it may read. */
export interface NarrativeMedia {
  /** The folder the images are copied to. */
  folder: string;
  /** The content root: no image outside it is read. */
  root: string;
  /** The site's base path (src/core/urls.ts): images and root-relative links sit under it. */
  base?: string;
}

/** What the content layer stores for a rendered entry (`render()` then shows `html`). */
type RenderedContent = NonNullable<Parameters<DataStore['set']>[0]['rendered']>;

/**
 * Renders a body (of the file at an absolute path, when known); undefined: leave it to
 * @astrojs/mdx (only when code is allowed). Throws NarrativeRefused for what `check` refuses.
 */
export type RenderNarrative = (body: string, file?: string) => Promise<RenderedContent | undefined>;

/** The site's Markdown settings a narrative is rendered with. */
export type MarkdownSettings = Pick<AstroConfig['markdown'], 'syntaxHighlight' | 'shikiConfig' | 'gfm' | 'smartypants'>;

/**
 * How narratives are highlighted: Shiki with github-dark, as Astro does by default. Set here, not
 * in astro.config.mjs, whose own Shiki is off (it renders nothing of ours).
 */
export const NARRATIVE_HIGHLIGHT: Pick<MarkdownSettings, 'syntaxHighlight' | 'shikiConfig'> = {
  syntaxHighlight: { type: 'shiki', excludeLangs: ['math'] },
  shikiConfig: { langs: [], theme: 'github-dark', themes: {}, wrap: false, transformers: [], langAlias: {} },
};

/** A renderer with the site's Markdown settings (highlighting, GFM, smart punctuation). */
export async function createNarrativeRenderer(markdown: MarkdownSettings, { allowCode = false, media }: { allowCode?: boolean; media?: NarrativeMedia } = {}): Promise<RenderNarrative> {
  const highlight = await satteriCreateHighlightFn(markdown.syntaxHighlight, markdown.shikiConfig);
  const excludeLangs = typeof markdown.syntaxHighlight === 'object' ? markdown.syntaxHighlight.excludeLangs : undefined;
  const features = { gfm: markdown.gfm !== false, smartPunctuation: markdown.smartypants !== false };
  const hastPlugins = [...(highlight ? [satteriHighlightPlugin(highlight, excludeLangs)] : []), satteriHeadingIdsPlugin()];
  return async (body, file) => {
    const limit = nestingProblem(body);
    if (limit) throw new NarrativeRefused(limit.message, 'narrative-size');
    // A .md post-mortem is CommonMark and GFM with raw HTML: nothing in it is code, and its HTML
    // goes through the allow-list with the rest.
    if (file?.endsWith('.md')) {
      const astro: SatteriAstroData = { frontmatter: {}, headings: [], localImagePaths: new Set(), remoteImagePaths: new Set() };
      const refused = findUnsafe(markdownToMdast(body, { position: false }), { parseHtml: (html) => htmlToHast(html, { fragment: true }) }).filter((finding) => finding.rule !== 'narrative-attribute');
      if (refused.length) throw new NarrativeRefused(refused[0].message, refused[0].rule);
      const { html } = markdownToHtml(body, { hastPlugins, features: { ...features, rawHtml: true, frontmatter: false }, data: { astro } }) as { html: string };
      const tables = html.replace(/<table([^>]*)>([\s\S]*?)<\/table>/g, (_, attributes: string, inner: string) => proseTable(inner, attributes));
      return { html: clean(tables, file, media), metadata: { headings: placedHeadings(astro.headings), frontmatter: {} } };
    }
    let tree: unknown;
    try {
      tree = mdxToMdast(body, { position: false });
    } catch (error) {
      if (allowCode) return undefined;
      throw new NarrativeRefused(`is not valid MDX: ${(error as Error).message.split('\n')[0]}`, 'mdx-syntax');
    }
    const refused = findUnsafe(tree).filter((finding) => finding.rule !== 'narrative-attribute');
    const code = refused.some((finding) => finding.rule === 'narrative-code');
    if (refused.length && !allowCode) throw new NarrativeRefused(refused[0].message, refused[0].rule);
    // Imports and exports need a module of their own: @astrojs/mdx's.
    if (allowCode && (tree as { children: { type: string }[] }).children.some((node) => node.type === 'mdxjsEsm')) return undefined;
    const astro: SatteriAstroData = { frontmatter: {}, headings: [], localImagePaths: new Set(), remoteImagePaths: new Set() };
    let html: string;
    try {
      const module = await evaluate(body, {
        ...RUNTIME,
        hastPlugins: [...(highlight ? [satteriHighlightPlugin(highlight, excludeLangs)] : []), satteriHeadingIdsPlugin()],
        features,
        elementAttributeNameCase: 'html',
        stylePropertyNameCase: 'css',
        // Static subtrees come back as ready HTML (compiled in Rust); tables stay elements so
        // that the component below can wrap them.
        optimizeStatic: { component: 'Fragment', prop: 'set:html', ignoreElements: ['table'] },
        data: { astro },
      });
      const content = module.default as (props: { components: Record<string, Component> }) => unknown;
      html = toHtml(content({ components: COMPONENTS }));
    } catch (error) {
      // With code allowed, e.g. a component this runtime does not have: @astrojs/mdx reports it as it always has.
      if (allowCode) return undefined;
      throw error;
    }
    // A library that allows code trusts its authors with the page, too.
    html = clean(html, file, media, { trusted: allowCode && code });
    return { html, metadata: { headings: placedHeadings(astro.headings), frontmatter: {} } };
  };
}

/**
 * A narrative's HTML through the allow-list (NARRATIVE_SCHEMA), with images beside the file
 * pointed at their copies in `media` (an image that cannot be copied is refused) and its headings
 * placed under the page's "What happened" (placeHeading). A trusted narrative (code allowed, and
 * used) keeps its HTML and its images as written; its headings are placed all the same.
 */
export function clean(html: string, file?: string, media?: NarrativeMedia, { trusted = false }: { trusted?: boolean } = {}): string {
  const tree = htmlToHast(html, { fragment: true }) as unknown as Root;
  const pending: Root['children'] = [...tree.children];
  const links: Element[] = [];
  const ids = new Set<string>();
  // The base path without its trailing slash (Astro's `base` may have one): '' at the root.
  const prefix = (media?.base ?? '/').replace(/\/+$/, '');
  while (pending.length) {
    const node = pending.pop()!;
    if (node.type !== 'element') continue;
    if (!trusted && node.tagName === 'img' && typeof node.properties.src === 'string' && isLocalUrl(node.properties.src)) {
      node.properties.src = file && media ? copyImage(node.properties.src, file, media) : undefined;
    }
    const level = /^h([1-6])$/.exec(node.tagName);
    if (level) {
      const placed = placeHeading({ depth: Number(level[1]), slug: typeof node.properties.id === 'string' ? node.properties.id : undefined });
      node.tagName = `h${placed.level}`;
      if (placed.id) {
        ids.add(node.properties.id as string);
        node.properties.id = placed.id;
      }
    }
    if (node.tagName === 'a' && typeof node.properties.href === 'string' && node.properties.href.startsWith('#')) links.push(node);
    // A link to another page of the site (`/incidents/PM-1/`) follows the site to its base path.
    if (prefix) {
      for (const name of ['href', 'src'] as const) {
        const value = node.properties[name];
        if (typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith(`${prefix}/`)) node.properties[name] = withBase(prefix, value);
      }
    }
    for (const child of node.children) pending.push(child as Root['children'][number]);
  }
  // Links to the narrative's own headings follow them to their new ids.
  for (const link of links) {
    const target = (link.properties.href as string).slice(1);
    if (ids.has(target)) link.properties.href = `#${NARRATIVE_ID_PREFIX}${target}`;
  }
  return hastToHtml(trusted ? tree : (sanitize(tree, NARRATIVE_SCHEMA) as Root), { characterReferences: { useNamedReferences: true } });
}

/**
 * What narrative heading ids start with. The page's own sections are `pm-…` (src/pages/incidents/[id].astro),
 * so a narrative's "## Timeline" (`narrative-timeline`) never shares an id with the page's Timeline.
 */
export const NARRATIVE_ID_PREFIX = 'narrative-';

/**
 * Where a narrative heading goes on the page: one level down, under the page's h2 "What happened"
 * (an h1 or h2 of the narrative becomes an h3, an h3 an h4…), with its id prefixed.
 */
export function placeHeading({ depth, slug }: { depth: number; slug?: string }): { level: number; id?: string } {
  return { level: Math.min(6, Math.max(2, depth) + 1), id: slug ? `${NARRATIVE_ID_PREFIX}${slug}` : undefined };
}

/** The headings Astro keeps with the entry, with the ids they have on the page. */
function placedHeadings(headings: SatteriAstroData['headings']): SatteriAstroData['headings'] {
  return headings.map((heading) => ({ ...heading, slug: `${NARRATIVE_ID_PREFIX}${heading.slug}` }));
}

/** Copies an image beside a post-mortem into the media folder; its URL on the site. */
function copyImage(url: string, file: string, media: NarrativeMedia): string | undefined {
  const found = resolveLocalImage(url, file, media.root);
  if ('problem' in found || !existsSync(found.path)) throw new NarrativeRefused(`shows the image ${url}, which ${'problem' in found ? found.problem : 'does not exist'}`, 'narrative-image');
  const name = `${createHash('sha256').update(readFileSync(found.path)).digest('hex').slice(0, 20)}${extname(found.path).toLowerCase()}`;
  mkdirSync(media.folder, { recursive: true });
  const target = join(media.folder, name);
  if (!existsSync(target)) copyFileSync(found.path, target);
  return withBase(media.base ?? '/', `/_media/${name}`);
}

type Props = Record<string, unknown> & { children?: unknown };
type Component = (props: Props) => unknown;

/** HTML already serialised: kept as it is when nested in other output. */
class Html {
  readonly html: string;
  constructor(html: string) {
    this.html = html;
  }
}

const FRAGMENT = Symbol('Fragment');
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function toHtml(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (node instanceof Html) return node.html;
  if (Array.isArray(node)) return node.map(toHtml).join('');
  return escapeText(String(node));
}

/** The automatic JSX runtime MDX compiles to, writing HTML instead of building elements. */
function jsx(type: unknown, props: unknown): Html {
  const { children, ...rest } = props as Props;
  if (type === FRAGMENT) return new Html(toHtml(children));
  if (typeof type === 'function') return new Html(toHtml((type as Component)(props as Props)));
  const tag = String(type);
  return new Html(VOID.has(tag) ? `<${tag}${attributes(rest)}>` : `<${tag}${attributes(rest)}>${toHtml(children)}</${tag}>`);
}
const RUNTIME = { Fragment: FRAGMENT, jsx, jsxs: jsx };

const COMPONENTS: Record<string, Component> = {
  Fragment: (props) => new Html(typeof props['set:html'] === 'string' ? props['set:html'] : toHtml(props.children)),
  table: ({ children, ...rest }) => new Html(proseTable(toHtml(children), attributes(rest))),
};
