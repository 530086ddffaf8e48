import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Settings } from '../schemas/settings.ts';
import { findBlame, looksLikePersonName } from '../domain/lint/blameless.ts';
import { findSecrets, redact } from '../domain/lint/secrets.ts';
import { frontmatterWarnings } from '../domain/lint/rules.ts';
import { readProse, type Prose } from './body.ts';
import { problemAt } from './issues.ts';
import { formatField, type Problem } from './problem.ts';
import { position, type Source } from './source.ts';
import type { ValidEntry } from './validate.ts';


/** Frontmatter keys whose values are identifiers, dates or links, not prose. */
const NOT_PROSE_KEYS = new Set([
  'id', 'kind', 'severity', 'status', 'visibility', 'services', 'teams', 'tags', 'timezone', 'started', 'detected', 'resolved',
  'reportCompleted', 'method', 'at', 'mark', 'category', 'owner', 'deadline', 'priority', 'completed', 'ticket', 'rfc',
  'frameworks', 'discovered', 'related', 'repeatOf',
]);

/** Names for the blameless check: settings.people and action owners that look like people. */
export function personNames(settings: Settings, entries: readonly ValidEntry[]): string[] {
  const owners = entries.flatMap((entry) => entry.data.actions.map((action) => action.owner)).filter(looksLikePersonName);
  return [...new Set([...settings.people, ...owners])];
}

/**
 * The linters over one file: secrets (errors, anywhere in the text), MDX syntax (error), blameless
 * language in frontmatter and body prose, and the frontmatter warnings of SPEC section 3.
 * Levels follow settings.lint (`rule-id: off | warning | error`).
 */
export async function lintFile(source: Source, entry: ValidEntry | undefined, settings: Settings, names: readonly string[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  const at = (offset: number, field: string, message: string, rule: string, severity: Problem['severity']): Problem => ({
    file: source.file,
    ...position(source, offset),
    field,
    message,
    severity,
    rule,
  });

  for (const secret of await findSecrets(source.text, source.file)) {
    const shown = redact(source.text.slice(secret.index, secret.index + secret.length));
    problems.push(at(secret.index, fieldAt(source, secret.index), `holds what looks like a ${secret.kind} (${shown}); remove it — a post-mortem must never carry credentials or personal data (rotate the credential if it was real)`, 'secret', 'error'));
  }

  const body = readProse(source.text);
  const prose: { field: string; segment: Prose }[] = [];
  if ('error' in body) {
    problems.push(at(body.error.offset, 'body', `is not valid MDX: ${body.error.message}; in prose write &lt; for "<" and \\{ for "{", or put code in backticks`, 'mdx-syntax', 'error'));
  } else {
    prose.push(...body.prose.filter((segment) => segment.offset >= source.bodyOffset).map((segment) => ({ field: 'body', segment })));
  }
  prose.push(...frontmatterProse(source));
  for (const { field, segment } of prose) {
    for (const finding of findBlame(segment.text, names)) {
      problems.push(at(segment.offset + finding.index, field, finding.message, finding.rule, 'warning'));
    }
  }

  if (entry) {
    for (const finding of frontmatterWarnings(entry.data, settings)) {
      problems.push(problemAt(source, finding.path, finding.message, finding.rule, 'warning'));
    }
  }
  return applyLevels(problems, settings);
}

/** settings.lint may switch a rule off or change its level. */
export function applyLevels(problems: Problem[], settings: Settings): Problem[] {
  return problems.flatMap((problem) => {
    const level = settings.lint[problem.rule];
    if (level === 'off') return [];
    return level ? [{ ...problem, severity: level }] : [problem];
  });
}

/** Every prose string of the frontmatter, with its field path and file offset. */
function frontmatterProse(source: Source): { field: string; segment: Prose }[] {
  const out: { field: string; segment: Prose }[] = [];
  const walk = (node: unknown, path: PropertyKey[]) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (!NOT_PROSE_KEYS.has(key)) walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, [...path, index]));
    } else if (isScalar(node) && typeof node.value === 'string' && node.range) {
      const start = source.frontmatterOffset + (node as Node).range![0];
      // Find the value as written (quotes and block indicators come before it).
      const found = source.text.indexOf(node.value.slice(0, 24), start);
      const offset = found >= 0 && found < source.frontmatterOffset + node.range[1] ? found : start;
      out.push({ field: formatField(path), segment: { text: node.value, offset } });
    }
  };
  walk(source.doc?.contents, []);
  return out;
}

/** The frontmatter field at an offset, or `body`. */
function fieldAt(source: Source, offset: number): string {
  if (offset >= source.bodyOffset) return 'body';
  let found = '(frontmatter)';
  const walk = (node: unknown, path: PropertyKey[]) => {
    const range = (node as Node | undefined)?.range;
    if (!range || offset < source.frontmatterOffset + range[0] || offset > source.frontmatterOffset + range[1]) return;
    found = formatField(path) || found;
    if (isMap(node)) for (const pair of node.items) if (isPair(pair) && isScalar(pair.key)) walk(pair.value, [...path, String(pair.key.value)]);
    if (isSeq(node)) node.items.forEach((item, index) => walk(item, [...path, index]));
  };
  walk(source.doc?.contents, []);
  return found;
}
