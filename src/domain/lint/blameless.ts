import { oneFindingPerStretch } from './spans.ts';

/** A finding inside one piece of text: where it is (index into the text), and what to say. */
export interface TextFinding {
  index: number;
  length: number;
  rule: 'blame-phrase' | 'blame-person';
  message: string;
}

/**
 * Blame phrases, matched as whole words anywhere in prose, in any case. A space stands for any
 * run of white space (prose wraps), an apostrophe for ' or ’.
 */
export const BLAME_PHRASES: readonly string[] = [
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
  'fault of',
  'his fault',
  'her fault',
  'their fault',
  'my fault',
  'your fault',
  'whose fault',
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
  'blames',
  'blaming',
  'to blame',
  'stupid',
];

/**
 * What may follow a phrase without making it blame: "lazy loading" is a technique, "user error
 * messages" are messages shown to users, a Kubernetes "operator error rate" is a metric, and
 * "blame-free" says the opposite.
 */
const NOT_BLAME_AFTER: Record<string, string> = {
  lazy: String.raw`(?![\s-]+(?:load|init|eval|import|fetch|compil|instantiat|evaluat))`,
  'user error': String.raw`(?!\s+(?:message|rate|budget|page|code|log|count|response|state|handling|dialog|toast|banner|screen)s?\b)`,
  'operator error': String.raw`(?!\s+(?:message|rate|budget|code|log|count|loop|state|handling|event)s?\b)`,
  blame: String.raw`(?!-(?:free|aware|less))`,
};

/** "git blame" is a command, not an accusation. */
const NOT_BLAME_BEFORE: Record<string, string> = {
  blame: String.raw`(?<!\bgit\s+)`,
};

/** Phrases that "no", "not", "nobody", "without"… just before turn into the opposite: "nobody is to blame". */
const NEGATABLE = /blam|fault/i;
const NEGATION_BEFORE = /\b(?:no|not|never|nobody|without|no one|none|neither|nor)\b(?:\s+[\p{L}'’-]+){0,2}\s+$|n['’]t(?:\s+[\p{L}'’-]+){0,2}\s+$/iu;

const PHRASE = new RegExp(
  [...BLAME_PHRASES]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => `${NOT_BLAME_BEFORE[phrase] ?? ''}\\b${escape(phrase).replace(/ /g, String.raw`\s+`).replace(/'/g, "['’]")}\\b${NOT_BLAME_AFTER[phrase] ?? ''}`)
    .join('|'),
  'giu',
);

/**
 * "should have caught/noticed/…" is hindsight blame when a person is its subject ("the reviewer
 * should have caught it"), and a process gap worth naming when a system is ("the canary should
 * have caught it"): only the first is flagged.
 */
const PERSON_SUBJECT = String.raw`(?:\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|[Yy]ou|[Ss]omeone|[Ss]omebody|[Aa]nyone|[Aa]nybody|[Ee]veryone)|\b[Tt]he\s+(?:(?:on-?call|release|change|database|platform)\s+)?(?:engineer|engineers|reviewer|reviewers|developer|developers|operator|author|approver|approvers|on-?call|admin|administrator|SRE|team|person|responder|manager))`;
const SHOULD_HAVE = String.raw`should(?:\s+have|['’]ve)\s+(?:caught|noticed|spotted|seen|checked|tested|verified|realised|realized|double-checked)\b`;
const HINDSIGHT = new RegExp(`${PERSON_SUBJECT}\\s+${SHOULD_HAVE}`, 'gu');

// The person rule. A name is flagged only when the person is the one doing the failing — the
// subject or agent of a failure verb — not whenever a name and a failure verb share a sentence:
//   "Tom forgot to renew", "the step Priya missed", "Tom Becker had simply forgotten",
//   "it was Priya who missed", "Tom and Priya missed"    name, then up to 3 helper words, then the verb
//   "a mistake by Tom", "the page was missed by Priya"    mistake/missed/… then "by <name>"
//   "Tom's mistake", "Tom made a config error"            a name owning a mistake
// and not "Tom noticed the canary failed to promote" (the canary failed), "Tom's runbook step was
// missing", "Tom's change broke checkout" (the change is the subject) or "Priya led the response".

/** Failure verbs whose subject is the one who failed. */
const FAILURE_VERB = String.raw`(?:forgot|forgets|forgotten|forgetting|failed\s+to|fails\s+to|failing\s+to|missed|misses|broke|breaks|broken|overlooked|overlooks|neglected|neglects|botched|botches|ignored|ignores|misconfigured|misconfigures|mistyped|messed\s+up)\b`;
/**
 * Words that may stand between a name and its verb: auxiliaries and adverbs ("had simply
 * forgotten"), "who"/"that" ("it was Priya who missed"). No "was"/"is": "Priya was ignored" makes
 * the person the one ignored, not the one failing.
 */
const HELPER = String.raw`(?:had|has|have|did|does|must|may|might|could|would|then|also|just|simply|apparently|accidentally|inadvertently|mistakenly|again|already|completely|probably|likely|clearly|unfortunately|initially|first|still|entirely|evidently|reportedly|obviously|totally|who|that)`;
/** Blame nouns, and passive failure verbs that take "by <name>". */
const BLAME_NOUN = String.raw`(?:mistakes?|errors?|oversights?|blunders?|slip-?ups?|slips?)`;
const NOT_METRIC = String.raw`(?!\s+(?:budget|rate|message|code|log|page|count|handling|state)s?\b)`;
const BY_AGENT = String.raw`(?:${BLAME_NOUN}|missed|forgotten|overlooked|ignored|broken|neglected|botched|misconfigured|mistyped)(?:\s+(?:made|committed|was|were|been|being|is|are|apparently|originally|first|again|also)){0,2}\s+by\s+`;

/** How many helper words may stand between a name and its failure verb. */
const MAX_HELPERS = 3;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Words that make an owner a team or a role rather than a person ("Team Payments", "Platform SRE"). */
const ORG_WORDS = new Set(
  `team teams squad group guild tribe chapter crew unit department dept division office committee council board org
  platform infra infrastructure ops operations devops sre engineering support security payments payment billing data
  analytics network networking database databases release releases product design legal finance marketing sales
  services service systems system backend frontend mobile web api core identity search checkout on-call oncall rotation
  desk helpdesk center centre lab labs qa it hr vendor customer customers management leadership owners reliability
  integrations growth storage compute observability monitoring tooling automation bot cloud edge cdn apps app tech
  staff admin admins contractors partners`.split(/\s+/),
);
/** Lower-case particles inside names: "Ana de Souza", "Ludwig van Beethoven". */
const PARTICLES = new Set(['van', 'von', 'de', 'da', 'del', 'della', 'der', 'den', 'di', 'du', 'la', 'le', 'bin', 'binti', 'ibn', 'al', 'el', 'dos', 'das', 'ten', 'ter', 'y']);
/** A capitalised name word: Priya, O'Brien, McDonald, Jean-Luc, Ng; or an initial: "J." */
const NAME_WORD = /^(?:\p{Lu}\p{Ll}*(?:\p{Lu}\p{Ll}+)?(?:['’-]\p{Lu}?\p{Ll}+)*|\p{Lu}\.)$/u;

/**
 * Whether an action owner looks like a person's name ("Priya Natarajan", "Tom", "Seán O'Brien")
 * rather than a team or role ("payments-sre", "Team Payments", "Platform SRE", "@priya"): one to
 * four capitalised words (lower-case particles such as "de" allowed between them), none of them an
 * organisational word and not only initials. A single capitalised word counts as a first name.
 */
export function looksLikePersonName(owner: string): boolean {
  const words = owner.trim().split(/\s+/);
  if (words.length === 0 || words.length > 5) return false;
  let named = 0;
  for (const [index, word] of words.entries()) {
    if (ORG_WORDS.has(word.toLowerCase())) return false;
    if (index > 0 && index < words.length - 1 && PARTICLES.has(word)) continue;
    if (!NAME_WORD.test(word)) return false;
    if (!word.endsWith('.')) named++;
  }
  return named >= 1 && named <= 4;
}

/**
 * The forms of a name worth matching in prose: the full name and the first name (when it has at
 * least 3 letters, so initials and "Al" do not match every "Al…" word). Matching is case-sensitive:
 * names are capitalised, and "Will", "Mark" or "Grant" in lower case are ordinary words.
 */
export function nameForms(names: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const name of names) {
    const trimmed = name.trim().replace(/\s+/g, ' ');
    if (!trimmed) continue;
    forms.add(trimmed);
    const first = trimmed.split(' ')[0];
    if (first.length >= 3 && first !== trimmed) forms.add(first);
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

interface PersonPatterns {
  /** <name> [helpers] <failure verb>; <name>'s mistake; <name> made a mistake */
  subject: RegExp;
  /** mistake/missed/… by <name> (case-insensitive: check the name) */
  agent: RegExp;
  forms: string[];
  /**
   * The first word (run of letters and digits) of any form, standing alone: a text without one
   * names nobody, and the person patterns need not run on it.
   */
  namesSomeone: RegExp;
}

/** The person patterns of each list of names, compiled once (check runs them on every paragraph). */
const personPatterns = new WeakMap<readonly string[], PersonPatterns | null>();

function patternsFor(names: readonly string[]): PersonPatterns | null {
  let patterns = personPatterns.get(names);
  if (patterns !== undefined) return patterns;
  const forms = nameForms(names);
  patterns = null;
  if (forms.length) {
    // A name stands alone: not part of a longer word or slug ("tom-bot", "Tomcat").
    const name = String.raw`(?<![\p{L}\p{N}_'’-])(?:${forms.map((form) => escape(form).replace(/ /g, String.raw`\s+`)).join('|')})(?![\p{L}\p{N}_-])`;
    const subjectName = `${name}(?!['’])(?:\\s+(?:and|or|&)\\s+${name}(?!['’]))?`;
    const firstWords = new Set(forms.map((form) => form.match(/[\p{L}\p{N}]+/u)?.[0] ?? form));
    patterns = {
      subject: new RegExp(
        [
          `${subjectName}(?:\\s+${HELPER}){0,${MAX_HELPERS}}\\s+${FAILURE_VERB}`,
          `${name}['’]s\\s+(?:(?:own|small|simple|big|obvious|honest|careless)\\s+)?${BLAME_NOUN}\\b${NOT_METRIC}`,
          `${subjectName}\\s+${SHOULD_HAVE}`,
          `${subjectName}(?:\\s+${HELPER}){0,2}\\s+(?:made|makes|make)\\s+(?:(?:a|an|the|one|another|this|that|two|several|some)\\s+)?(?:[\\p{L}-]+\\s+)?${BLAME_NOUN}\\b${NOT_METRIC}`,
        ].join('|'),
        'gu',
      ),
      // Case-insensitive so "Mistake by Tom" may start a sentence; the name is checked exactly below.
      agent: new RegExp(`\\b${BY_AGENT}${name}(?!['’])`, 'giu'),
      forms,
      namesSomeone: new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${[...firstWords].map(escape).join('|')})(?![\p{L}\p{N}])`, 'u'),
    };
  }
  personPatterns.set(names, patterns);
  return patterns;
}

/**
 * Blame in a piece of prose: blame phrases anywhere ("human error", "careless", "nobody is to
 * blame" excepted), "should have caught/noticed" with a person as subject, and a person named as
 * the one who failed (see the person rule above). A system that "failed to promote" is not blame.
 */
export function findBlame(text: string, names: readonly string[]): TextFinding[] {
  const findings: TextFinding[] = [];
  if (MAY_BLAME.test(text)) findPhrases(text, findings);
  const patterns = patternsFor(names);
  // The person patterns alternate over every name in the library and are slow to run on text that
  // holds none: a form matches only where it stands alone, so its first word is a word of the text.
  if (patterns?.namesSomeone.test(text)) {
    for (const pattern of [patterns.subject, patterns.agent]) {
      for (const match of text.matchAll(pattern)) {
        const shown = match[0].replace(/\s+/g, ' ');
        if (pattern === patterns.agent && !patterns.forms.some((form) => shown.endsWith(form))) continue;
        findings.push({
          index: match.index,
          length: match[0].length,
          rule: 'blame-person',
          message: `"${shown}" names a person as the one who failed; rewrite it as a process gap, e.g. "the release checklist had no step for …" instead of who did or missed what`,
        });
      }
    }
  }
  return oneFindingPerStretch(findings);
}

/**
 * A word every blame phrase and hindsight judgement holds (the longest of each phrase, and
 * "should"), in the same case-insensitive Unicode matching: prose without one holds neither. Very
 * little prose has one, and this one scan is a tenth of the cost of the full patterns.
 */
const MAY_BLAME = new RegExp(
  [...new Set([...BLAME_PHRASES.map((phrase) => longestWord(phrase)), 'should'])].map(escape).join('|'),
  'iu',
);

function longestWord(phrase: string): string {
  return phrase
    .split(' ')
    .filter((word) => !/['’]/.test(word))
    .reduce((longest, word) => (word.length > longest.length ? word : longest), '');
}

function findPhrases(text: string, findings: TextFinding[]): void {
  for (const match of text.matchAll(PHRASE)) {
    if (NEGATABLE.test(match[0]) && NEGATION_BEFORE.test(text.slice(Math.max(0, match.index - 40), match.index))) continue;
    findings.push({
      index: match.index,
      length: match[0].length,
      rule: 'blame-phrase',
      message: `"${match[0].replace(/\s+/g, ' ')}" assigns blame; describe the gap in the process or system instead (what made the failure possible, and what will catch it next time)`,
    });
  }
  for (const match of text.matchAll(HINDSIGHT)) {
    findings.push({
      index: match.index,
      length: match[0].length,
      rule: 'blame-phrase',
      message: `"${match[0].replace(/\s+/g, ' ')}" judges a person with hindsight; say which check or signal was missing instead, e.g. "no test covered …"`,
    });
  }
}
