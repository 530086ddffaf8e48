import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/*
 * Images beside post-mortems, shown by their narratives. The renderer copies each into a folder of
 * the cache under its content digest and points the page at `/_media/<name>`
 * (src/loader/narrative.ts); this serves that folder in `astro dev` and, after a build, copies
 * into `dist/_media/` exactly the images that a built page points at. A public build, which
 * builds no page of an internal post-mortem, therefore emits none of its images either.
 */

const MEDIA_URL = /\/_media\/([0-9a-f]{20}\.[a-z0-9]+)/g;
const TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif' };

/** A short name for a library, so a dev server and a build of another library never share a folder. */
export function libraryKey(root: string): string {
  return createHash('sha1').update(resolve(root)).digest('hex').slice(0, 12);
}

/** Where the images beside a library's post-mortems are copied for the site. */
export function mediaFolder(cacheDir: URL, root: string): string {
  return join(fileURLToPath(cacheDir), 'hindsight-media', libraryKey(root));
}

export function narrativeMedia(root: string): AstroIntegration {
  let folder = '';
  return {
    name: 'hindsight-narrative-media',
    hooks: {
      'astro:config:done': ({ config }) => {
        folder = mediaFolder(config.cacheDir, root);
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          const name = /\/_media\/([0-9a-f]{20}\.([a-z0-9]+))$/.exec(request.url ?? '');
          const file = name && join(folder, name[1]);
          if (!name || !file || !existsSync(file)) return next();
          response.setHeader('Content-Type', TYPES[name[2]] ?? 'application/octet-stream');
          createReadStream(file).pipe(response);
        });
      },
      'astro:build:done': ({ dir }) => {
        if (!existsSync(folder) || readdirSync(folder).length === 0) return;
        const out = fileURLToPath(dir);
        const used = new Set<string>();
        for (const page of readdirSync(out, { recursive: true, encoding: 'utf8' })) {
          if (!page.endsWith('.html')) continue;
          const html = readFileSync(join(out, page), 'utf8');
          if (html.includes('/_media/')) for (const match of html.matchAll(MEDIA_URL)) used.add(match[1]);
        }
        if (used.size) mkdirSync(join(out, '_media'), { recursive: true });
        for (const name of used) if (existsSync(join(folder, name))) copyFileSync(join(folder, name), join(out, '_media', name));
      },
    },
  };
}
