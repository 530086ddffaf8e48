import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Postmortem } from '../schemas/postmortem.ts';
import type { SecretFinding } from '../domain/lint/secrets.ts';
import { textKey } from './cache.ts';
import { findSecretsAhead, lintFile, secretsFoundIn } from '../check/lint.ts';
import type { Problem } from '../check/problem.ts';
import { validateFile, validateSettings } from '../check/validate.ts';

/*
 * `npm run check` is CPU work on one file after another (YAML, schema, linters), so on a machine
 * with a second core a helper thread shares it. Both threads work through the same list from
 * opposite ends — the helper from the front, the main thread from the back — and take each file
 * by marking it in shared memory, so neither waits for the other whatever their speeds. Linting
 * waits for the names the blameless check looks for (they come from every file) and is shared the
 * same way, the files each thread validated at its own end; while a thread waits for the other, it
 * finds the secrets in its own files (the linters' costliest part, and independent of the names).
 * Same code, same results, in the same order as on one thread; whatever the helper does not
 * deliver (a thread that fails), the main thread does itself (load.ts).
 */

export interface HelperJob {
  settings: { file: string; text?: string };
  /** Each file as problems name it, and where to read it: the helper reads what it takes. */
  files: readonly { file: string; path: string }[];
}

/** What validateFile found in one file, as it crosses between threads. */
export interface ValidatedFile {
  problems: Problem[];
  entry: { id: string; data: Postmortem } | null;
  /** textKey() of the text the helper read: a file edited meanwhile is not the file it checked. */
  key: string;
}

/** What lintFile found in one file, and the secrets (to scrub other messages about the file). */
export interface LintedFile {
  problems: Problem[];
  secrets: SecretFinding[];
  key: string;
}

const HELPER = 1;
const MAIN = 2;

/** A list two threads work through from opposite ends; each item is taken by exactly one. */
export class Share<T> {
  readonly #taken: Uint8Array;
  /** The helper's results, by index in the list; undefined if the thread failed. */
  readonly results: Promise<Map<number, T> | undefined>;

  constructor(taken: Uint8Array, results: Promise<Map<number, T> | undefined>) {
    this.#taken = taken;
    this.results = results;
  }

  /**
   * Takes item `index` for the main thread, unless the helper has it. Taking from the back, the
   * first item the helper has means it has all before it too.
   */
  take(index: number): boolean {
    return Atomics.compareExchange(this.#taken, index, 0, MAIN) === 0;
  }
}

type Reply = [number, ValidatedFile][] | [number, LintedFile][];

export class CheckHelper {
  readonly #worker: Worker;
  /** Who waits for the thread's next reply: it answers the questions in the order they were asked. */
  readonly #pending: ((reply: Reply | undefined) => void)[] = [];
  #failed = false;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (reply: Reply) => this.#pending.shift()?.(reply));
    // A thread that fails (or ends) answers nothing more: every open question gets undefined.
    const fail = () => {
      this.#failed = true;
      for (const resolve of this.#pending.splice(0)) resolve(undefined);
    };
    worker.on('error', fail);
    worker.on('exit', fail);
  }

  /**
   * A helper thread, or undefined if none can start. It loads its code at once, while the main
   * thread reads the library, and waits for its job.
   */
  static start(): CheckHelper | undefined {
    try {
      return new CheckHelper(new Worker(new URL(import.meta.url), { workerData: { checkHelper: true } }));
    } catch {
      return undefined;
    }
  }

  /** Shares the validation of these files: the helper starts from the front. */
  validate(job: HelperJob): Share<ValidatedFile> {
    return this.#share(job.files.length, (taken) => ({ ...job, taken }));
  }

  /** Shares the linting of files of the validation job (by index in it): the helper starts from the front. */
  lint(indexes: readonly number[], names: readonly string[]): Share<LintedFile> {
    return this.#share(indexes.length, (taken) => ({ indexes, names, taken }));
  }

  #share<T>(count: number, message: (taken: SharedArrayBuffer) => object): Share<T> {
    const taken = new SharedArrayBuffer(count);
    const reply = this.#failed ? Promise.resolve(undefined) : new Promise<Reply | undefined>((resolve) => this.#pending.push(resolve));
    this.#worker.postMessage(message(taken));
    return new Share(new Uint8Array(taken), reply.then((pairs) => pairs && new Map(pairs as [number, T][])));
  }

  close(): void {
    void this.#worker.terminate();
  }
}

/** Takes items from the front while the main thread has not: the indexes taken, in order. */
function* fromTheFront(taken: SharedArrayBuffer): Generator<number> {
  const flags = new Uint8Array(taken);
  for (let index = 0; index < flags.length && Atomics.compareExchange(flags, index, 0, HELPER) === 0; index++) yield index;
}

async function work(port: NonNullable<typeof parentPort>, { settings: settingsFile, files, taken }: HelperJob & { taken: SharedArrayBuffer }): Promise<void> {
  const settings = validateSettings(settingsFile.file, settingsFile.text).value;
  if (!settings) throw new Error('settings.yaml is invalid: the main thread checks nothing else');
  const validateAt = (index: number) => validateFile(files[index].file, readFileSync(files[index].path, 'utf8'), settings);
  const results = new Map<number, ReturnType<typeof validateFile>>();
  for (const index of fromTheFront(taken)) results.set(index, validateAt(index));
  const lintJob = new Promise<{ indexes: number[]; names: string[]; taken: SharedArrayBuffer }>((resolve) => port.once('message', resolve));
  port.postMessage(
    [...results].map(([index, { source, problems, value }]): [number, ValidatedFile] => [index, { problems, entry: value ? { id: value.id, data: value.data } : null, key: textKey(source.file, source.text) }]),
  );
  // While the main thread takes these in and works out the names, find the secrets in these files.
  await findSecretsAhead([...results.values()].map((result) => result.source), lintJob);
  const { indexes, names, taken: lintTaken } = await lintJob;
  const linted: [number, LintedFile][] = [];
  for (const position of fromTheFront(lintTaken)) {
    // A file the main thread validated is validated again here: cheaper than sending its data.
    const { source, value } = results.get(indexes[position]) ?? validateAt(indexes[position]);
    linted.push([position, { problems: await lintFile(source, value, settings, names), secrets: secretsFoundIn(source) ?? [], key: textKey(source.file, source.text) }]);
  }
  port.postMessage(linted);
}

if (!isMainThread && parentPort && workerData?.checkHelper) {
  const port = parentPort;
  port.once('message', (job: HelperJob & { taken: SharedArrayBuffer }) => {
    work(port, job).catch((error: unknown) => {
      // The main thread sees the thread end and does the work itself.
      console.error(`check helper: ${(error as Error).message}`);
      process.exit(1);
    });
  });
}
