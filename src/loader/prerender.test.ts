import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPostmortems } from '../ingestion/load.ts';
import { createNarrativeRenderer, type MarkdownSettings, type RenderNarrative } from './narrative.ts';
import { bodyOf, narrativeKey, prerender, type Prerendered } from './prerender.ts';

const markdown = {
  syntaxHighlight: { type: 'shiki', excludeLangs: ['math'] },
  shikiConfig: { langs: [], theme: 'github-dark', themes: {}, wrap: false, transformers: [], langAlias: {} },
  gfm: true,
  smartypants: true,
} as unknown as MarkdownSettings;

const fixture = join(import.meta.dirname, '../../tests/fixtures/basic/postmortems');
const folder = () => mkdtempSync(join(tmpdir(), 'hindsight-narratives-'));

/** Each result is what `render` gives that file: its key, its HTML in its file, its headings. */
async function expectRenderedBy(render: RenderNarrative, files: readonly string[], results: Prerendered) {
  for (const file of files) {
    const body = bodyOf(readFileSync(file, 'utf8'));
    const rendered = await render(body, file);
    const result = results.get(file)!;
    expect(result.key).toBe(narrativeKey(file, body));
    if (!rendered) {
      expect(result.metadata).toBeUndefined();
      continue;
    }
    const { narrativeFile, ...metadata } = result.metadata!;
    expect(narrativeFile).toMatch(new RegExp(`/${result.key}\\.html$`));
    expect(readFileSync(narrativeFile, 'utf8')).toBe(rendered.html);
    expect(metadata).toEqual(rendered.metadata);
  }
}

describe('rendering narratives on a worker thread', () => {
  it('writes what the main thread renders, for every file, and gives where, keyed by path', async () => {
    const files = listPostmortems(fixture);
    const into = folder();
    // The basic fixture allows code in narratives (its settings.yaml).
    const results = await prerender(files, into, markdown, { allowCode: true }).finish();
    expect([...results.keys()]).toEqual(files);
    await expectRenderedBy(await createNarrativeRenderer(markdown, { allowCode: true }), files, results);
    // The one with an export is left to @astrojs/mdx on both, and has no file.
    expect(files.filter((file) => results.get(file)!.metadata === undefined).map((file) => file.replace(/^.*\//, ''))).toEqual(['cdn-config-push.mdx']);
    expect(readdirSync(into)).toHaveLength(files.length - 1);
  });

  it('leaves out, without code allowed, a narrative it refuses (the loader renders it again and says why)', async () => {
    const files = listPostmortems(fixture);
    const results = await prerender(files, folder(), markdown).finish();
    expect(files.filter((file) => !results.has(file)).map((file) => file.replace(/^.*\//, ''))).toEqual(['cdn-config-push.mdx']);
  });

  it('shares the files with this thread, which renders from the last one back: each narrative once, the same as alone', async () => {
    const files = listPostmortems(fixture);
    const alone = await createNarrativeRenderer(markdown, { allowCode: true });
    const here: string[] = [];
    const results = await prerender(files, folder(), markdown, { allowCode: true }).finish(async () => async (body, file) => {
      here.push(file!);
      return alone(body, file);
    });
    expect([...results.keys()].sort()).toEqual([...files].sort());
    await expectRenderedBy(alone, files, results);
    // What this thread rendered is the end of the list, in reverse.
    expect(here).toEqual(files.slice(files.length - here.length).reverse());
  });

  it('renders everything on this thread when the worker cannot take the settings', async () => {
    const files = listPostmortems(fixture);
    const withTransformer = { ...markdown, shikiConfig: { ...markdown.shikiConfig, transformers: [{ name: 'x', pre: () => undefined }] } } as unknown as MarkdownSettings;
    const results = await prerender(files, folder(), withTransformer, { allowCode: true }).finish(() => createNarrativeRenderer(markdown, { allowCode: true }));
    expect([...results.keys()].sort()).toEqual([...files].sort());
  });

  it('renders nothing there when the settings hold functions (Shiki transformers)', async () => {
    const withTransformer = { ...markdown, shikiConfig: { ...markdown.shikiConfig, transformers: [{ name: 'x', pre: () => undefined }] } } as unknown as MarkdownSettings;
    expect((await prerender(['/nowhere.mdx'], folder(), withTransformer).finish()).size).toBe(0);
  });
});

describe('narrativeKey', () => {
  const key = narrativeKey('/lib/a.mdx', 'Text.');
  it.each([
    ['the same file and body', '/lib/a.mdx', 'Text.', true],
    ['another body', '/lib/a.mdx', 'Text!', false],
    ['the same body in another file (its images resolve elsewhere)', '/lib/b.mdx', 'Text.', false],
    ['the boundary moved between file and body', '/lib/a.md', 'xText.', false],
  ])('%s: same key %s', (_, file, body, same) => {
    expect(narrativeKey(file, body) === key).toBe(same);
  });
});

describe('bodyOf', () => {
  it.each([
    ['---\ntitle: A\n---\n\n## What happened\n\nText.\n', '## What happened\n\nText.'],
    ['---\r\ntitle: A\r\n---\r\nText.\r\n', 'Text.'],
    ['No frontmatter at all.\n', 'No frontmatter at all.'],
  ])('%j → %j', (text, body) => {
    expect(bodyOf(text)).toBe(body);
  });
});
