import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LINT_RULES, RULES, ruleById } from './rulebook.ts';
import { explain, withRuleTables } from '../../scripts/lib/rules-doc.ts';

const SRC = join(import.meta.dirname, '..');

/** Every rule id the code can give a problem: `rule: 'x'`, `rule: x ? 'a' : 'b'`, NarrativeRule's members. */
function rulesInCode(): Set<string> {
  const found = new Set<string>();
  for (const file of readdirSync(SRC, { recursive: true, encoding: 'utf8' })) {
    if (!/\.ts$/.test(file) || /\.test\.ts$/.test(file) || file.endsWith('rulebook.ts')) continue;
    const text = readFileSync(join(SRC, file), 'utf8');
    for (const line of text.split('\n')) {
      if (!/\brule\b|Rule\b/.test(line)) continue;
      for (const match of line.matchAll(/\brule(?:\?)?:\s*([^,})]+)/g)) for (const id of match[1].matchAll(/'([a-z0-9]+(?:-[a-z0-9]+)*)'/g)) found.add(id[1]);
      const union = /type \w*Rule\w* = ((?:\s*\|?\s*'[a-z0-9-]+')+)/.exec(line);
      if (union) for (const id of union[1].matchAll(/'([a-z0-9-]+)'/g)) found.add(id[1]);
    }
  }
  return found;
}

describe('the rulebook', () => {
  it('holds every rule the code reports', () => {
    const inCode = rulesInCode();
    expect(inCode.size).toBeGreaterThan(20);
    expect([...inCode].filter((id) => !ruleById(id))).toEqual([]);
  });

  it('gives each rule an id, a level, what it catches, what to do and an example that changes something', () => {
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(rule.catches.length).toBeGreaterThan(10);
      expect(rule.fix.length).toBeGreaterThan(5);
      expect(rule.example.wrong).not.toBe(rule.example.right);
    }
  });

  it('lets settings.lint change the warnings, and only them', () => {
    expect(LINT_RULES).toEqual(RULES.filter((rule) => rule.level === 'warning').map((rule) => rule.id));
    expect(LINT_RULES).toContain('blame-person');
    expect(LINT_RULES).not.toContain('secret');
  });

  it('is what docs/format.md shows (run `npm run rules` after changing it)', () => {
    const doc = readFileSync(join(SRC, '../docs/format.md'), 'utf8');
    expect(withRuleTables(doc)).toBe(doc);
  });

  it.each([
    ['narrative-code', true, /always an error[\s\S]*Instead of\n {4}We had \{pods \* 2\} pods\./],
    ['whys-count', true, /warning; settings\.yaml can change it/],
    ['blame', false, /no rule "blame"; the rules are: blame-phrase, blame-person/],
  ])('explains %s', (id, found, text) => {
    const result = explain(id);
    expect(result.found).toBe(found);
    expect(result.text).toMatch(text);
  });
});
