import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { frontmatterBlock } from '../check/source.ts';
import { createNarrativeRenderer, type MarkdownSettings, type NarrativeMedia, type RenderNarrative } from './narrative.ts';

/*
 * Rendering the narratives (Shiki highlighting above all: a real-world library has four code
 * blocks a post-mortem) is as much work as validating and linting them, and the loader does the
 * latter first, on one core. So the narratives are rendered on a worker thread meanwhile; once
 * the loader has validated, it renders the last ones itself until the two threads meet, and takes
 * each result whose body is still the one it stores (docs/performance.md).
 *
 * Each rendered narrative goes straight to a file of its own; only where it went and its headings
 * come back. Held until the loader stored them, the HTML of 10,000 narratives and their bodies took
 * 0.3 GB on the worker's heap and as much again once copied to the main thread.
 */

/** A narrative rendered and written: what the loader stores for it. */
export interface Written {
  /** narrativeKey() of the file and the body rendered: the loader takes this only for the same body. */
  key: string;
  /** Where the HTML is (`narrativeFile`) and its headings; none when the renderer left it to @astrojs/mdx. */
  metadata?: Record<string, unknown> & { narrativeFile: string };
}
export type Prerendered = Map<string, Written>;

/** How narratives are rendered: see createNarrativeRenderer. */
export interface RenderOptions {
  allowCode?: boolean;
  media?: NarrativeMedia;
}

/**
 * A narrative's name in the folder: the file and its body, so a changed narrative is a new file
 * and two post-mortems with the same text (whose images resolve from their own folders) are two.
 */
export function narrativeKey(file: string | undefined, body: string): string {
  return createHash('sha1').update(file ?? '').update('\0').update(body).digest('hex');
}

/** Renders a narrative and writes its HTML to `folder`; throws what the renderer throws. */
export async function renderTo(folder: string, render: RenderNarrative, body: string, file?: string): Promise<Written> {
  const key = narrativeKey(file, body);
  const rendered = await render(body, file);
  if (!rendered) return { key };
  const narrativeFile = join(folder, `${key}.html`);
  await writeFile(narrativeFile, rendered.html);
  return { key, metadata: { ...rendered.metadata, narrativeFile } };
}

/** Who rendered a file, marked in memory both threads share. */
const WORKER = 1;
const MAIN = 2;

/** Narratives being rendered on a worker thread; `finish` shares out the rest and gives them all. */
export interface Prerender {
  /**
   * With a renderer, this thread renders the files the worker has not reached, from the last one
   * back, until the two meet; then the worker's are awaited. Every narrative rendered and written,
   * by path; one that could not be is left out (the loader renders it again and reports why).
   */
  finish(render?: () => Promise<RenderNarrative>): Promise<Prerendered>;
}

/**
 * The narratives of these files (absolute paths), rendered into `folder` on a worker thread from
 * the first file on, while the main thread validates; once it has, it takes the last ones
 * (finish), so neither thread waits for the other long.
 */
export function prerender(files: readonly string[], folder: string, markdown: MarkdownSettings, options: RenderOptions = {}): Prerender {
  const taken = new Uint8Array(new SharedArrayBuffer(Math.max(1, files.length)));
  const fromWorker = new Promise<Prerendered>((resolve) => {
    let worker: Worker;
    try {
      // Settings with functions in them (Shiki transformers) cannot cross to a thread: then all
      // is rendered on the main thread.
      const { syntaxHighlight, shikiConfig, gfm, smartypants } = markdown;
      worker = new Worker(new URL(import.meta.url), { workerData: { files, folder, options, taken, markdown: structuredClone({ syntaxHighlight, shikiConfig, gfm, smartypants }) } });
    } catch {
      return resolve(new Map());
    }
    worker.once('message', (results: [string, Written][]) => {
      resolve(new Map(results));
      void worker.terminate();
    });
    // Whatever goes wrong there is rendered again on the main thread.
    worker.once('error', () => resolve(new Map()));
  });
  return {
    async finish(render) {
      const mine: Prerendered = new Map();
      if (render) {
        let renderer: RenderNarrative | undefined;
        for (let index = files.length - 1; index >= 0 && Atomics.compareExchange(taken, index, 0, MAIN) === 0; index--) {
          renderer ??= await render();
          await renderFile(folder, renderer, files[index], mine);
        }
      }
      const theirs = await fromWorker;
      for (const [file, result] of mine) theirs.set(file, result);
      return theirs;
    },
  };
}

/** Renders one file's narrative into `folder` and notes it in `results`, unless it is refused or broken. */
async function renderFile(folder: string, render: RenderNarrative, file: string, results: Prerendered): Promise<void> {
  try {
    results.set(file, await renderTo(folder, render, bodyOf(readFileSync(file, 'utf8')), file));
  } catch {
    // Refused or broken: the loader renders it again on its own thread and reports the reason.
  }
}

/** A post-mortem's body as the glob loader stores it: the text after the frontmatter, trimmed. */
export function bodyOf(text: string): string {
  const fence = frontmatterBlock(text);
  return (fence ? text.slice(fence[0].length) : text).trim();
}

async function renderAll({ files, folder, markdown, options, taken }: { files: string[]; folder: string; markdown: MarkdownSettings; options: RenderOptions; taken: Uint8Array }) {
  const render = await createNarrativeRenderer(markdown, options);
  const results: Prerendered = new Map();
  // From the first file on, until one the main thread has taken: it took all after it too.
  for (let index = 0; index < files.length && Atomics.compareExchange(taken, index, 0, WORKER) === 0; index++) {
    await renderFile(folder, render, files[index], results);
  }
  return [...results];
}

if (!isMainThread && parentPort && workerData?.files) {
  const port = parentPort;
  void renderAll(workerData).then((results) => port.postMessage(results));
}
