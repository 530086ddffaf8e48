import type { AstroIntegration } from 'astro';

/**
 * Astro hands the collection's data to the pages as one JavaScript module,
 * `export default JSON.parse("<the whole data store>")`. V8 compiles a string literal that holds
 * any character beyond Latin-1 (a ’ or – in one post-mortem is enough) in time that grows faster
 * than its length: importing the store of 3,000 post-mortems (43 MB) took 26 s, and the build
 * waits for it before the first page. The same text as an array of 256 KB literals joined at run
 * time imports in under 2 s (docs/performance.md). This rewrites the module that way; the data
 * is unchanged.
 */
export function dataStoreModule(): AstroIntegration {
  return {
    name: 'hindsight-data-store-module',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'hindsight-data-store-module',
                enforce: 'post',
                transform(code, id) {
                  if (id !== DATA_STORE_MODULE) return null;
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
const PREFIX = 'export default JSON.parse(';
const SUFFIX = ')';
const PIECE = 256 * 1024;

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
