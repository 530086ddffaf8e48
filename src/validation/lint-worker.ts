// A worker thread of lintInParallel (parallel.ts): lints the files it is sent and posts back their
// problems, in the order received. Runs in plain Node (type stripping), inside `check` and the build.
import { parentPort } from 'node:worker_threads';
import { lintFile } from './lint.ts';
import { readSource } from './source.ts';
import type { LintJob, LintResult } from './parallel.ts';

parentPort!.on('message', async (job: LintJob) => {
  const results: LintResult = [];
  try {
    for (const item of job.items) {
      const source = readSource(item.file, item.text);
      const entry = item.entry ? { file: item.file, id: item.entry.id, data: item.entry.data, source } : undefined;
      results.push(await lintFile(source, entry, job.settings, job.names));
    }
    parentPort!.postMessage({ results });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
