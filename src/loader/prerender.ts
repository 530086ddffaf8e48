import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { frontmatterBlock } from '../check/source.ts';
import { createNarrativeRenderer, type MarkdownSettings, type NarrativeMedia, type RenderNarrative } from './narrative.ts';

/*
 * Rendering the narratives (Shiki highlighting above all: a real-world library has four code
 * blocks a post-mortem) is as much work as validating and linting them, and the loader does the
 * latter first, on one core. So the narratives are rendered on a worker thread meanwhile, and the
 * loader takes each result whose body is still the one it stores (docs/performance.md).
 */

type Rendered = { body: string; rendered: Awaited<ReturnType<RenderNarrative>> };
export type Prerendered = Map<string, Rendered>;

/** How narratives are rendered: see createNarrativeRenderer. */
export interface RenderOptions {
  allowCode?: boolean;
  media?: NarrativeMedia;
}

/**
 * The narratives of these files (absolute paths), rendered on a worker thread; keyed by path. A
 * narrative the worker could not render is left out (the loader renders it again and reports why).
 */
export function prerender(files: readonly string[], markdown: MarkdownSettings, options: RenderOptions = {}): Promise<Prerendered> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      // Settings with functions in them (Shiki transformers) cannot cross to a thread: then all
      // is rendered on the main thread.
      const { syntaxHighlight, shikiConfig, gfm, smartypants } = markdown;
      worker = new Worker(new URL(import.meta.url), { workerData: { files, options, markdown: structuredClone({ syntaxHighlight, shikiConfig, gfm, smartypants }) } });
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
}

/** A post-mortem's body as the glob loader stores it: the text after the frontmatter, trimmed. */
export function bodyOf(text: string): string {
  const fence = frontmatterBlock(text);
  return (fence ? text.slice(fence[0].length) : text).trim();
}

async function renderAll({ files, markdown, options }: { files: string[]; markdown: MarkdownSettings; options: RenderOptions }) {
  const render = await createNarrativeRenderer(markdown, options);
  const results: [string, Rendered][] = [];
  for (const file of files) {
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
