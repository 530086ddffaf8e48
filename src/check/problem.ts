export type Severity = 'error' | 'warning';

/** One finding about one file, located as precisely as the source allows. */
export interface Problem {
  /** Path of the file as the user would type it (relative to the working directory). */
  file: string;
  line: number;
  column: number;
  /** Field path such as `actions[1].deadline`, or `body` for the narrative. */
  field: string;
  message: string;
  severity: Severity;
  /** Stable rule id, e.g. `schema`, `timeline-order`, `action-deadline`. */
  rule: string;
}

/** `actions[1].deadline` from `['actions', 1, 'deadline']`. */
export function formatField(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** `file:line:col  field  message  [severity: rule]` — the one line format every command prints. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}  ${p.field || '(file)'}  ${p.message}  [${p.severity}: ${p.rule}]`;
}

export function byPosition(a: Problem, b: Problem): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}
