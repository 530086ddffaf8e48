import type { z } from 'astro/zod';
import { formatField, type Problem } from './problem.ts';
import { locate, position, type Source } from './source.ts';

/** Turns zod issues into problems located in the source, with a message a person can act on. */
export function issuesToProblems(source: Source, issues: readonly z.core.$ZodIssue[], raw: unknown, schema: z.ZodType): Problem[] {
  return issues.flatMap(unwrapUnknown).flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const path = [...issue.path, key];
        const known = keysAt(schema, issue.path);
        const hint = suggest(key, known) || (known.length && known.length <= 12 ? `; remove it, or use one of: ${known.join(', ')}` : '');
        return problemAt(source, path, hint ? `is not a known field${hint}` : 'is not a known field; remove it or fix its spelling', 'schema', 'error', 'key');
      });
    }
    const value = valueAt(raw, issue.path);
    // A custom issue may name its rule (params.rule); otherwise the field it is on decides.
    const rule = issue.code !== 'custom' ? 'schema' : ((issue.params?.rule as string | undefined) ?? ruleOf(issue.path));
    return [problemAt(source, issue.path, describe(issue, value), rule)];
  });
}

/**
 * A field that may be `unknown` (unknownOr in schemas/common.ts) is a union of that word and the
 * field's own schema; when neither fits, what the author needs is the field's own complaint.
 */
function unwrapUnknown(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const isUnknownBranch = (branch: readonly z.core.$ZodIssue[]) =>
    branch.length === 1 && branch[0].code === 'invalid_value' && branch[0].values.length === 1 && branch[0].values[0] === 'unknown';
  if (issue.errors.length !== 2 || !issue.errors.some(isUnknownBranch)) return [issue];
  const own = issue.errors.find((branch) => !isUnknownBranch(branch))!;
  return own.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as z.core.$ZodIssue).flatMap(unwrapUnknown);
}

export function problemAt(source: Source, path: readonly PropertyKey[], message: string, rule: string, severity: Problem['severity'] = 'error', at: 'value' | 'key' = 'value'): Problem {
  const { line, column } = position(source, locate(source, path, at));
  return { file: source.file, line, column, field: formatField(path), message, severity, rule };
}

function ruleOf(path: readonly PropertyKey[]): string {
  if (path[0] === 'timeline') return 'timeline-order';
  if (path[0] === 'actions') return 'action';
  if (path[0] === 'related' || path[0] === 'repeatOf') return 'reference';
  if (['started', 'detected', 'resolved', 'reportCompleted'].includes(String(path[0]))) return path.length === 1 ? 'time-order' : 'schema';
  return 'schema';
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  const shown = show(value);
  switch (issue.code) {
    case 'invalid_type': {
      // YAML's .nan and .inf are numbers to the parser, but no amount or count.
      if (typeof value === 'number' && !Number.isFinite(value) && issue.expected === 'number') return `must be a finite number, not ${shown}; write the figure in digits, e.g. 12000`;
      const custom = !issue.message.startsWith('Invalid input');
      if (value === undefined) return custom ? `is required; it ${issue.message}` : `is required (expected ${article(issue.expected)})`;
      // `event: Deploy: rollback` reads as a mapping: the second ": " needs the value quoted.
      if (issue.expected === 'string' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        return `must be a text, not a mapping; a value that contains ": " must be quoted, e.g. "${Object.entries(value as object).map(([key, inner]) => `${key}: ${String(inner)}`)[0] ?? '…'}"`;
      }
      return custom ? `${issue.message}, not ${shown}` : `must be ${article(issue.expected)}, not ${shown}`;
    }
    case 'invalid_value':
      // zod reports a missing enum field as invalid_value, not invalid_type.
      if (value === undefined) return `is required; use one of: ${issue.values.map(String).join(', ')}`;
      return `${shown} is not allowed; use one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
    case 'too_small':
    case 'too_big':
    case 'custom':
    case 'invalid_union':
    default:
      return value === undefined && issue.code !== 'custom' ? `is required; ${issue.message}` : issue.message.startsWith('"') || issue.code === 'custom' ? issue.message : `${issue.message} (found ${shown})`;
  }
}

function article(expected: string): string {
  const names: Record<string, string> = { string: 'a text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a mapping of fields', int: 'a whole number' };
  return names[expected] ?? expected;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (empty)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  // As YAML writes them (JSON would say null).
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? '.nan (not a number)' : value > 0 ? '.inf (infinity)' : '-.inf (minus infinity)';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…"` : text;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined), raw);
}

/** The field names the schema allows at a path, for "did you mean" hints. */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let def = unwrap(schema);
  for (const key of path) {
    if (def?.type === 'object') def = unwrap(def.shape?.[key as string]);
    else if (def?.type === 'array') def = unwrap(def.element);
    else return [];
  }
  if (def?.type === 'object') return Object.keys(def.shape ?? {});
  // A record keyed by an enum (settings.lint) knows its keys too.
  const keys = (def?.keyType as unknown as { _zod?: { def: { entries?: Record<string, string> } } } | undefined)?._zod?.def.entries;
  return keys ? Object.keys(keys) : [];
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  keyType?: z.ZodType;
}

function unwrap(schema: z.ZodType | undefined): Def | undefined {
  let def = (schema as unknown as { _zod?: { def: Def } } | undefined)?._zod?.def;
  while (def && (def.innerType || def.in || def.type === 'union')) {
    const next = def.innerType ?? def.in ?? def.options?.find((option) => (option as unknown as { _zod: { def: Def } })._zod.def.type === 'object');
    if (!next) break;
    def = (next as unknown as { _zod: { def: Def } })._zod.def;
  }
  return def;
}

function suggest(key: string, candidates: readonly string[]): string {
  const best = candidates
    .map((candidate) => ({ candidate, distance: distance(key.toLowerCase(), candidate.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance)[0];
  return best && best.distance <= Math.max(2, Math.floor(key.length / 3)) ? `; did you mean "${best.candidate}"? Rename it` : '';
}

/** Levenshtein distance, for "did you mean" hints on misspelt keys. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}
