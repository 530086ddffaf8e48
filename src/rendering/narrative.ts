import { evaluate, mdxToMdast, type MdastNode } from 'satteri';
import { satteriCreateHighlightFn, satteriHeadingIdsPlugin, satteriHighlightPlugin, type SatteriAstroData } from '@astrojs/markdown-satteri';
import type { AstroConfig } from 'astro';
import type { DataStore } from 'astro/loaders';
import { htmlAttributes as attributes, proseTable } from './prose-table.ts';

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
 */

/**
 * Whether a body needs @astrojs/mdx's module: it has `import`/`export` statements, or an image
 * beside the file that astro:assets must import (Markdown, a reference, or an `<img>`). Read from
 * the syntax tree, so code that merely shows such things does not count.
 */
export function needsMdxModule(body: string): boolean {
  let tree: MdastNode;
  try {
    tree = mdxToMdast(body, { position: false });
  } catch {
    return true;
  }
  const definitions = new Map<string, string>();
  const pending: MdastNode[] = [tree];
  const found: MdastNode[] = [];
  while (pending.length) {
    const node = pending.pop()!;
    if (node.type === 'mdxjsEsm') return true;
    if (node.type === 'definition') definitions.set(node.identifier, node.url);
    if (node.type === 'image' || node.type === 'imageReference' || ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === 'img')) found.push(node);
    if ('children' in node) pending.push(...(node.children as MdastNode[]));
  }
  return found.some((node) => {
    if (node.type === 'image') return isLocal(node.url);
    if (node.type === 'imageReference') return isLocal(definitions.get(node.identifier) ?? '');
    const attributes = (node as { attributes?: { type: string; name?: string; value?: unknown }[] }).attributes ?? [];
    const src = attributes.find((attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === 'src');
    // src={…} is an expression: where it points is known only when the module runs.
    return !src || typeof src.value !== 'string' || isLocal(src.value);
  });
}

/** A URL that names a file beside the post-mortem rather than a page or an absolute path. */
const isLocal = (url: string) => !/^(?:[a-z][a-z0-9+.-]*:|\/|#)/i.test(url.trim());

/** What the content layer stores for a rendered entry (`render()` then shows `html`). */
type RenderedContent = NonNullable<Parameters<DataStore['set']>[0]['rendered']>;

/** Renders a body (of the file at an absolute path, when known); undefined: leave it to @astrojs/mdx. */
export type RenderNarrative = (body: string, file?: string) => Promise<RenderedContent | undefined>;

/** The site's Markdown settings a narrative is rendered with. */
export type MarkdownSettings = Pick<AstroConfig['markdown'], 'syntaxHighlight' | 'shikiConfig' | 'gfm' | 'smartypants'>;

/** A renderer with the site's Markdown settings (highlighting, GFM, smart punctuation). */
export async function createNarrativeRenderer(markdown: MarkdownSettings): Promise<RenderNarrative> {
  const highlight = await satteriCreateHighlightFn(markdown.syntaxHighlight, markdown.shikiConfig);
  const excludeLangs = typeof markdown.syntaxHighlight === 'object' ? markdown.syntaxHighlight.excludeLangs : undefined;
  const features = { gfm: markdown.gfm !== false, smartPunctuation: markdown.smartypants !== false };
  return async (body) => {
    if (needsMdxModule(body)) return undefined;
    const astro: SatteriAstroData = { frontmatter: {}, headings: [], localImagePaths: new Set(), remoteImagePaths: new Set() };
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
      return { html: toHtml(content({ components: COMPONENTS })), metadata: { headings: astro.headings, frontmatter: {} } };
    } catch {
      // E.g. a component this runtime does not have: @astrojs/mdx reports it as it always has.
      return undefined;
    }
  };
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
