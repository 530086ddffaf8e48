// Hostile and broken libraries end to end (docs/safety.md): `check` and the build must answer
// every one with file:line problems — never a stack trace, a signal or a hang — and nothing an
// author wrote may run on the build machine or in a reader's browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, ROOT, type BuildResult } from './helpers/build.ts';
import { useLibraries } from './helpers/library.ts';
import type { Browser } from 'playwright-core';
import { launchBrowser, serve, type StaticServer } from './helpers/browser.ts';

const NODE = join(ROOT, 'node_modules/.bin/node');
const makeLibrary = useLibraries('hostile');

/** A valid post-mortem with this id and narrative (and frontmatter lines replaced as given). */
function postmortem(id: string, body: string, replace: Record<string, string> = {}): string {
  let text = `---
title: Search latency doubled after a deploy ${id}
id: ${id}
severity: SEV-2
status: published
visibility: public
services: [search-api]
started: 2026-05-12T10:00:00Z
detected: 2026-05-12T10:05:00Z
resolved: 2026-05-12T11:00:00Z
detection: { method: monitoring }
impact: { usersAffected: 100, revenueLost: 0, slaBreached: false }
timeline:
  - at: "10:00"
    event: Deploy started
  - at: "11:00"
    event: Rolled back
    mark: resolved
whys: [One, Two, Three, Four, Five]
rootCause: { category: capacity, summary: A change reached production without a canary }
factors: { monitoring: 1, testing: 1, documentation: 0, process: 1, knowledge-concentration: 0, capacity: 0, third-party: 0, communication: 0, change-management: 2, technical-debt: 0 }
wentWell: [Fast rollback, Clear roles, Good alerting]
---

${body}
`;
  for (const [from, to] of Object.entries(replace)) text = text.replace(from, to);
  return text;
}

const library = (files: Record<string, string>, settings = 'name: Hostile\ntimezone: UTC\n') => makeLibrary(files, settings);

function check(dir: string, env: Record<string, string> = {}) {
  const started = Date.now();
  const result = spawnSync(NODE, [join(ROOT, 'scripts/check.ts')], {
    cwd: dir,
    env: { ...process.env, HINDSIGHT_CONTENT: dir, HINDSIGHT_CACHE_DIR: join(dir, '.cache'), HINDSIGHT_NOW: '2026-11-27', NO_COLOR: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  return { code: result.status, signal: result.signal, output: result.stdout + result.stderr, ms: Date.now() - started };
}

/** A stack frame, as Node prints them: the sign of a crash rather than a report. */
const STACK_FRAME = /^\s+at .+(?:\(|:\d+:\d+)/m;

// Every narrative here would run code on the build machine or in a reader's browser, or crash a
// parser; each file must be named by at least one error line.
const CODE = {
  'env.mdx': 'Home: {process.env.HOME}\n',
  'exec.mdx': "{require('child_process').execSync('id').toString()}\n",
  'import.mdx': "import { execSync } from 'node:child_process';\n\nRan {execSync('id')}.\n",
  'export.mdx': 'export const home = process.env.HOME;\n\nHome: {home}\n',
  'undefined-name.mdx': 'The pool held {poolSize} connections.\n',
  'component.mdx': '<Callout type="warning">Careful</Callout>\n',
  'member-component.mdx': '<ui.Box>x</ui.Box>\n',
  'attribute-expression.mdx': '<a href={`https://x.example/${process.env.HOME}`}>link</a>\n',
  'spread.mdx': '<div {...process.env}>x</div>\n',
  'script.mdx': '<script>alert(document.cookie)</script>\n',
  'style.mdx': '<style>body { display: none }</style>\n',
  'iframe.mdx': '<iframe srcdoc="<script>parent.alert(1)</script>"></iframe>\n',
  'object.mdx': '<object data="https://x.example/x.swf"></object>\n',
  'form.mdx': '<form action="https://x.example/steal"><input name="password" /></form>\n',
  'handler.mdx': '<img src="https://x.example/a.png" alt="" onError="alert(1)" />\n',
  'javascript-link.mdx': '[click me](javascript:alert(1))\n',
  'entity-javascript.mdx': '<a href="jav&#x09;ascript:alert(1)">x</a>\n',
  'vbscript.mdx': '[x](vbscript:msgbox(1))\n',
  'data-link.mdx': '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n',
  'svg.mdx': '<svg onload="alert(1)"><circle r="1" /></svg>\n',
  'missing-image.mdx': '![the pool](./pool.png)\n',
  'outside-image.mdx': '![passwd](../../../../etc/passwd.png)\n',
  'deep-quote.mdx': `${'>'.repeat(40_000)} deep\n`,
  'deep-expression.mdx': `{${'('.repeat(40_000)}1${')'.repeat(40_000)}}\n`,
  'deep-list.mdx': `${Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}- level`).join('\n')}\n`,
} as const;

// Broken in other ways: frontmatter and file names.
const BROKEN: Record<string, string> = {
  'list-frontmatter.mdx': '---\n- a\n- b\n---\n\nText.\n',
  'string-frontmatter.mdx': '---\njust a string\n---\n\nText.\n',
  'alias-bomb.mdx': `---\n${['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n')}\n---\n\nText.\n`,
  'deep-yaml.mdx': `---\ntitle: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n---\n\nText.\n`,
  'Notes.md': '# Just notes\n',
  'upper.MDX': postmortem('UPPER-1', 'Text.\n'),
  '.hidden.mdx': postmortem('HIDDEN-1', 'Text.\n'),
  'bad#name.mdx': postmortem('HASH-1', 'Text.\n'),
  'huge-money.mdx': postmortem('MONEY-1', 'Text.\n', { 'revenueLost: 0': 'revenueLost: 1e308' }),
  'nan-money.mdx': postmortem('MONEY-2', 'Text.\n', { 'revenueLost: 0': 'revenueLost: .nan' }),
  'year-9999.mdx': postmortem('YEAR-1', 'Text.\n', { 'started: 2026-05-12T10:00:00Z': 'started: 9999-05-12T10:00:00Z' }),
  'year-1900.mdx': postmortem('YEAR-2', 'Text.\n', { 'resolved: 2026-05-12T11:00:00Z': 'resolved: 1900-05-12T11:00:00Z' }),
  'long-id.mdx': postmortem(`L${'o'.repeat(299)}`, 'Text.\n'),
  'blank-title.mdx': postmortem('BLANK-1', 'Text.\n', { 'title: Search latency doubled after a deploy BLANK-1': 'title: "   "' }),
  'case-a.mdx': postmortem('CASE-1', 'Text.\n'),
  'case-b.mdx': postmortem('case-1', 'Text.\n'),
  'later-repeat.mdx': postmortem('REPEAT-1', 'Text.\n', { 'services: [search-api]': 'services: [search-api]\nrepeatOf: REPEAT-2' }),
  'later-repeat-target.mdx': postmortem('REPEAT-2', 'Text.\n', { 'started: 2026-05-12T10:00:00Z': 'started: 2026-05-12T10:30:00Z' }),
};

// Merely big: checked without a crash (its problems, if any, are not the point).
const BIG = { 'many-paragraphs.mdx': postmortem('BIG-1', 'A paragraph.\n\n'.repeat(150_000)) };

describe('a hostile library', () => {
  let dir: string;
  let result: ReturnType<typeof check>;
  beforeAll(() => {
    dir = library({ ...Object.fromEntries(Object.entries(CODE).map(([name, body], index) => [name, postmortem(`HOSTILE-${index}`, body)])), ...BROKEN, ...BIG });
    writeFileSync(join(dir, 'secret.mdx'), postmortem('LINKED-1', 'Secret: AKIAIOSFODNN7EXAMPLE\n'));
    symlinkSync(join(dir, 'secret.mdx'), join(dir, 'postmortems', 'linked.mdx'));
    result = check(dir);
  });

  it('is answered by check with exit 1, no signal and no stack trace, within seconds', () => {
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(result.output).not.toMatch(STACK_FRAME);
    expect(result.ms).toBeLessThan(60_000);
  });

  it.each([...Object.keys(CODE), ...Object.keys(BROKEN).filter((name) => name !== 'later-repeat-target.mdx' && name !== 'case-a.mdx'), 'linked.mdx'])('names %s with file:line and an error', (name) => {
    const escaped = name.replace(/[.#]/g, '\\$&');
    expect(result.output).toMatch(new RegExp(`postmortems/${escaped}:\\d+:\\d+ .*\\[error: [a-z-]+\\]`));
  });

  it('stops the build with the same problems, no stack trace, and nothing of the environment in the output', async () => {
    const build: BuildResult = await buildSite(dir);
    expect(build.code).not.toBe(0);
    expect(build.output).not.toMatch(STACK_FRAME);
    expect(build.output).toMatch(/postmortems\/env\.mdx:\d+:\d+ .*\[error: narrative-code\]/);
    const home = process.env.HOME ?? '/root';
    const files = existsSync(build.outDir) ? readdirSync(build.outDir, { recursive: true, encoding: 'utf8' }) : [];
    for (const file of files) {
      const path = join(build.outDir, file);
      if (/\.(?:html|json|xml|js|txt)$/.test(file)) expect(readFileSync(path, 'utf8')).not.toContain(`Home: ${home}`);
    }
  });
});

describe('an odd but harmless library', () => {
  // What passes check (with warnings at most) and is built: what the renderer keeps of it.
  const ODD = [
    '## Odd but allowed',
    '',
    '<span class="warning" style="position:fixed;top:0;left:0">restyled?</span>',
    '',
    '<a href="ftp://files.example/x">an FTP link</a> and <a href="https://runbooks.example/db" target="_blank">a runbook</a>',
    '',
    '<details><summary>More</summary>Hidden text.</details>',
    '',
    'A literal \\{brace\\} and `{inline code}`, and code:',
    '',
    '```js',
    "import { execSync } from 'node:child_process'; // shown, never run",
    '```',
    '',
  ].join('\n');
  let dir: string;
  let build: BuildResult;
  let site: StaticServer;
  let chromium: Browser;
  beforeAll(async () => {
    dir = library({ 'odd.mdx': postmortem('ODD-1', ODD), 'plain.mdx': postmortem('ODD-2', 'Plain text.\n'), 'notes.txt': 'not a post-mortem\n' });
    build = await buildSite(dir);
    if (build.code === 0) site = await serve(build.outDir);
    chromium = await launchBrowser();
  });
  afterAll(async () => {
    await site?.close();
    await chromium?.close();
  });

  it('checks with warnings only (dropped attributes, a stray file), and builds', () => {
    const result = check(dir);
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/odd\.mdx:\d+:\d+\s+body\s+.*dropped from the page .*\[warning: narrative-attribute\]/);
    expect(result.output).toMatch(/notes\.txt:1:1\s+\(file\)\s+is not a post-mortem .*\[warning: content-file\]/);
    expect(build.code, build.output).toBe(0);
  });

  it('keeps the text and drops what could restyle or escape the page, and runs no script of the author in Chromium', async () => {
    const page = await chromium.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${site.url}/incidents/ODD-1/`);
    const article = page.locator('article');
    await expect(article.getByText('restyled?').count()).resolves.toBe(1);
    expect(await page.locator('article [style*="position"], article [target], article a[href^="ftp:"], iframe, object, embed').count()).toBe(0);
    expect(await page.locator('article details summary').textContent()).toBe('More');
    // Every script on the page is the site's own: bundled by Astro, or hashed in the page's CSP.
    const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/frame-src 'none'/);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
