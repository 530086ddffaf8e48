import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listPostmortems } from '../ingestion/load.ts';
import { createNarrativeRenderer, type MarkdownSettings } from './narrative.ts';
import { bodyOf, prerender } from './prerender.ts';

const markdown = {
  syntaxHighlight: { type: 'shiki', excludeLangs: ['math'] },
  shikiConfig: { langs: [], theme: 'github-dark', themes: {}, wrap: false, transformers: [], langAlias: {} },
  gfm: true,
  smartypants: true,
} as unknown as MarkdownSettings;

describe('rendering narratives on a worker thread', () => {
  it('gives what the main thread gives, for every file, keyed by path', async () => {
    const files = listPostmortems(join(import.meta.dirname, '../../tests/fixtures/basic/postmortems'));
    // The basic fixture allows code in narratives (its settings.yaml).
    const results = await prerender(files, markdown, { allowCode: true }).finish();
    expect([...results.keys()]).toEqual(files);
    const render = await createNarrativeRenderer(markdown, { allowCode: true });
    for (const file of files) {
      const body = bodyOf(readFileSync(file, 'utf8'));
      expect(results.get(file)).toEqual({ body, rendered: await render(body, file) });
    }
    // The one with an export is left to @astrojs/mdx on both.
    expect(files.filter((file) => results.get(file)!.rendered === undefined).map((file) => file.replace(/^.*\//, ''))).toEqual(['cdn-config-push.mdx']);
  });

  it('leaves out, without code allowed, a narrative it refuses (the loader renders it again and says why)', async () => {
    const files = listPostmortems(join(import.meta.dirname, '../../tests/fixtures/basic/postmortems'));
    const results = await prerender(files, markdown).finish();
    expect(files.filter((file) => !results.has(file)).map((file) => file.replace(/^.*\//, ''))).toEqual(['cdn-config-push.mdx']);
  });

  it('shares the files with this thread, which renders from the last one back: each narrative once, the same as alone', async () => {
    const files = listPostmortems(join(import.meta.dirname, '../../tests/fixtures/basic/postmortems'));
    const alone = await createNarrativeRenderer(markdown, { allowCode: true });
    const here: string[] = [];
    const results = await prerender(files, markdown, { allowCode: true }).finish(async () => async (body, file) => {
      here.push(file!);
      return alone(body, file);
    });
    expect([...results.keys()].sort()).toEqual([...files].sort());
    for (const file of files) {
      const body = bodyOf(readFileSync(file, 'utf8'));
      expect(results.get(file)).toEqual({ body, rendered: await alone(body, file) });
    }
    // What this thread rendered is the end of the list, in reverse.
    expect(here).toEqual(files.slice(files.length - here.length).reverse());
  });

  it('renders everything on this thread when the worker cannot take the settings', async () => {
    const files = listPostmortems(join(import.meta.dirname, '../../tests/fixtures/basic/postmortems'));
    const withTransformer = { ...markdown, shikiConfig: { ...markdown.shikiConfig, transformers: [{ name: 'x', pre: () => undefined }] } } as unknown as MarkdownSettings;
    const results = await prerender(files, withTransformer, { allowCode: true }).finish(() => createNarrativeRenderer(markdown, { allowCode: true }));
    expect([...results.keys()].sort()).toEqual([...files].sort());
  });

  it('renders nothing there when the settings hold functions (Shiki transformers)', async () => {
    const withTransformer = { ...markdown, shikiConfig: { ...markdown.shikiConfig, transformers: [{ name: 'x', pre: () => undefined }] } } as unknown as MarkdownSettings;
    expect((await prerender(['/nowhere.mdx'], withTransformer).finish()).size).toBe(0);
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
