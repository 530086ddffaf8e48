import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/build.ts';
import { describeQualityGate } from './lib/gate.ts';
import { DESKTOP, useSite } from './lib/site.ts';
import { settle } from './lib/visit.ts';

/*
 * The example library hosted under a path, as a GitHub or GitLab Pages project site is
 * (settings.url https://example.test/kb/): served under /kb/ alone, so any link, asset, feed or
 * search result that forgets the base path is a 404 the gate reports.
 */
const site = useSite('content', { url: 'https://example.test/kb/' });

describeQualityGate(site);

describe('under the base path /kb/', () => {
  it('writes no root-relative URL outside /kb/ in any page', () => {
    const outside = site.pages.flatMap((page) =>
      [...readFileSync(page.file, 'utf8').matchAll(/\b(?:href|src|action|content)="(\/[^"/][^"]*)"/g)]
        .map((match) => match[1])
        .filter((url) => !url.startsWith('/kb/'))
        .map((url) => `${page.route}  ${url}`),
    );
    expect(outside).toEqual([]);
  });

  it('points the calendar feeds and the review notes at pages under https://example.test/kb/', () => {
    const calendar = readFileSync(join(site.dist, 'calendar.ics'), 'utf8').replace(/\r\n[ \t]/g, '');
    const urls = [...calendar.matchAll(/^URL[^:]*:(.*)$/gm)].map((match) => match[1].trim());
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.filter((url) => !url.startsWith('https://example.test/kb/incidents/'))).toEqual([]);
    const quarter = site.pages.find((page) => page.type === '/quarters/*/')!.route;
    const notes = readFileSync(join(site.dist, quarter, 'review.md'), 'utf8');
    const links = [...notes.matchAll(/\]\((https?:[^)]+)\)/g)].map((match) => match[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !link.startsWith('https://example.test/kb/'))).toEqual([]);
  });

  it('searches with Pagefind and opens a result under /kb/', async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    const search = site.samples.find((sample) => sample.type === '/search/')!;
    await page.goto(`${site.origin}${search.route}`);
    await page.waitForFunction(() => /found/.test(document.querySelector('#search-status')?.textContent ?? ''));
    const result = page.locator('#search-results a[href*="/incidents/"]').first();
    const target = await result.getAttribute('href');
    expect(target).toMatch(/^\/kb\/incidents\/[^/]+\/$/);
    await result.click();
    await page.waitForURL((url) => url.pathname === target);
    await settle(page);
    expect(await page.locator('h1').count()).toBe(1);
    await context.close();
    expect(failed).toEqual([]);
  });
});

/** The nginx server block of docs/deploy.md, exactly as a reader copies it. */
function nginxRecipe(): string {
  const docs = readFileSync(join(ROOT, 'docs/deploy.md'), 'utf8');
  const block = /```nginx\n([\s\S]*?)```/.exec(docs);
  if (!block) throw new Error('docs/deploy.md has no nginx block');
  return block[1];
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));

describe('the nginx recipe of docs/deploy.md', () => {
  // CI installs Debian's nginx (.ci/run); elsewhere the recipe is tested where nginx is present.
  it.skipIf(!nginx)('serves the site under /kb/ with the cache headers the docs promise', async () => {
    const work = mkdtempSync(join(tmpdir(), 'hindsight-nginx-'));
    mkdirSync(join(work, 'www'));
    symlinkSync(site.dist, join(work, 'www', 'kb'));
    const port = await freePort();
    const server = nginxRecipe().replace(/listen 80;/, `listen 127.0.0.1:${port};`).replace(/root \/srv\/www;/, `root ${join(work, 'www')};`);
    const config = join(work, 'nginx.conf');
    writeFileSync(
      config,
      `daemon off;\n# The test's folders are private to the user running it; so are nginx's workers here.\nuser ${userInfo().username};\nworker_processes 1;\npid ${work}/nginx.pid;\nerror_log ${work}/error.log;\nevents {}\nhttp {\n  include /etc/nginx/mime.types;\n  access_log off;\n` +
        ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((temp) => `  ${temp}_temp_path ${work}/${temp};\n`).join('') +
        `${server}\n}\n`,
    );
    expect(spawnSync(nginx!, ['-t', '-c', config, '-p', work], { encoding: 'utf8' }).status).toBe(0);
    const child = spawn(nginx!, ['-c', config, '-p', work], { stdio: 'ignore' });
    try {
      const origin = `http://127.0.0.1:${port}`;
      for (let tries = 0; tries < 50; tries++) {
        if (await fetch(`${origin}/kb/`).then(() => true, () => false)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const home = await fetch(`${origin}/kb/`);
      expect(home.status).toBe(200);
      expect(home.headers.get('cache-control')).toBe('no-cache');
      const html = await home.text();
      const asset = /(?:src|href)="(\/kb\/_astro\/[^"]+)"/.exec(html)?.[1];
      expect(asset, 'the home page loads a hashed asset').toBeDefined();
      const hashed = await fetch(`${origin}${asset}`);
      expect(hashed.status).toBe(200);
      expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const entry = await fetch(`${origin}/kb/pagefind/pagefind-entry.json`);
      expect(entry.headers.get('cache-control')).toBe('no-cache');
      // The index's metadata file is named by its hash, e.g. pagefind.en_83daef2944.pf_meta.
      const entryFile = JSON.parse(readFileSync(join(site.dist, 'pagefind/pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string }> };
      const index = await fetch(`${origin}/kb/pagefind/pagefind.${Object.values(entryFile.languages)[0].hash}.pf_meta`);
      expect(index.status).toBe(200);
      expect(index.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await fetch(`${origin}/kb/incidents/`)).status).toBe(200);
      expect((await fetch(`${origin}/incidents/`)).status, 'nothing outside the base path').toBe(404);
    } finally {
      child.kill();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
