import { RULES, ruleById, type Rule, type RuleLevel } from '../../src/core/rulebook.ts';

/*
 * The rule tables of docs/format.md, written from the rulebook (src/core/rulebook.ts) between
 * `<!-- rules:error -->` and `<!-- /rules:error -->` (and the same for warnings), and a rule's
 * entry as `check --explain` prints it.
 */

/** The Markdown table of the rules of one level. */
export function rulesTable(level: RuleLevel): string {
  const rows = RULES.filter((rule) => rule.level === level).map((rule) => `| \`${rule.id}\` | ${rule.catches} | ${rule.fix} |`);
  return ['| rule | what it catches | what to do |', '|---|---|---|', ...rows].join('\n');
}

/** The doc with its rule tables written anew from the rulebook. */
export function withRuleTables(doc: string): string {
  let out = doc;
  for (const level of ['error', 'warning'] as const) {
    const open = `<!-- rules:${level} -->`;
    const close = `<!-- /rules:${level} -->`;
    const start = out.indexOf(open);
    const end = out.indexOf(close);
    if (start === -1 || end < start) throw new Error(`docs/format.md has no ${open} … ${close} section`);
    out = `${out.slice(0, start + open.length)}\n${rulesTable(level)}\n${out.slice(end)}`;
  }
  return out;
}

/** Markdown's code spans and links as plain text, for a terminal. */
const plain = (text: string) => text.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/`([^`]+)`/g, '$1');

/** A rule's entry for a terminal: what it catches, its level, what to do and an example. */
export function explainRule(rule: Rule): string {
  const indent = (text: string) => text.split('\n').map((line) => `    ${line}`).join('\n');
  return [
    `${rule.id}  (${rule.level}${rule.level === 'warning' ? '; settings.yaml can change it: lint: { ' + rule.id + ': off | warning | error }' : '; always an error'})`,
    '',
    `Catches: ${plain(rule.catches)}`,
    '',
    `What to do: ${plain(rule.fix)}`,
    '',
    'Instead of',
    indent(rule.example.wrong),
    'write',
    indent(rule.example.right),
    '',
    'More: docs/format.md#errors and docs/safety.md',
  ].join('\n');
}

/** `--explain <rule>`: the entry, or why there is none (with the nearest ids). */
export function explain(id: string): { text: string; found: boolean } {
  const rule = ruleById(id);
  if (rule) return { text: explainRule(rule), found: true };
  const near = RULES.filter((candidate) => candidate.id.includes(id) || id.includes(candidate.id.split('-')[0])).map((candidate) => candidate.id);
  return { text: `no rule "${id}"; the rules are: ${(near.length ? near : RULES.map((candidate) => candidate.id)).join(', ')}`, found: false };
}
