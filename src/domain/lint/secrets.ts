import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { secretLintProfiler } from '@secretlint/profiler';
import { oneFindingPerStretch } from './spans.ts';

// @secretlint/core 12 profiles every lintSource call (a performance mark per rule per file) even
// though nobody reads the measures, and its observer rescans every mark so far on each new one:
// on 1,000 files that was ~20 s of a 34 s check. secretlint/secretlint#1633 and #1653, fixed
// upstream by #1673 (profiling becomes opt-in). Until we are on a release with that fix, switch
// the profiler off; `setEnabled` is the API the fix adds, replacing `mark` covers 12.x.
// (@secretlint/profiler is @secretlint/core's own dependency, resolved from its install.)
const profiler = secretLintProfiler as unknown as { setEnabled?: (enabled: boolean) => void; mark: (marker: unknown) => void };
if (typeof profiler.setEnabled === 'function') profiler.setEnabled(false);
else profiler.mark = () => {};

export interface SecretFinding {
  index: number;
  length: number;
  /** What kind of secret, in words: "GitHub token", "card number". */
  kind: string;
  /** The secret as read, when the file spells it otherwise (a YAML escape, an HTML entity). */
  text?: string;
}

/** Text before a secret that glues it into a longer word, number or version: the secret is not there. */
const GLUED_BEFORE = String.raw`(?<![\p{L}\d+\\])(?<![\d.][-_./:])`;

/** Patterns secretlint's recommended preset does not cover (or covers only in some shapes). */
const PATTERNS: readonly { kind: string; pattern: RegExp }[] = [
  // The words of the header may be wrapped over lines (a YAML value, a paragraph).
  { kind: 'private key', pattern: /-----BEGIN\s+(?:[A-Z0-9]+\s+)*PRIVATE\s+KEY(?:\s+BLOCK)?-----/g },
  // A PuTTY key file (.ppk): its header names the key type, its private half follows "Private-Lines:"
  // (either is enough: a paste may hold only part of the file).
  { kind: 'private key', pattern: /PuTTY-User-Key-File-\d+:[ \t]*[\w@.-]+(?:[^]{0,4000}?Private-Lines:)?|Private-Lines:[ \t]*\d+[ \t]*\r?\n[ \t]*[A-Za-z0-9+/]{16,}/g },
  { kind: 'AWS access key id', pattern: /\b(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}\b/g },
  { kind: 'Stripe key', pattern: /\b(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{24,})\b/g },
  { kind: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/g },
  { kind: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { kind: 'Slack token', pattern: /\b(?:xox[abposre]|xapp)-[A-Za-z0-9-]{10,}\b/g },
  // secretlint knows `services/` webhooks only; workflow and trigger URLs post to a channel just the same.
  { kind: 'Slack token or webhook URL', pattern: /\b(?:https?:\/\/)?hooks\.slack(?:-gov)?\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/-]{10,}/g },
  { kind: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { kind: 'US social security number', pattern: new RegExp(`${GLUED_BEFORE}(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\p{L}\\d]|[-_.,/]\\d)`, 'gu') },
];

/**
 * A run of digits that may hold a card number: groups joined by one space, dash, dot, slash or
 * underscore, or by a line break and indentation (a YAML value or a paragraph wrapped mid-number).
 * It may follow a word and `-` or `_` (`card_4111…`), but not stand inside a longer number, a
 * version or a word; cardsIn() looks for a card number in it.
 */
const DIGIT_RUN = new RegExp(`${GLUED_BEFORE}\\d{1,19}(?:(?:[ \\u00a0./_-]|[ \\t]*\\r?\\n[ \\t]*)\\d{1,19}){0,18}(?![\\p{L}\\d])`, 'gu');

/** Where a separator of a digit run is a line break. */
const LINE_BREAK = /[\r\n]/;

/**
 * The card numbers in a digit run: the whole run, or else the longest stretch of whole groups
 * between spaces or line breaks that is one ("2026 4111 1111 1111 1111"). Groups must be laid out as card numbers are written —
 * one block, or blocks of one size with a shorter last one, or American Express's 4-6-5 — which
 * keeps versions, IP addresses, dates and columns of figures out; a line break may fall anywhere.
 */
function cardsIn(run: string, at: number): SecretFinding[] {
  const groups = [...run.matchAll(/\d+/g)];
  const count = groups.length;
  const digitsBefore = [0];
  for (const group of groups) digitsBefore.push(digitsBefore.at(-1)! + group[0].length);
  for (let size = count; size >= 1; size--) {
    for (let first = 0; first + size <= count; first++) {
      const digits = digitsBefore[first + size] - digitsBefore[first];
      if (digits < 13 || digits > 19) continue;
      const last = groups[first + size - 1];
      const start = groups[first].index;
      // Only whole words of the run: "12-4111…" is one id, not "12" and a card number.
      const after = groups[first + size]?.index;
      if ((first > 0 && !/\s/.test(run[start - 1])) || (after !== undefined && !/\s/.test(run[after - 1]))) continue;
      const text = run.slice(start, last.index + last[0].length);
      if (looksLikeCardGrouping(text) && isCardNumber(text)) return [{ index: at + start, length: text.length, kind: 'card number' }];
    }
  }
  return [];
}

function looksLikeCardGrouping(text: string): boolean {
  const bySeparator = text.split(/[^\d]+/).map((group) => group.length);
  if (cardGrouping(bySeparator)) return true;
  // Joined at line breaks: a number wrapped wherever the line ran out.
  if (!LINE_BREAK.test(text)) return false;
  return cardGrouping(text.split(/[ \t]*\r?\n[ \t]*/).map((line) => line.split(/[^\d]+/).map((group) => group.length)).reduce(joinWrapped));
}

/** Group sizes of two lines, the last group of the first and the first of the second being one. */
function joinWrapped(before: number[], after: number[]): number[] {
  return [...before.slice(0, -1), before.at(-1)! + after[0], ...after.slice(1)];
}

function cardGrouping(sizes: readonly number[]): boolean {
  if (sizes.length === 1) return true;
  if (sizes.length === 3 && sizes[0] === 4 && sizes[1] === 6) return sizes[2] === 5 || sizes[2] === 4; // American Express, Diners Club
  const size = sizes[0];
  return sizes.slice(1, -1).every((other) => other === size) && sizes.at(-1)! <= Math.max(size, 4);
}

/**
 * A US social security number given as one: nine digits (or 3-2-4 with spaces, dots or dashes)
 * right after "SSN", "SS#" or "social security (number)", with at most a few words such as "is"
 * or "number" between. Without the cue nine digits are anything; the 3-2-4 dashed shape is
 * recognised on its own (PATTERNS).
 */
const SSN_AFTER_CUE =
  /(?<!\p{L})(?:SSNs?|SS#|SOC(?:IAL)?[ \t_.-]*SEC(?:URITY)?(?:[ \t_.-]*(?:NUMBERS?|NUM|NOS?|NR|#))?)(?!\p{L})(?:[^\p{L}\d\n]{0,4}(?:is|was|of|no|nr|number|num|field|value)(?!\p{L})){0,3}[^\p{L}\d\n]{0,4}(?<![+.\\])(?<ssn>(?!000|666|9\d\d)\d{3}([ .-]?)(?!00)\d{2}\2(?!0000)\d{4})(?![\p{L}\d]|[-_.,/]\d)/dgiu;

/** Luhn checksum over the digits of a string. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Card networks: the prefixes they issue and the lengths their numbers have. */
const NETWORKS: readonly { prefix: RegExp; lengths: readonly number[] }[] = [
  { prefix: /^4/, lengths: [13, 16, 19] }, // Visa
  { prefix: /^(?:5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720))/, lengths: [16] }, // Mastercard
  { prefix: /^3[47]/, lengths: [15] }, // American Express
  { prefix: /^3(?:0[0-5]|[689])/, lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { prefix: /^6(?:011|5|4[4-9]|22)/, lengths: [16, 17, 18, 19] }, // Discover, UnionPay
  { prefix: /^35(?:2[89]|[3-8])/, lengths: [16, 17, 18, 19] }, // JCB
];

/**
 * A number a card network could have issued — its prefix, its length — that passes Luhn. Long
 * ids, timestamps and phone numbers mostly fail the first two; one in ten that pass them also
 * passes Luhn by chance, which is why a 16-digit order number starting with 4 can still fire.
 */
export function isCardNumber(text: string): boolean {
  const digits = text.replace(/\D/g, '');
  const network = NETWORKS.find((candidate) => candidate.prefix.test(digits));
  if (!network?.lengths.includes(digits.length)) return false;
  return luhn(digits);
}

/**
 * Every secret in a text: secretlint's recommended rules, plus card numbers (Luhn), US SSNs,
 * JWTs, PuTTY keys and token shapes it leaves out. Overlapping findings are reported once.
 */
export async function findSecrets(text: string, file = 'post-mortem.mdx'): Promise<SecretFinding[]> {
  const findings: SecretFinding[] = [];
  for (const { kind, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) findings.push({ index: match.index, length: match[0].length, kind });
  }
  for (const match of text.matchAll(DIGIT_RUN)) {
    // Fewer than 13 characters cannot hold 13 digits: most runs (dates, times, counts) end here.
    if (match[0].length >= 13) findings.push(...cardsIn(match[0], match.index));
  }
  for (const match of text.matchAll(SSN_AFTER_CUE)) {
    const [start, end] = match.indices!.groups!.ssn;
    findings.push({ index: start, length: end - start, kind: 'US social security number' });
  }
  const result = await lintSource({
    source: { content: text, filePath: file, ext: '.mdx', contentType: 'text' },
    options: { config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] }, maskSecrets: true },
  });
  for (const message of result.messages) {
    findings.push({ index: message.range[0], length: message.range[1] - message.range[0], kind: kindOf(message.ruleId, message.messageId) });
  }
  return oneFindingPerStretch(findings);
}

/** secretlint's rules, in the words of the message ("holds what looks like a …"). */
const SECRETLINT_KINDS: Record<string, string> = {
  '1password': '1Password service account token',
  anthropic: 'Anthropic API key',
  aws: 'AWS credential',
  basicauth: 'password inside a URL',
  'database-connection-string': 'database connection string with a password',
  databricks: 'Databricks token',
  docker: 'Docker registry credential',
  figma: 'Figma token',
  gcp: 'Google Cloud credential',
  github: 'GitHub token',
  gitlab: 'GitLab token',
  grafana: 'Grafana token',
  groq: 'Groq API key',
  'hashicorp-vault': 'HashiCorp Vault token',
  huggingface: 'Hugging Face token',
  linear: 'Linear API key',
  notion: 'Notion token',
  npm: 'npm token',
  openai: 'OpenAI API key',
  privatekey: 'private key',
  sendgrid: 'SendGrid API key',
  shopify: 'Shopify token',
  slack: 'Slack token or webhook URL',
  vercel: 'Vercel token',
};

function kindOf(ruleId: string, messageId: string): string {
  const name = ruleId.replace(/^@secretlint\/secretlint-rule-/, '');
  return SECRETLINT_KINDS[name] ?? `${name} secret (${messageId.toLowerCase().replace(/_/g, ' ')})`;
}

/** A secret shown safely: at most its first 4 characters. */
export function redact(secret: string): string {
  return `${secret.slice(0, 4)}…`;
}
