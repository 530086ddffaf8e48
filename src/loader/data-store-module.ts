import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * Astro hands the collection's data to the pages as one JavaScript module,
 * `export default JSON.parse("<the whole data store>")`, the text of the store file it wrote at
 * the end of the content sync. In a build, this rewrites the module to read that file when the
 * pages load it: the same text, not carried through Vite's bundler (a 29 MB module at 10,000
 * post-mortems took 1.3 s of its 2.8 s and memory its native code keeps for the rest of the build).
 * In the dev server, whose store file changes under it, the module keeps its text, as an array of
 * 256 KB literals joined at run time: V8 compiles one string literal that holds any character
 * beyond Latin-1 (a ’ or – in one post-mortem is enough) in time that grows faster than its length
 * (importing the store of 3,000 post-mortems took 26 s; in pieces, under 2 s; docs/performance.md).
 */
export function dataStoreModule(): AstroIntegration {
  /** The store file a build's module is read from (Astro writes it to `cacheDir`). */
  let storeFile: string | undefined;
  return {
    name: 'hindsight-data-store-module',
    hooks: {
      'astro:config:done': ({ config }) => {
        storeFile = fileURLToPath(new URL(STORE_FILE, config.cacheDir));
      },
      'astro:config:setup': ({ command, updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'hindsight-data-store-module',
                enforce: 'post',
                transform(code, id) {
                  if (id !== DATA_STORE_MODULE) return null;
                  if (command === 'build' && storeFile) {
                    const read = readDataStoreModule(code, storeFile);
                    return read === undefined ? null : { code: read, map: { mappings: '' } };
                  }
                  const split = splitDataStoreModule(code);
                  return split === undefined ? null : { code: split, map: { mappings: '' } };
                },
              },
            ],
          },
        });
      },
    },
  };
}

const DATA_STORE_MODULE = '\0astro:data-layer-content';
/** Where Astro writes the store in a build (astro/dist/content/paths.js: getDataStoreFile). */
const STORE_FILE = 'data-store.json';
const PREFIX = 'export default JSON.parse(';
const SUFFIX = ')';
const PIECE = 256 * 1024;

/**
 * The module, reading its JSON text from `file` when it is loaded, or undefined when it has another
 * shape (an empty store, Astro's chunked storage).
 */
export function readDataStoreModule(code: string, file: string): string | undefined {
  if (!code.startsWith(PREFIX) || !code.endsWith(SUFFIX)) return undefined;
  return `import { readFileSync } from 'node:fs';\n${PREFIX}readFileSync(${JSON.stringify(file)}, 'utf8')${SUFFIX}`;
}

/** The module's JSON text as an array of small literals, or undefined when it has another shape. */
export function splitDataStoreModule(code: string, piece = PIECE): string | undefined {
  if (!code.startsWith(PREFIX) || !code.endsWith(SUFFIX)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(code.slice(PREFIX.length, -SUFFIX.length));
  } catch {
    return undefined;
  }
  if (typeof json !== 'string' || json.length <= piece) return undefined;
  const pieces: string[] = [];
  for (let start = 0; start < json.length; ) {
    let end = Math.min(start + piece, json.length);
    // Never split a surrogate pair: each half alone is not a character.
    if (end < json.length && isHighSurrogate(json.charCodeAt(end - 1))) end = end - 1 > start ? end - 1 : end + 1;
    pieces.push(JSON.stringify(json.slice(start, end)));
    start = end;
  }
  return `${PREFIX}[${pieces.join(',\n')}].join('')${SUFFIX}`;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
