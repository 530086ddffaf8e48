import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Settings } from '../schemas/settings.ts';
import { findBlame, looksLikePersonName } from '../domain/lint/blameless.ts';
import { findPersonalData } from '../domain/lint/personal.ts';
import { findSecrets, redact, type SecretFinding } from '../domain/lint/secrets.ts';
import { oneFindingPerStretch, type Span } from '../domain/lint/spans.ts';
import { frontmatterWarnings } from '../domain/lint/rules.ts';
import { readProse } from './body.ts';
import { decodedText, valueOffsets, type DecodedText } from './decoded.ts';
import { problemAt } from './issues.ts';
import { formatField, type Problem } from './problem.ts';
import { position, readYamlFile, type Source } from './source.ts';
import type { ValidEntry } from './validate.ts';

/** Frontmatter keys whose values are identifiers, dates or links, not prose. */
const NOT_PROSE_KEYS = new Set([
  'id', 'kind', 'severity', 'status', 'visibility', 'services', 'teams', 'tags', 'timezone', 'started', 'detected', 'resolved',
  'reportCompleted', 'method', 'at', 'mark', 'category', 'owner', 'deadline', 'priority', 'completed', 'ticket', 'rfc',
  'frameworks', 'discovered', 'related', 'repeatOf',
]);

/** Names for the blameless check: settings.people and action owners that look like people. */
export function personNames(settings: Settings, entries: readonly ValidEntry[]): string[] {
  const owners = entries.flatMap((entry) => entry.data.actions.flatMap((action) => (action.owner === null ? [] : [action.owner]))).filter(looksLikePersonName);
  return [...new Set([...settings.people, ...owners])];
}

/**
 * The linters over one file: secrets (errors, anywhere in the text), MDX syntax (error), blameless
 * language in frontmatter and body prose, and the frontmatter warnings of docs/format.md#warnings.
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

  const decoded = decodedText(source, entry?.data ?? source.data);
  const secrets = await secretsIn(source, decoded);
  for (const secret of secrets) problems.push(secretProblem(source, secret));
  for (const found of personalDataIn(source, decoded, secrets)) {
    const shown = redact(found.text);
    const instead = found.kind === 'email address' ? 'name the role or team instead, or use a role address (oncall@…) or one at example.com' : 'name the role or team to call instead';
    problems.push(at(found.index, fieldAt(source, found.index), `holds what looks like a person's ${found.kind} (${shown}); ${instead} — a post-mortem must not carry personal data`, 'personal-data', 'warning'));
  }

  const body = readProse(source.text, source.bodyOffset, { allowCode: settings.narratives.code, markdown: source.file.endsWith('.md') });
  const prose: ProseField[] = [];
  if ('error' in body) {
    const message = body.error.rule === 'mdx-syntax' ? `is not valid MDX: ${body.error.message}; in prose write &lt; for "<" and \\{ for "{", or put code in backticks` : body.error.message;
    problems.push(at(body.error.offset, 'body', message, body.error.rule, 'error'));
    for (const more of body.more ?? []) problems.push(at(more.offset, 'body', `is not valid MDX: ${more.message}; in prose write &lt; for "<" and \\{ for "{", or put code in backticks`, 'mdx-syntax', 'error'));
  } else {
    for (const segment of body.prose) prose.push({ field: 'body', text: segment.text, offsetOf: (index: number) => segment.offset + index });
    for (const finding of body.unsafe) problems.push(at(finding.offset, 'body', finding.message, finding.rule, finding.rule === 'narrative-attribute' ? 'warning' : 'error'));
  }
  for (const field of frontmatterProse(source, entry?.data)) prose.push(field);
  for (const { field, text, offsetOf } of prose) {
    for (const finding of findBlame(text, names)) {
      problems.push(at(offsetOf(finding.index), field, finding.message, finding.rule, 'warning'));
    }
  }

  for (const cut of commentCuts(source)) problems.push(at(cut.offset, cut.field, cut.message, 'yaml-comment', 'warning'));
  if (entry) {
    for (const finding of frontmatterWarnings(entry.data, settings)) {
      problems.push(problemAt(source, finding.path, finding.message, finding.rule, 'warning'));
    }
  }
  return applyLevels(problems, settings);
}

/**
 * Every secret in a source: in its text as written (found ahead, or now) and in what reads otherwise
 * than it is written (decoded.ts), each place once. Remembered for the source.
 */
async function secretsIn(source: Source, decoded: DecodedText | undefined): Promise<SecretFinding[]> {
  const written = writtenSecrets.get(source) ?? (await findSecrets(source.text, source.file));
  const read = decoded ? inFile(decoded, await findSecrets(decoded.text, source.file)) : [];
  const secrets = read.length ? oneFindingPerStretch([...written, ...read]) : written;
  secretsBySource.set(source, secrets);
  return secrets;
}

function secretProblem(source: Source, secret: SecretFinding): Problem {
  const shown = redact(secret.text ?? source.text.slice(secret.index, secret.index + secret.length));
  const message = `holds what looks like a ${secret.kind} (${shown}); remove it — a post-mortem must never carry credentials or personal data (rotate the credential if it was real)`;
  return { file: source.file, ...position(source, secret.index), field: fieldAt(source, secret.index), message, severity: 'error', rule: 'secret' };
}

/** Findings in decoded text, placed in the file, each with the text it found (as it reads). */
function inFile<T extends Span>(decoded: DecodedText, findings: readonly T[]): (T & { text: string })[] {
  return findings.map((finding) => {
    const index = decoded.offsetOf(finding.index);
    const end = decoded.offsetOf(finding.index + finding.length - 1) + 1;
    return { ...finding, index, length: Math.max(1, end - index), text: decoded.text.slice(finding.index, finding.index + finding.length) };
  });
}

/** People's email addresses and phone numbers in a source, as written and as read; not where a secret was found. */
function personalDataIn(source: Source, decoded: DecodedText | undefined, secrets: readonly Span[]) {
  const written = findPersonalData(source.text).map((found) => ({ ...found, text: source.text.slice(found.index, found.index + found.length) }));
  const read = decoded ? inFile(decoded, findPersonalData(decoded.text)) : [];
  const overlaps = (a: Span, b: Span) => a.index < b.index + b.length && b.index < a.index + a.length;
  return oneFindingPerStretch([...written, ...read]).filter((found) => !secrets.some((secret) => overlaps(found, secret)));
}

/**
 * settings.yaml's secrets, as problems: the file is committed with the library, so a token pasted
 * there leaks like one in a post-mortem. Its source too, to scrub other messages about it.
 */
export async function lintSettingsFile(file: string, text: string | undefined): Promise<{ problems: Problem[]; sources: Source[] }> {
  if (text === undefined) return { problems: [], sources: [] };
  const source = readYamlFile(file, text);
  const secrets = await secretsIn(source, decodedText(source, source.data));
  return { problems: secrets.map((secret) => secretProblem(source, secret)), sources: [source] };
}

/** The secrets found in each source as written, ahead of lintFile (findSecretsAhead). */
const writtenSecrets = new WeakMap<Source, SecretFinding[]>();
/** The secrets lintFile found in each source, so other messages about the file can be scrubbed. */
const secretsBySource = new WeakMap<Source, SecretFinding[]>();

/** The secrets found in a source so far: all of them once lintFile linted it, else those found ahead as written. */
export function secretsFoundIn(source: Source): SecretFinding[] | undefined {
  return secretsBySource.get(source) ?? writtenSecrets.get(source);
}

/**
 * Finds the secrets of sources ahead of lintFile, in order, until `until` settles: work for a
 * thread that would otherwise wait for another (load.ts, helper.ts). Every few files it lets
 * messages in, so it stops soon after the one awaited arrives.
 */
export async function findSecretsAhead(sources: Iterable<Source>, until: Promise<unknown>): Promise<void> {
  let settled = false;
  const stop = () => (settled = true);
  until.then(stop, stop);
  let count = 0;
  for (const source of sources) {
    if (++count % 16 === 0) await new Promise(setImmediate);
    if (settled) return;
    if (!secretsBySource.has(source) && !writtenSecrets.has(source)) writtenSecrets.set(source, await findSecrets(source.text, source.file));
  }
}

/** Remembers the secrets found in a source by lintFile elsewhere (a helper thread, helper.ts). */
export function rememberSecrets(source: Source, secrets: SecretFinding[]): void {
  secretsBySource.set(source, secrets);
}

/**
 * Problems whose message quotes a secret from its file — a schema error that echoes the value of a
 * field where a token was pasted, a reference to a "post-mortem id" that is a key — with every
 * quoted secret cut to its first 4 characters. Run it over all problems before printing them.
 */
export async function redactSecretEchoes(problems: readonly Problem[], sources: readonly Source[]): Promise<Problem[]> {
  const byFile = new Map(sources.map((source) => [source.file, source]));
  const secretsOf = new Map<string, string[]>();
  const out: Problem[] = [];
  for (const problem of problems) {
    const source = byFile.get(problem.file);
    if (!source || problem.rule === 'secret') {
      out.push(problem);
      continue;
    }
    let secrets = secretsOf.get(problem.file);
    if (!secrets) {
      const found = secretsBySource.get(source) ?? (await secretsIn(source, decodedText(source, source.data)));
      secrets = found.flatMap((secret) => [source.text.slice(secret.index, secret.index + secret.length), ...(secret.text ? [secret.text] : [])]);
      secretsOf.set(problem.file, secrets);
    }
    const message = secrets.reduce(scrub, problem.message);
    out.push(message === problem.message ? problem : { ...problem, message });
  }
  return out;
}

/** Replaces every run of more than 4 characters of `secret` (from its start) in `message`. */
function scrub(message: string, secret: string): string {
  const head = secret.slice(0, 5);
  let out = '';
  let from = 0;
  for (let at = message.indexOf(head); at !== -1; at = message.indexOf(head, from)) {
    let length = 5;
    while (length < secret.length && message[at + length] === secret[length]) length++;
    out += message.slice(from, at) + redact(secret);
    from = at + length;
  }
  return out + message.slice(from);
}

/** settings.lint may switch a rule off or change its level (secrets and MDX syntax are not among its keys; personal data is). */
export function applyLevels(problems: Problem[], settings: Settings): Problem[] {
  return problems.flatMap((problem) => {
    const level = settings.lint[problem.rule as keyof Settings['lint']];
    if (level === 'off') return [];
    return level ? [{ ...problem, severity: level }] : [problem];
  });
}

/** A piece of prose to lint, and where each of its characters sits in the file. */
interface ProseField {
  field: string;
  text: string;
  offsetOf: (index: number) => number;
}

/**
 * Every prose string of the frontmatter, with its field path and file offsets. The strings come
 * from the data — the entry's when the file passed the schema (the same strings, with defaults
 * that are not prose), else as read — and where one sits in the file is looked up only for a
 * finding (source.ts).
 */
function frontmatterProse(source: Source, data: unknown): ProseField[] {
  return proseStrings(data ?? source.data).map(({ path, text }) => {
    let offsets: number[] | undefined;
    return { field: formatField(path), text, offsetOf: (index: number) => (offsets ??= valueOffsets(source, path, text))[Math.min(index, offsets.length - 1)] };
  });
}

/** Every prose string of frontmatter data, with its field path: values under NOT_PROSE_KEYS are left out. */
export function proseStrings(data: unknown): { path: PropertyKey[]; text: string }[] {
  const out: { path: PropertyKey[]; text: string }[] = [];
  const walk = (value: unknown, path: PropertyKey[]) => {
    if (typeof value === 'string') out.push({ path, text: value });
    else if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, index]));
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) if (!NOT_PROSE_KEYS.has(key)) walk(item, [...path, key]);
  };
  walk(data, []);
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

/**
 * Plain values that YAML cut short at " #": `title: Fix for issue #123` is the title "Fix for
 * issue", the rest a comment. A comment written on purpose has a space after its "#"; a "#" glued
 * to a word right after a value is almost always part of the value. Block scalars (| and >) hold
 * "#" as text and are skipped.
 */
function commentCuts(source: Source): { offset: number; field: string; message: string }[] {
  const text = source.frontmatter;
  if (text === undefined || !text.includes(' #')) return [];
  const cuts: { offset: number; field: string; message: string }[] = [];
  let blockIndent = -1;
  let at = 0;
  for (const line of text.split('\n')) {
    const indent = /^ */.exec(line)![0].length;
    if (blockIndent >= 0 && (line.trim() === '' || indent > blockIndent)) {
      at += line.length + 1;
      continue;
    }
    blockIndent = -1;
    // A key's value or a list item's (`key: value`, `- value`, `- key: value`), not quoted, not a block or flow.
    const value = /^( *(?:- +(?:[^\s:#'"][^:#]*:[ \t]+)?|[^\s:#'"-][^:#]*:[ \t]+))([^\s'"\[{|>#&*!%@`][^#\n]*?)[ \t]#(\S.*)$/.exec(line);
    if (value) {
      const offset = source.frontmatterOffset + at + value[1].length;
      cuts.push({
        offset,
        field: fieldAt(source, offset),
        message: `is cut short at " #": YAML reads "#${value[3]}" as a comment, so the value is "${value[2].trim()}"; put the value in quotes to keep it whole`,
      });
    }
    if (/(?:^|[:\-][ \t]+)[|>][-+0-9]*[ \t]*(?:#.*)?$/.test(line)) blockIndent = indent;
    at += line.length + 1;
  }
  return cuts;
}
