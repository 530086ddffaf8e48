import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { JSON_SCHEMA, load } from 'js-yaml';
import { listPostmortems } from '../../src/ingestion/load.ts';

/**
 * The floor of the benchmark: the same post-mortems built by Hugo (the generator a docs-as-code
 * team would pick) with a minimal template, `scripts/bench/hugo/`, then indexed by Pagefind.
 */
export const HUGO_TEMPLATE = resolve(import.meta.dirname, '../bench/hugo');

/** Hugo's version line, or null when no `hugo` is on the PATH. */
export function hugoVersion(command = 'hugo'): string | null {
  const result = spawnSync(command, ['version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

export const HUGO_MISSING = 'hugo is not installed: the Hugo + Pagefind baseline is left out (on Debian: apt-get install hugo; any Hugo from 0.111 on)';

type Data = Record<string, unknown>;

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const cell = (value: unknown): string => text(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * One post-mortem as Hugo Markdown: JSON front matter (title, date, draft, id, severity,
 * services) and a body with what the post-mortem page shows as text — summary, timeline, whys,
 * root cause, actions, what went well — followed by the narrative. MDX's import and export lines
 * are dropped; the generated narratives are plain Markdown otherwise.
 */
export function toHugoMarkdown(source: string): { id: string; markdown: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) throw new Error('no front matter');
  const data = (load(match[1], { schema: JSON_SCHEMA }) ?? {}) as Data;
  const id = text(data.id);
  const lines: string[] = [];
  const impact = data.impact as Data | undefined;
  if (impact?.summary) lines.push(text(impact.summary), '');
  const timeline = Array.isArray(data.timeline) ? (data.timeline as Data[]) : [];
  if (timeline.length) lines.push('## Timeline', '', ...timeline.map((entry) => `- **${text(entry.at)}** ${text(entry.event)}`), '');
  const whys = Array.isArray(data.whys) ? data.whys : [];
  if (whys.length) lines.push('## Five whys', '', ...whys.map((why, i) => `${i + 1}. ${text(why)}`), '');
  const root = data.rootCause as Data | undefined;
  if (root?.summary) lines.push('## Root cause', '', `${text(root.category)}: ${text(root.summary)}`, '');
  const actions = Array.isArray(data.actions) ? (data.actions as Data[]) : [];
  if (actions.length) {
    lines.push('## Actions', '', '| Action | Owner | Deadline | Priority | Status |', '| --- | --- | --- | --- | --- |');
    for (const action of actions) lines.push(`| ${cell(action.title)} | ${cell(action.owner)} | ${cell(action.deadline)} | ${cell(action.priority)} | ${cell(action.status)} |`);
    lines.push('');
  }
  const wentWell = Array.isArray(data.wentWell) ? data.wentWell : [];
  if (wentWell.length) lines.push('## What went well', '', ...wentWell.map((item) => `- ${text(item)}`), '');
  const narrative = match[2].split('\n').filter((line) => !/^(import|export)\s/.test(line)).join('\n');
  const front = {
    title: text(data.title),
    date: text(data.started),
    draft: text(data.status || 'published') !== 'published',
    id,
    severity: text(data.severity),
    services: Array.isArray(data.services) ? data.services.map(text) : [],
  };
  return { id, markdown: `${JSON.stringify(front, null, 2)}\n\n${lines.join('\n')}\n${narrative}` };
}

/** A Hugo site in `target`: the template and every post-mortem of the content root converted. */
export function hugoSite(target: string, content: string): string {
  cpSync(HUGO_TEMPLATE, target, { recursive: true });
  const incidents = join(target, 'content/incidents');
  mkdirSync(incidents, { recursive: true });
  writeFileSync(join(target, 'content/incidents/_index.md'), '{ "title": "Incidents" }\n');
  for (const file of listPostmortems(join(content, 'postmortems'))) {
    const { id, markdown } = toHugoMarkdown(readFileSync(file, 'utf8'));
    writeFileSync(join(incidents, `${id.toLowerCase() || file.replace(/^.*\/|\.mdx?$/g, '')}.md`), markdown);
  }
  return target;
}
