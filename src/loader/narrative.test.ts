import { describe, expect, it } from 'vitest';
import type { AstroConfig } from 'astro';
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clean, createNarrativeRenderer, NarrativeRefused } from './narrative.ts';

// Astro's defaults: Shiki with github-dark, GFM and smart punctuation on.
const markdown = {
  syntaxHighlight: { type: 'shiki', excludeLangs: ['math'] },
  shikiConfig: { langs: [], theme: 'github-dark', themes: {}, wrap: false, transformers: [], langAlias: {} },
  gfm: true,
  smartypants: true,
} as unknown as AstroConfig['markdown'];
const render = await createNarrativeRenderer(markdown);
const html = async (body: string) => (await render(body))?.html;
const withCode = await createNarrativeRenderer(markdown, { allowCode: true });

describe('rendering a narrative to HTML', () => {
  it.each([
    ['a heading gets an id, prefixed, a level down under the page\'s "What happened"', '## Timeline\n', '<h3 id="narrative-timeline">Timeline</h3>'],
    ['smart punctuation', "The pool's limit -- 400...\n", '<p>The pool’s limit – 400…</p>'],
    ['GFM strikethrough', '~~not this~~\n', '<p><del>not this</del></p>'],
    ['a link', '[runbook](https://runbooks.example/db)\n', '<p><a href="https://runbooks.example/db">runbook</a></p>'],
    ['text is escaped', 'a \\< b & c\n', '<p>a &lt; b &amp; c</p>'],
    ['an MDX comment is dropped', 'Before.\n\n{/* guidance for the author */}\n\nAfter.\n', '<p>Before.</p>\n<p>After.</p>'],
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

  it('lists the headings, as Astro does for Markdown, with their ids on the page', async () => {
    const rendered = await render('## What happened\n\n### Details of the `pool`\n');
    expect(rendered?.metadata?.headings).toEqual([
      { depth: 2, slug: 'narrative-what-happened', text: 'What happened' },
      { depth: 3, slug: 'narrative-details-of-the-pool', text: 'Details of the pool' },
    ]);
  });

  it.each([
    ['an expression', 'Pods: {24 * 2}.\n'],
    ['an expression that reads the environment', 'Home: {process.env.HOME}\n'],
    ['an import', "import { execSync } from 'node:child_process';\n\nHi.\n"],
    ['an export', 'export const x = 1;\n\nHi.\n'],
    ['a component', '<Callout>Careful</Callout>\n'],
    ['an attribute expression', '<a href={"https://x.example"}>x</a>\n'],
    ['a script element', '<script>{"alert(1)"}</script>\n'],
    ['an event handler', '<img src="https://x.example/a.png" alt="" onerror="alert(1)" />\n'],
    ['a javascript: link', '[click](javascript:alert(1))\n'],
    ['an iframe', '<iframe srcdoc="<script>alert(1)</script>" />\n'],
  ])('refuses %s, running nothing', async (_name, body) => {
    await expect(render(body)).rejects.toBeInstanceOf(NarrativeRefused);
  });

  it('refuses a narrative nested too deeply to parse safely, before parsing it', async () => {
    await expect(render(`${'>'.repeat(50_000)} deep\n`)).rejects.toThrow(/levels deep/);
    await expect(render(`{${'('.repeat(50_000)}1${')'.repeat(50_000)}}\n`)).rejects.toThrow(/levels deep/);
  });

  it('evaluates code in a library that allows it, and leaves a component it does not know to @astrojs/mdx', async () => {
    expect((await withCode('Pods: {24 * 2}.\n'))?.html).toBe('<p>Pods: 48.</p>');
    expect(await withCode('<Callout>Careful</Callout>\n')).toBeUndefined();
  });
});

describe('the allow-list on the way out (defence in depth)', () => {
  it.each([
    ['a script element', '<p>a</p><script>alert(1)</script>', '<p>a</p>'],
    ['an event handler', '<img src="https://x.example/a.png" onerror="alert(1)">', '<img src="https://x.example/a.png">'],
    ['a javascript: link, however it is spelt', '<a href="jav&#x09;ascript:alert(1)">a</a><a href=" JAVASCRIPT:alert(1)">b</a>', '<a>a</a><a>b</a>'],
    ['an iframe with its document', '<iframe srcdoc="<script>alert(1)</script>"></iframe><p>b</p>', '<p>b</p>'],
    ['a style element and a style attribute that is not a colour', '<style>body{display:none}</style><span style="position:fixed;top:0">x</span>', '<span>x</span>'],
    ['a form', '<form action="https://evil.example"><p>x</p></form>', '<p>x</p>'],
    ['a data: link', '<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a>x</a>'],
  ])('removes %s', (_name, input, expected) => {
    expect(clean(input)).toBe(expected);
  });

  it('places headings under the page\'s "What happened": a level down, ids prefixed, links to them followed', () => {
    expect(clean('<h1 id="stats">Stats</h1><h2 id="timeline">Timeline</h2><h3 id="general">General</h3><h6>Deep</h6><p><a href="#timeline">up</a> <a href="#pm-actions">actions</a></p>')).toBe(
      '<h3 id="narrative-stats">Stats</h3><h3 id="narrative-timeline">Timeline</h3><h4 id="narrative-general">General</h4><h6>Deep</h6><p><a href="#narrative-timeline">up</a> <a href="#pm-actions">actions</a></p>',
    );
  });

  it('keeps what the site itself writes: highlighted code, table regions, task lists', () => {
    const kept = [
      '<pre class="astro-code github-dark" style="background-color:#24292e;color:#e1e4e8; overflow-x: auto;" tabindex="0" data-language="yaml"><code><span class="line"><span style="color:#85E89D">a</span></span></code></pre>',
      '<div class="table-scroll" role="region" aria-label="Table: pods" tabindex="0"><table><thead><tr><th scope="col" style="text-align:right">pods</th></tr></thead></table></div>',
      '<ul class="contains-task-list"><li class="task-list-item"><input type="checkbox" checked disabled> done</li></ul>',
    ];
    for (const html of kept) expect(clean(html)).toBe(html);
  });
});

describe('images beside the post-mortem', () => {
  const root = mkdtempSync(join(tmpdir(), 'hindsight-media-'));
  mkdirSync(join(root, 'postmortems'), { recursive: true });
  writeFileSync(join(root, 'postmortems', 'pool.png'), 'not really a png');
  const media = { folder: join(root, 'media'), root };
  const file = join(root, 'postmortems', 'pm.mdx');

  it('copies an image to the media folder under its digest and points the page at it', async () => {
    const local = await createNarrativeRenderer(markdown, { media });
    const out = (await local('![the pool](./pool.png)\n', file))?.html;
    const [name] = readdirSync(media.folder);
    expect(name).toMatch(/^[0-9a-f]{20}\.png$/);
    expect(out).toBe(`<p><img src="/_media/${name}" alt="the pool"></p>`);
  });

  it.each(['/kb', '/kb/'])('puts images and links to the site\'s own pages under its base path %s, and leaves other URLs alone', async (base) => {
    const local = await createNarrativeRenderer(markdown, { media: { ...media, base } });
    const body = '![the pool](./pool.png) [the earlier one](/incidents/INC-1/) [already there](/kb/incidents/INC-2/) [elsewhere](https://example.com/x) [protocol-relative](//cdn.example/x) [here](#top)\n';
    const out = (await local(body, file))?.html ?? '';
    const [name] = readdirSync(media.folder);
    expect([...out.matchAll(/(?:src|href)="([^"]*)"/g)].map((match) => match[1])).toEqual([
      `/kb/_media/${name}`,
      '/kb/incidents/INC-1/',
      '/kb/incidents/INC-2/',
      'https://example.com/x',
      '//cdn.example/x',
      '#top',
    ]);
  });

  it.each([
    ['a missing image', '![x](./missing.png)\n'],
    ['an image outside the content folder', '![x](../../../etc/passwd.png)\n'],
    ['an SVG, which can hold scripts', '![x](./diagram.svg)\n'],
  ])('refuses %s', async (_name, body) => {
    const local = await createNarrativeRenderer(markdown, { media });
    await expect(local(body, file)).rejects.toBeInstanceOf(NarrativeRefused);
  });
});
