import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';

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
  { kind: 'Stripe key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
  { kind: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/g },
  { kind: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g },
  { kind: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  { kind: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { kind: 'card number', pattern: /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g, valid: isCardNumber },
  { kind: 'US social security number', pattern: /(?<![\d-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\d-])/g },
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

/** A 13–19 digit number from a card network's range that passes Luhn (long ids and dates do not). */
export function isCardNumber(text: string): boolean {
  const digits = text.replace(/[ -]/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  if (!/^(?:4|5[1-5]|2[2-7]|3[47]|3[068]|6(?:011|5|4[4-9]|22)|35)/.test(digits)) return false;
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
  findings.sort((a, b) => a.index - b.index || b.length - a.length);
  return findings.filter((finding, i) => i === 0 || finding.index >= findings[i - 1].index + findings[i - 1].length);
}

function kindOf(ruleId: string, messageId: string): string {
  const name = ruleId.replace(/^@secretlint\/secretlint-rule-/, '');
  return `${name} secret (${messageId.toLowerCase().replace(/_/g, ' ')})`;
}

/** A secret shown safely: at most its first 4 characters. */
export function redact(secret: string): string {
  return `${secret.slice(0, 4)}…`;
}
