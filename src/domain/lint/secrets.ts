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
}

/** Patterns secretlint's recommended preset does not cover (or covers only in some shapes). */
const PATTERNS: readonly { kind: string; pattern: RegExp; valid?: (match: string) => boolean }[] = [
  { kind: 'private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g },
  { kind: 'AWS access key id', pattern: /\b(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}\b/g },
  { kind: 'Stripe key', pattern: /\b(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{24,})\b/g },
  { kind: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/g },
  { kind: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { kind: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  { kind: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // Digits standing alone: not part of a longer number, a hex id or a trace id ("a3f4111…"), a
  // phone number ("+49 …") or a version ("1.4111…").
  { kind: 'card number', pattern: /(?<![\p{L}\d_+.-])(?:\d[ -]?){12,18}\d(?![\p{L}\d_-]|[.,]\d)/gu, valid: isCardNumber },
  { kind: 'US social security number', pattern: /(?<![\p{L}\d_+.-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\p{L}\d_-]|[.,]\d)/gu },
];

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
  const digits = text.replace(/[ -]/g, '');
  const network = NETWORKS.find((candidate) => candidate.prefix.test(digits));
  if (!network?.lengths.includes(digits.length)) return false;
  return luhn(digits);
}

/**
 * Every secret in a text: secretlint's recommended rules, plus card numbers (Luhn), US SSNs,
 * JWTs and token shapes it leaves out. Overlapping findings are reported once.
 */
export async function findSecrets(text: string, file = 'post-mortem.mdx'): Promise<SecretFinding[]> {
  const findings: SecretFinding[] = [];
  for (const { kind, pattern, valid } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      if (!valid || valid(match[0])) findings.push({ index: match.index, length: match[0].length, kind });
    }
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
