import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { frontmatterBlock } from '../validation/source.ts';
import { createNarrativeRenderer, type MarkdownSettings, type RenderNarrative } from './narrative.ts';

/*
 * Rendering the narratives (Shiki highlighting above all: a real-world library has four code
 * blocks a post-mortem) is as much work as validating and linting them, and the loader does the
 * latter first, on one core. So the narratives are rendered on a worker thread meanwhile, and the
 * loader takes each result whose body is still the one it stores (docs/performance.md).
 */

export type Prerendered = Map<string, { body: string; rendered: Awaited<ReturnType<RenderNarrative>> }>;

/** The narratives of these files (absolute paths), rendered on a worker thread; keyed by path. */
export function prerender(files: readonly string[], markdown: MarkdownSettings): Promise<Prerendered> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      // Settings with functions in them (Shiki transformers) cannot cross to a thread: then all
      // is rendered on the main thread.
      const { syntaxHighlight, shikiConfig, gfm, smartypants } = markdown;
      worker = new Worker(new URL(import.meta.url), { workerData: { files, markdown: structuredClone({ syntaxHighlight, shikiConfig, gfm, smartypants }) } });
    } catch {
      return resolve(new Map());
    }
    worker.once('message', (results: [string, { body: string; rendered: Awaited<ReturnType<RenderNarrative>> }][]) => {
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

async function renderAll({ files, markdown }: { files: string[]; markdown: MarkdownSettings }) {
  const render = await createNarrativeRenderer(markdown);
  const results: [string, { body: string; rendered: Awaited<ReturnType<RenderNarrative>> }][] = [];
  for (const file of files) {
    const body = bodyOf(readFileSync(file, 'utf8'));
    results.push([file, { body, rendered: await render(body) }]);
  }
  return results;
}

if (!isMainThread && parentPort && workerData?.files) {
  const port = parentPort;
  void renderAll(workerData).then((results) => port.postMessage(results));
}
