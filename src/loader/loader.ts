import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'astro/loaders';
import type { DataStore, Loader } from 'astro/loaders';
import type { ContentEntryType } from 'astro';
import { createNarrativeRenderer, NARRATIVE_HIGHLIGHT, NarrativeRefused, type RenderNarrative } from './narrative.ts';
import { bodyOf, narrativeKey, prerender, renderTo, type Written } from './prerender.ts';
import type { ValidEntry } from '../check/validate.ts';
import { codeVersion } from '../ingestion/cache.ts';
import { checkLibrary, listPostmortems } from '../ingestion/load.ts';
import { byPosition, formatProblem } from '../check/problem.ts';
import { readSettings } from '../ingestion/settings.ts';
import { ContentError } from '../core/content-error.ts';
import { libraryKey, mediaFolder } from './narrative-media.ts';



/**
 * Astro's glob loader with Hindsight's validation in front: every file is checked from its source
 * text (Astro's YAML reader turns timestamps into Dates and drops the offset as written), all
 * problems are reported at once, and entries are stored with the frontmatter as written.
 */
export function postmortemLoader(root: string): Loader {
  const folder = join(root, 'postmortems');
  return {
    name: 'hindsight-postmortems',
    load: async (context) => {
      // The files check reads, and only those (files.ts): the glob loader is given each by name.
      const files = listPostmortems(folder);
      // What the check found in each file (its id, data and source), by absolute path: Astro's own
      // reading of the frontmatter (YAML 1.1 types) turns `id: 2026-03-14` into a Date, and the site
      // would take the file name.
      let checked = new Map<string, ValidEntry>();
      const base = glob({
        // Every .md and .mdx file; the store below keeps only those of the list (a glob of the
        // listed names is as exact but takes 0.2 s per 1,000 files to match).
        pattern: '**/*.{md,mdx}',
        base: folder,
        generateId: ({ entry, data }) => checked.get(resolve(folder, entry))?.id ?? (typeof data.id === 'string' ? data.id : entry.replace(/^.*\//, '').replace(/\.mdx?$/, '')),
      });
      const settings = readSettings(root);
      const markdown = { ...context.config.markdown, ...NARRATIVE_HIGHLIGHT };
      const options = { allowCode: settings.narratives.code, media: { folder: mediaFolder(context.config.cacheDir, root), root, base: context.config.base } };
      // One folder per library, so a dev server and a build of another library never share one.
      const narrativeFolder = join(fileURLToPath(context.config.cacheDir), 'hindsight-narratives', libraryKey(root));
      mkdirSync(narrativeFolder, { recursive: true });
      // The narratives are rendered on another core while this one validates (prerender.ts).
      const prerendered = prerender(files, narrativeFolder, markdown, options);
      const library = await checkLibrary(root, process.cwd(), undefined, { helper: false });
      const problems = library.problems.sort(byPosition);
      for (const problem of problems.filter((p) => p.severity === 'warning')) context.logger.warn(formatProblem(problem));
      const errors = problems.filter((p) => p.severity === 'error');
      if (errors.length) {
        const files = new Set(errors.map((p) => p.file)).size;
        throw new ContentError(
          `${errors.length} problem${errors.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} — fix these and build again:\n\n${errors.map(formatProblem).join('\n')}\n`,
        );
      }
      // Every entry was just parsed with the collection's own schema (validateFile), so hand Astro
      // that result instead of letting it parse each entry a second time; keyed by absolute path.
      // A file the check did not see falls back to Astro's parse of the frontmatter.
      checked = new Map(library.entries.map((entry) => [resolve(entry.file), entry]));
      // Astro keeps stored entries between builds and skips a file whose text is unchanged; after
      // an upgrade of the code that parsed and rendered them, every entry is stored again.
      // So are they when the site moves to another base path, which their links carry.
      const version = `${codeVersion()} ${options.media.base}`;
      if (context.meta.get('code') !== version) {
        context.store.clear();
        context.meta.set('code', version);
      }
      // A renderer here (Shiki's start-up included) only for what the worker did not render: the
      // last files, once validation is done, a file changed since, a dev server's edits, settings
      // that could not cross to the thread.
      let renderer: Promise<RenderNarrative> | undefined;
      const ready = await prerendered.finish(() => (renderer ??= createNarrativeRenderer(markdown, options)));
      const narrate = async (body: string, file: string | undefined): Promise<Written> => {
        const done = file === undefined ? undefined : ready.get(file);
        if (done?.key === narrativeKey(file, body)) return done;
        renderer ??= createNarrativeRenderer(markdown, options);
        return renderTo(narrativeFolder, await renderer, body, file);
      };
      const narratives = renderingStore(context.store, narrate, fileURLToPath(context.config.root), options.allowCode, new Set(files));
      await base.load({
        ...context,
        store: narratives.store,
        ...('entryTypes' in context ? { entryTypes: checkedEntryInfo(context.entryTypes as EntryTypes, checked) } : {}),
        parseData: async <TData extends Record<string, unknown>>(props: Parameters<typeof context.parseData<TData>>[0]) =>
          ((props.filePath && checked.get(resolve(props.filePath))?.data) as TData | undefined) || context.parseData(props),
      });
      const refused = await narratives.settled();
      if (refused.length) {
        throw new ContentError(`${refused.length} narrative${refused.length === 1 ? '' : 's'} the build refuses to render — fix and build again:\n\n${refused.join('\n')}\n`);
      }
      removeUnused(narrativeFolder, context.store.values());
    },
  };
}

type StoredEntry = Parameters<DataStore['set']>[0];
/**
 * What Astro hands its own glob loader besides the documented context: the entry type of each
 * file extension. Were it renamed, the override below would simply not apply.
 */
type EntryTypes = Map<string, ContentEntryType>;

/**
 * The glob loader's entry types, answering for a file whose text is still the one the check
 * read with what the check found: its validated data and its body (prerender.ts bodyOf, the body
 * the check linted). Astro's own answer parses the frontmatter a second time, 2.5 s of a
 * 10,000-file build; any other file gets it.
 */
function checkedEntryInfo(entryTypes: EntryTypes, checked: ReadonlyMap<string, ValidEntry>): EntryTypes {
  const types: EntryTypes = new Map();
  for (const [extension, type] of entryTypes) {
    types.set(extension, {
      ...type,
      getEntryInfo: async (params: { fileUrl: URL; contents: string }) => {
        const entry = checked.get(fileURLToPath(params.fileUrl));
        if (!entry || entry.source.text !== params.contents) return type.getEntryInfo(params);
        return { data: entry.data, body: bodyOf(params.contents), slug: '', rawData: entry.source.frontmatter ?? '' };
      },
    });
  }
  return types;
}

/**
 * The collection's store, with the glob loader's MDX entries rendered to HTML before they are
 * stored (src/loader/narrative.ts), instead of being left to one MDX module each. `narrate`
 * renders or finds the HTML in a file of its own (prerender.ts renderTo), and the entry records
 * where (`rendered.metadata.narrativeFile`; read by src/library.ts): Astro hands the whole store
 * to the pages as one module that every build loads whole, and the narratives would be two thirds
 * of it. An entry the renderer leaves alone is stored as the glob loader meant it. Rendering is async and the store's `set` is not, so entries are rendered one after another in
 * the background; `settled` waits for them. In `astro dev` the glob loader's file watcher stores
 * changed files the same way.
 */
function renderingStore(store: DataStore, narrate: (body: string, file: string | undefined) => Promise<Written>, projectRoot: string, allowCode: boolean, listed: ReadonlySet<string>) {
  let queue = Promise.resolve();
  const refused: string[] = [];
  const set = (entry: StoredEntry): boolean => {
    // Only the files check read (files.ts) are stored: never one it did not see.
    if (entry.filePath && !listed.has(resolve(projectRoot, entry.filePath))) return false;
    // A .md entry arrives rendered by Astro's own Markdown pipeline, which knows no allow-list: it
    // is rendered again here like the others.
    const markdown = entry.filePath?.endsWith('.md') ?? false;
    if ((!entry.deferredRender && !markdown) || entry.body === undefined) return store.set(entry);
    const body = entry.body;
    const file = entry.filePath && resolve(projectRoot, entry.filePath);
    queue = queue
      .then(() => narrate(body, file))
      .then(
        ({ metadata }) => {
          // Only a library that allows code hands a narrative to @astrojs/mdx, which runs it.
          if (!metadata) return allowCode ? store.set(entry) : void refused.push(`${entry.filePath ?? entry.id}  body  could not be rendered  [error: mdx-syntax]`);
          // Nor is the body kept: nothing reads it once rendered.
          return store.set({ ...entry, body: undefined, deferredRender: false, rendered: { html: '', metadata } });
        },
        (error: unknown) => {
          if (allowCode && !(error instanceof NarrativeRefused)) return store.set(entry);
          const [message, rule] = error instanceof NarrativeRefused ? [error.message, error.rule] : [`could not be rendered: ${(error as Error).message?.split('\n')[0]}`, 'mdx-syntax'];
          refused.push(`${entry.filePath ?? entry.id}  body  ${message}  [error: ${rule}]`);
        },
      )
      .then(() => undefined);
    return true;
  };
  return {
    store: new Proxy(store, {
      get: (target, property) => {
        if (property === 'set') return set;
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }),
    /** Waits for every entry to be stored; the narratives refused, as problem lines. */
    settled: () => queue.then(() => refused),
  };
}

/** Deletes the narrative files no stored entry points to any more (edited or removed files). */
function removeUnused(folder: string, entries: Iterable<StoredEntry>): void {
  const used = new Set<string>();
  for (const entry of entries) {
    const file = entry.rendered?.metadata?.narrativeFile;
    if (typeof file === 'string') used.add(file);
  }
  for (const name of readdirSync(folder)) if (!used.has(join(folder, name))) rmSync(join(folder, name), { force: true });
}
