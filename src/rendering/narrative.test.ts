import { describe, expect, it } from 'vitest';
import type { AstroConfig } from 'astro';
import { createNarrativeRenderer, needsMdxModule } from './narrative.ts';

// Astro's defaults: Shiki with github-dark, GFM and smart punctuation on.
const markdown = {
  syntaxHighlight: { type: 'shiki', excludeLangs: ['math'] },
  shikiConfig: { langs: [], theme: 'github-dark', themes: {}, wrap: false, transformers: [], langAlias: {} },
  gfm: true,
  smartypants: true,
} as unknown as AstroConfig['markdown'];
const render = await createNarrativeRenderer(markdown);
const html = async (body: string) => (await render(body))?.html;

describe('rendering a narrative to HTML', () => {
  it.each([
    ['a heading gets an id', '## What happened\n', '<h2 id="what-happened">What happened</h2>'],
    ['smart punctuation', "The pool's limit -- 400...\n", '<p>The pool’s limit – 400…</p>'],
    ['GFM strikethrough', '~~not this~~\n', '<p><del>not this</del></p>'],
    ['a link', '[runbook](https://runbooks.example/db)\n', '<p><a href="https://runbooks.example/db">runbook</a></p>'],
    ['text is escaped', 'a \\< b & c\n', '<p>a &lt; b &amp; c</p>'],
    ['an MDX comment is dropped', 'Before.\n\n{/* guidance for the author */}\n\nAfter.\n', '<p>Before.</p>\n<p>After.</p>'],
    ['an expression is evaluated', 'Pods: {24 * 2}.\n', '<p>Pods: 48.</p>'],
    ['HTML written as JSX, with a void element', 'line<br/>break\n\n<details><summary>More</summary>Hidden</details>\n', '<p>line<br>break</p>\n<details><summary>More</summary>Hidden</details>'],
  ])('%s', async (_name, body, expected) => {
    // Blank lines between blocks are not part of the result.
    expect((await html(body))?.replace(/\n+/g, '\n')).toBe(expected);
  });

  it('highlights code with Shiki, as Astro does', async () => {
    const out = await html('```yaml\nmax_client_conn: 1000\n```\n');
    expect(out).toMatch(/^<pre class="astro-code github-dark" style="[^"]+" tabindex="0" data-language="yaml"><code><span class="line">/);
    expect(out).toContain('max_client_conn');
  });

  it('wraps a table in a named, focusable scroll region with column-scoped headers', async () => {
    const out = await html('|  | pods | pool |\n|---|--:|--:|\n| checkout | 24 | 20 |\n');
    expect(out).toMatch(/^<div class="table-scroll" role="region" aria-label="Table: pods, pool" tabindex="0"><table>/);
    // The empty corner cell becomes a td; the others get scope="col"; alignment is kept.
    expect(out).toMatch(/<thead>\s*<tr>\s*<td><\/td>\s*<th scope="col" style="text-align: ?right">pods<\/th>/);
    expect(out).toMatch(/<td style="text-align: ?right">24<\/td>/);
    expect(out).toMatch(/<\/table><\/div>$/);
  });

  it('gives a task list its checkboxes', async () => {
    const out = await html('- [x] done\n- [ ] open\n');
    expect(out).toMatch(/<input type="checkbox" checked disabled>|<input checked disabled type="checkbox">|<input type="checkbox" disabled checked>/);
  });

  it('lists the headings, as Astro does for Markdown', async () => {
    const rendered = await render('## What happened\n\n### Details of the `pool`\n');
    expect(rendered?.metadata?.headings).toEqual([
      { depth: 2, slug: 'what-happened', text: 'What happened' },
      { depth: 3, slug: 'details-of-the-pool', text: 'Details of the pool' },
    ]);
  });

  it('leaves a narrative with a component it does not know to @astrojs/mdx', async () => {
    expect(await render('<Callout>Careful</Callout>\n')).toBeUndefined();
  });
});

describe('which narratives need an MDX module', () => {
  it.each([
    ['plain Markdown', '## What happened\n\nThe pool ran out.\n', false],
    ['an import', "import Chart from '../Chart.astro';\n\n<Chart />\n", true],
    ['an export', 'export const region = "eu";\n\nIn {region}.\n', true],
    ['a prose line that starts with "export" inside a paragraph', 'The nightly job ran the\nexport twice.\n', false],
    ['a local image', '![the pool](./pool.png)\n', true],
    ['an image beside the file, without ./', '![the pool](pool.png)\n', true],
    ['a reference image', '![the pool][pool]\n\n[pool]: ./pool.png\n', true],
    ['a local <img>', '<img src="./pool.png" alt="the pool" />\n', true],
    ['a remote image', '![the pool](https://images.example/pool.png)\n', false],
    ['a site-absolute image', '![the pool](/diagrams/pool.png)\n', false],
    ['a remote <img>', '<img src="https://images.example/pool.png" alt="the pool" />\n', false],
    ['a reference image whose definition is remote', '![npm][badge]\n\n[badge]: https://img.shields.io/npm/v/x.svg\n', false],
    ['a local image reference among remote ones', '![npm][badge] ![diagram][d]\n\n[badge]: https://img.shields.io/x.svg\n[d]: diagrams/pool.png\n', true],
    ['an import shown in a code block', '```js\nimport pg from "pg";\n\nexport const pool = 1;\n```\n', false],
    ['an image shown in inline code', 'Write `![x](./x.png)` or `<img src="./x.png">` to embed one.\n', false],
    ['an <img> whose src is an expression', '<img src={"./pool.png"} alt="the pool" />\n', true],
  ])('%s: %s', (_name, body, expected) => {
    expect(needsMdxModule(body)).toBe(expected);
  });

  it('renders none of them here', async () => {
    expect(await render('![the pool](./pool.png)\n')).toBeUndefined();
  });
});
