import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Page types with a script budget (issue 6): gzip bytes of script a page runs before any interaction. */
export const SCRIPT_BUDGETS: Record<string, number> = {
  '/incidents/*/': 20 * 1024,
  '/quarters/': 70 * 1024,
  '/quarters/*/': 70 * 1024,
};

const gzipped = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;

/** Executable inline scripts of a page (not JSON data blocks): they travel inside the HTML. */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)]
    .filter(([, attributes = '']) => !/\ssrc=/.test(attributes) && (!/\stype=/.test(attributes) || /type="(module|text\/javascript)"/.test(attributes)))
    .map(([, , body]) => body)
    .filter((body) => body.trim() !== '');
}

/**
 * What a page's scripts cost over the wire, compressed as a static host would serve them:
 * every script file the browser fetched (each once), plus the inline scripts of the HTML.
 */
export function scriptWeight(dist: string, htmlFile: string, fetched: string[]): { bytes: number; files: string[] } {
  const files = [...new Set(fetched)];
  const external = files.reduce((sum, path) => sum + gzipped(readFileSync(join(dist, decodeURIComponent(path)))), 0);
  const inline = inlineScripts(readFileSync(htmlFile, 'utf8')).reduce((sum, body) => sum + gzipped(body), 0);
  return { bytes: external + inline, files };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
