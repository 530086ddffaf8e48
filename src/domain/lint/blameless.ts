/** A finding inside one piece of text: where it is (index into the text), and what to say. */
export interface TextFinding {
  index: number;
  length: number;
  rule: 'blame-phrase' | 'blame-person';
  message: string;
}

const BLAME_PHRASES: readonly string[] = [
  'human error',
  'operator error',
  'user error',
  'careless',
  'carelessly',
  'carelessness',
  'negligent',
  'negligently',
  'negligence',
  'should have known',
  "should've known",
  'should have caught',
  'should have noticed',
  'fault of',
  'his fault',
  'her fault',
  'their fault',
  'screwed up',
  'messed up',
  'incompetent',
  'incompetence',
  'sloppy',
  'lazy',
  'reckless',
  'dropped the ball',
  'blame',
  'blamed',
  'to blame',
  'stupid',
];

const PHRASE = new RegExp(`\\b(?:${[...BLAME_PHRASES].sort((a, b) => b.length - a.length).map(escape).join('|')})\\b`, 'gi');

const FAILURE_VERBS = /\b(?:forgot|forgets|forgotten|forgetting|failed to|fails to|missed|misses|broke|breaks|broken|mistake|mistakes|mistakenly|overlooked|neglected|messed|botched|ignored)\b/gi;

/** How many words may stand between a name and a failure verb. */
const NEAR_WORDS = 4;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * An action owner that looks like a person's name ("Priya Natarajan", "Tom") rather than a team
 * slug ("payments-sre"): capitalised words only.
 */
export function looksLikePersonName(owner: string): boolean {
  return /^\p{Lu}[\p{L}'’]+(?: \p{Lu}[\p{L}'’.]*){0,3}$/u.test(owner.trim());
}

/** The forms of a name worth matching in prose: the full name and the first name. */
export function nameForms(names: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const name of names) {
    const trimmed = name.trim();
    if (!trimmed) continue;
    forms.add(trimmed);
    const first = trimmed.split(/\s+/)[0];
    if (first.length >= 3) forms.add(first);
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * Blame in a piece of prose: blame phrases anywhere, and a person's name within a few words of a
 * failure verb in the same sentence ("Tom forgot to…", "the step Priya missed"). A system that
 * "failed to promote" is not blame: without a name nearby, failure verbs are fine.
 */
export function findBlame(text: string, names: readonly string[]): TextFinding[] {
  const findings: TextFinding[] = [];
  for (const match of text.matchAll(PHRASE)) {
    findings.push({
      index: match.index,
      length: match[0].length,
      rule: 'blame-phrase',
      message: `"${match[0]}" assigns blame; describe the gap in the process or system instead (what made the failure possible, and what will catch it next time)`,
    });
  }
  const forms = nameForms(names);
  if (forms.length === 0) return findings;
  const NAME = new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${forms.map(escape).join('|')})(?![\\p{L}\\p{N}_-])`, 'gu');
  for (const verb of text.matchAll(FAILURE_VERBS)) {
    const sentenceStart = Math.max(text.lastIndexOf('.', verb.index) + 1, text.lastIndexOf('\n\n', verb.index) + 1, 0);
    const nextStop = text.slice(verb.index).search(/[.!?](?:\s|$)|\n\n/);
    const sentenceEnd = nextStop === -1 ? text.length : verb.index + nextStop;
    const sentence = text.slice(sentenceStart, sentenceEnd);
    for (const name of sentence.matchAll(NAME)) {
      const at = sentenceStart + name.index;
      const between = at < verb.index ? text.slice(at + name[0].length, verb.index) : text.slice(verb.index + verb[0].length, at);
      if (wordCount(between) > NEAR_WORDS) continue;
      findings.push({
        index: Math.min(at, verb.index),
        length: Math.max(at + name[0].length, verb.index + verb[0].length) - Math.min(at, verb.index),
        rule: 'blame-person',
        message: `names a person next to "${verb[0]}"; rewrite it as a process gap, e.g. "the release checklist had no step for …" instead of who ${verb[0].toLowerCase()} what`,
      });
      break;
    }
  }
  return findings.sort((a, b) => a.index - b.index);
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
