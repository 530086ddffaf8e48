import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Postmortem } from '../schemas/postmortem.ts';
import type { Settings } from '../schemas/settings.ts';
import { lintFile } from './lint.ts';
import type { Problem } from './problem.ts';
import type { Source } from './source.ts';
import type { ValidEntry } from './validate.ts';

/** What a lint worker is sent: the files of its share, with the entries that passed the schema. */
export interface LintJob {
  settings: Settings;
  names: readonly string[];
  items: { file: string; text: string; entry?: { id: string; data: Postmortem } }[];
}

/** Per file of the job, in order: its problems. */
export type LintResult = Problem[][];

/** Below this many files, starting workers (each loads the linters: ~0.5 s) costs more than it saves. */
const MIN_FILES = 150;

/**
 * lintFile over many sources, spread over worker threads (one per core) when there are enough of
 * them: linting is CPU-bound (MDX parse, secretlint, regular expressions) and file-independent.
 * Results come back in the order of `sources`, exactly as lintFile gives them.
 * HINDSIGHT_LINT_WORKERS=N sets the number of workers (1: lint in this thread).
 */
export async function lintAll(
  sources: readonly Source[],
  entryOf: (source: Source) => ValidEntry | undefined,
  settings: Settings,
  names: readonly string[],
): Promise<Problem[][]> {
  const forced = Number(process.env.HINDSIGHT_LINT_WORKERS);
  const workers = Math.min(sources.length, forced >= 1 ? forced : Math.min(availableParallelism(), Math.ceil(sources.length / MIN_FILES)));
  const inThread = async () => {
    const out: Problem[][] = [];
    for (const source of sources) out.push(await lintFile(source, entryOf(source), settings, names));
    return out;
  };
  if (workers <= 1) return inThread();
  // Contiguous shares of about equal size in characters, so one worker does not get all long files.
  const total = sources.reduce((sum, source) => sum + source.text.length, 0);
  const shares: Source[][] = [[]];
  let size = 0;
  for (const source of sources) {
    if (size >= (total / workers) * shares.length && shares.length < workers) shares.push([]);
    shares[shares.length - 1].push(source);
    size += source.text.length;
  }
  let results: LintResult[];
  try {
    results = await Promise.all(
      shares.map((share) =>
        runWorker({
          settings,
          names,
          items: share.map((source) => {
            const entry = entryOf(source);
            return { file: source.file, text: source.text, ...(entry ? { entry: { id: entry.id, data: entry.data } } : {}) };
          }),
        }),
      ),
    );
  } catch (error) {
    // A Node that cannot run the worker's TypeScript (no type stripping) lints in this thread instead.
    if ((error as { code?: string }).code === 'ERR_UNKNOWN_FILE_EXTENSION') return inThread();
    throw error;
  }
  return results.flat();
}

function runWorker(job: LintJob): Promise<LintResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./lint-worker.ts', import.meta.url));
    worker.once('message', (message: { results?: LintResult; error?: string }) => {
      void worker.terminate();
      if (message.results) resolve(message.results);
      else reject(new Error(`a lint worker failed: ${message.error}`));
    });
    worker.once('error', reject);
    worker.postMessage(job);
  });
}
