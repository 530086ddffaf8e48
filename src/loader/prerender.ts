import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { frontmatterBlock } from '../check/source.ts';
import { createNarrativeRenderer, type MarkdownSettings, type NarrativeMedia, type RenderNarrative } from './narrative.ts';

/*
 * Rendering the narratives (Shiki highlighting above all: a real-world library has four code
 * blocks a post-mortem) is as much work as validating and linting them, and the loader does the
 * latter first, on one core. So the narratives are rendered on a worker thread meanwhile; once
 * the loader has validated, it renders the last ones itself until the two threads meet, and takes
 * each result whose body is still the one it stores (docs/performance.md).
 */

type Rendered = { body: string; rendered: Awaited<ReturnType<RenderNarrative>> };
export type Prerendered = Map<string, Rendered>;

/** How narratives are rendered: see createNarrativeRenderer. */
export interface RenderOptions {
  allowCode?: boolean;
  media?: NarrativeMedia;
}

/** Who rendered a file, marked in memory both threads share. */
const WORKER = 1;
const MAIN = 2;

/** Narratives being rendered on a worker thread; `finish` shares out the rest and gives them all. */
export interface Prerender {
  /**
   * With a renderer, this thread renders the files the worker has not reached, from the last one
   * back, until the two meet; then the worker's are awaited. Every narrative rendered, by path; one
   * that could not be is left out (the loader renders it again and reports why).
   */
  finish(render?: () => Promise<RenderNarrative>): Promise<Prerendered>;
}

/**
 * The narratives of these files (absolute paths), rendered on a worker thread from the first file
 * on, while the main thread validates; once it has, it takes the last ones (finish), so neither
 * thread waits for the other long.
 */
export function prerender(files: readonly string[], markdown: MarkdownSettings, options: RenderOptions = {}): Prerender {
  const taken = new Uint8Array(new SharedArrayBuffer(Math.max(1, files.length)));
  const fromWorker = new Promise<Prerendered>((resolve) => {
    let worker: Worker;
    try {
      // Settings with functions in them (Shiki transformers) cannot cross to a thread: then all
      // is rendered on the main thread.
      const { syntaxHighlight, shikiConfig, gfm, smartypants } = markdown;
      worker = new Worker(new URL(import.meta.url), { workerData: { files, options, taken, markdown: structuredClone({ syntaxHighlight, shikiConfig, gfm, smartypants }) } });
    } catch {
      return resolve(new Map());
    }
    worker.once('message', (results: [string, Rendered][]) => {
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
          const body = bodyOf(readFileSync(files[index], 'utf8'));
          try {
            mine.set(files[index], { body, rendered: await renderer(body, files[index]) });
          } catch {
            // Refused or broken: the loader renders it again and reports the reason.
          }
        }
      }
      const theirs = await fromWorker;
      for (const [file, result] of mine) theirs.set(file, result);
      return theirs;
    },
  };
}

/** A post-mortem's body as the glob loader stores it: the text after the frontmatter, trimmed. */
export function bodyOf(text: string): string {
  const fence = frontmatterBlock(text);
  return (fence ? text.slice(fence[0].length) : text).trim();
}

async function renderAll({ files, markdown, options, taken }: { files: string[]; markdown: MarkdownSettings; options: RenderOptions; taken: Uint8Array }) {
  const render = await createNarrativeRenderer(markdown, options);
  const results: [string, Rendered][] = [];
  // From the first file on, until one the main thread has taken: it took all after it too.
  for (let index = 0; index < files.length && Atomics.compareExchange(taken, index, 0, WORKER) === 0; index++) {
    const file = files[index];
    const body = bodyOf(readFileSync(file, 'utf8'));
    try {
      results.push([file, { body, rendered: await render(body, file) }]);
    } catch {
      // Refused or broken: the loader renders it on its own thread and reports the reason.
    }
  }
  return results;
}

if (!isMainThread && parentPort && workerData?.files) {
  const port = parentPort;
  void renderAll(workerData).then((results) => port.postMessage(results));
}
