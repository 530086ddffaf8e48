import { describe, expect, it } from 'vitest';
import { findSecrets, isCardNumber, luhn, redact } from './secrets.ts';

// Every secret-shaped value below is assembled at run time from harmless parts, so that this file
// does not itself look like it holds credentials to a secret scanner (ours or GitHub's).
const join = (...parts: string[]) => parts.join('');
const alnum = (length: number, offset = 0) =>
  Array.from({ length }, (_, i) => 'Ab3De6Gh9Jk2Mn5Pq8St1Vw4Yz7'[(i + offset) % 27]).join('');
const upper = (length: number) => Array.from({ length }, (_, i) => 'QWERTYUIOPLKJHGFDSAZXCVBNM234567'[i % 32]).join('');

/** Appends the Luhn check digit to a number without one. */
function withCheckDigit(partial: string): string {
  for (let digit = 0; digit <= 9; digit++) if (luhn(`${partial}${digit}`)) return `${partial}${digit}`;
  throw new Error('unreachable');
}
/** A number that fails Luhn: the valid one with its last digit changed. */
function withWrongCheckDigit(partial: string): string {
  const valid = withCheckDigit(partial);
  return `${partial}${(Number(valid.at(-1)) + 1) % 10}`;
}
const grouped = (digits: string, separator: string, sizes = [4, 4, 4, 4]) => {
  const groups: string[] = [];
  let at = 0;
  for (const size of sizes) {
    groups.push(digits.slice(at, at + size));
    at += size;
  }
  return groups.join(separator);
};

const VISA = withCheckDigit(join('4', '111', '1111', '1111', '111'));
const MASTERCARD = withCheckDigit(join('5', '555', '5555', '5555', '444'));
const AMEX = withCheckDigit(join('37', '82', '822463', '1000'));
const SSN = join('123', '-', '45', '-', '6789');

const RSA_HEADER = join('-----BEGIN ', 'RSA PRIVATE', ' KEY-----');

/** A kind, a secret, and (where it differs) the part of it that is reported. */
const SECRETS: [kind: string, secret: string, reported?: string][] = [
  ['private key', join(RSA_HEADER, '\nMIIEowIBAAKCAQEA', alnum(40), '\n-----END RSA PRIVATE KEY-----'), RSA_HEADER],
  ['private key', join('-----BEGIN ', 'OPENSSH PRIVATE', ' KEY-----')],
  ['private key', join('-----BEGIN ', 'PRIVATE', ' KEY-----')],
  ['private key', join('-----BEGIN ', 'PGP PRIVATE KEY', ' BLOCK-----')],
  ['AWS access key id', join('AK', 'IA', upper(16))],
  ['AWS access key id', join('AS', 'IA', upper(16))],
  ['Stripe key', join('sk', '_live_', alnum(24))],
  ['Stripe key', join('rk', '_test_', alnum(24))],
  ['Stripe key', join('wh', 'sec_', alnum(32))],
  ['GitHub token', join('gh', 'p_', 'a'.repeat(36))],
  ['GitHub token', join('gh', 's_', alnum(36))],
  ['GitHub token', join('github', '_pat_', alnum(22), '_', alnum(59, 5))],
  ['GitLab token', join('gl', 'pat-', alnum(20))],
  ['Slack token', join('xo', 'xb-', '1234567890-', '1234567890-', alnum(24))],
  ['Slack token', join('xo', 'xp-', '1234567890-', alnum(30))],
  ['JSON Web Token', join('ey', 'JhbGciOiJIUzI1NiJ9', '.', 'ey', 'JzdWIiOiIxMjM0NTY3ODkwIn0', '.', alnum(43))],
  ['card number', VISA],
  ['card number', grouped(VISA, ' ')],
  ['card number', grouped(VISA, '-')],
  ['card number', grouped(MASTERCARD, ' ')],
  ['card number', grouped(AMEX, ' ', [4, 6, 5])],
  ['US social security number', SSN],
  // From secretlint's recommended preset.
  ['Slack token or webhook URL', join('https://hooks.', 'slack.com/services/', 'T0ABCDEFGH/', 'B0ABCDEFGH/', alnum(24))],
  ['database connection string with a password', join('postgres://app:', 'S3cr3t', 'Passw0rd@', 'db.internal:5432/app')],
  ['password inside a URL', join('https://admin:', 'hunter22', '@grafana.example.com')],
  ['npm token', join('np', 'm_', alnum(36))],
  ['Slack token or webhook URL', join('https://hooks.', 'slack.com/workflows/', 'T0ABCDEFGH/', 'A0ABCDEFGH/', '512345678901234567/', alnum(24))],
  ['Slack token or webhook URL', join('https://hooks.', 'slack.com/triggers/', 'T0ABCDEFGH/', '7123456789012/', alnum(32))],
  ['Slack token', join('xa', 'pp-1-', 'A0ABCDEFGH-', '1234567890123-', alnum(40))],
  ['card number', grouped(VISA, '.')],
  ['card number', grouped(VISA, '/')],
  ['card number', grouped(VISA, '_')],
  ['card number', grouped(AMEX, '-', [4, 6, 5])],
];

/** A PuTTY private key file (.ppk), version 3: its header and the lines that follow it. */
const PUTTY = join('PuTTY-User', '-Key-File-3: ssh-ed25519\nEncryption: none\nComment: ops\nPublic-Lines: 2\n', alnum(44), '\n', alnum(20), '\nPrivate-Lines: 1\n', alnum(44), '\nPrivate-MAC: ', alnum(40));

/** A text, the kind found in it, and the part of it reported. */
const SHAPES: [description: string, text: string, kind: string, reported: string][] = [
  ['a card number after a word and "_"', `order card_${VISA} was charged`, 'card number', VISA],
  ['a card number after a word and "-"', `see ref-${VISA}`, 'card number', VISA],
  ['a card number after "=" or ":"', `pan=${VISA}`, 'card number', VISA],
  ['a card number in a comma-separated list', `ids 17,${VISA},22`, 'card number', VISA],
  ['a card number wrapped over two lines of a YAML value', `notes: The customer sent ${grouped(VISA, ' ', [4, 4])}\n  ${grouped(VISA.slice(8), ' ', [4, 4])} by mail\n`, 'card number', `${grouped(VISA, ' ', [4, 4])}\n  ${grouped(VISA.slice(8), ' ', [4, 4])}`],
  ['a card number wrapped mid-group', `notes: card ${VISA.slice(0, 10)}\n    ${VISA.slice(10)}\n`, 'card number', `${VISA.slice(0, 10)}\n    ${VISA.slice(10)}`],
  ['a card number after a year', `in 2026 ${grouped(VISA, ' ')} was used`, 'card number', grouped(VISA, ' ')],
  ['an SSN after "SSN:"', `SSN:${SSN}`, 'US social security number', SSN],
  ['an SSN without dashes after "ssn#"', 'ssn#123456789 on file', 'US social security number', '123456789'],
  ['an SSN without dashes after "SSN is"', 'the SSN is 123456789.', 'US social security number', '123456789'],
  ['an SSN with spaces after "social security number"', 'Social Security number: 123 45 6789', 'US social security number', '123 45 6789'],
  ['an SSN with dots after "SS#"', 'SS# 123.45.6789', 'US social security number', '123.45.6789'],
  ['a PuTTY key file', `key:\n\n${PUTTY}\n`, 'private key', PUTTY.slice(0, PUTTY.indexOf('Private-Lines:') + 'Private-Lines:'.length)],
  ['the private half of a PuTTY key alone', `Private-Lines: 1\n${alnum(44)}`, 'private key', `Private-Lines: 1\n${alnum(44)}`],
  ['a private key header wrapped in a YAML value', join('notes: "-----BEGIN RSA PRIVATE\n  KEY-----"'), 'private key', join('-----BEGIN RSA PRIVATE\n  KEY-----')],
];

describe('findSecrets', () => {
  it.each(SECRETS)('finds a %s', async (kind, secret, reported = secret) => {
    const text = `The on-call pasted ${secret} into the channel at 09:12.`;
    const findings = await findSecrets(text);
    expect(findings).toEqual([{ index: 'The on-call pasted '.length, length: reported.length, kind }]);
  });

  it.each(SHAPES)('finds %s', async (_, text, kind, reported) => {
    expect(await findSecrets(text)).toEqual([{ index: text.indexOf(reported), length: reported.length, kind }]);
  });

  it('finds every secret of a text, in order, each once', async () => {
    const github = join('gh', 'p_', alnum(36));
    const aws = join('AK', 'IA', upper(16));
    const text = `---\ntitle: Token leak\n---\n\nFirst ${github}, then\n\n\`\`\`\naws_access_key_id = ${aws}\n\`\`\`\n\nand card ${grouped(VISA, ' ')}.`;
    const findings = await findSecrets(text);
    expect(findings.map((f) => [f.kind, text.slice(f.index, f.index + f.length)])).toEqual([
      ['GitHub token', github],
      ['AWS access key id', aws],
      ['card number', grouped(VISA, ' ')],
    ]);
  });

  it.each([
    ['a card-like number failing Luhn', `card ${grouped(withWrongCheckDigit(VISA.slice(0, 15)), ' ')} was declined`],
    ['a card-like number failing Luhn, no spaces', `card ${withWrongCheckDigit(MASTERCARD.slice(0, 15))} was declined`],
    ['an order id', 'Order ORD-2026-004211 was charged twice.'],
    ['an order number failing Luhn', `Order ${withWrongCheckDigit(join('4000', '1234', '1234', '123'))} was used to confirm the fix.`],
    ['a numeric id glued to letters', `trace ab${VISA}cd and ${VISA}ms`],
    ['a card-like number glued to a number by "-" or "_"', `id 12-${VISA} and 7_${VISA}`],
    ['a card-like number split by dots, failing Luhn', `ref ${grouped(withWrongCheckDigit(VISA.slice(0, 15)), '.')}`],
    ['a card-like number split by dots in uneven groups', `version ${grouped(VISA, '.', [1, 3, 4, 4, 4])} and ${grouped(VISA, '.', [2, 6, 8])}`],
    ['a card-like number over two lines of a table', `| 4111 | 1111 |\n| 1111 | 1111 |`],
    ['dates and times split by slashes and dots', 'from 2026/03/14 09.12 to 2026/03/15 10.30 and 14.03.2026'],
    ['an IP address and port', 'connect 10.41.111.111:1111 and 192.168.100.200'],
    ['nine digits without a cue', 'id 123456789 and 987654321 rows; job 123 45 6789'],
    ['nine digits after a cue, with other words between', 'the SSN field was empty; order 123456789'],
    ['an SSN shape after a cue, invalid', 'SSN 000123456 and SSN 666-12-3456 and SSN: 912 34 5678'],
    ['a Slack URL that is not a webhook', 'see https://api.slack.com/workflows and https://hooks.slack.com/'],
    ['PuTTY named in prose', 'Convert the PuTTY key (a file starting PuTTY-User-Key-File-3: …) with puttygen'],
    ['a hex trace id', 'trace 4bf92f3577b34da6a3ce929d0e0e4736 and span 00f067aa0ba902b7'],
    ['a Unix timestamp in milliseconds', 'at 1741963920000 the queue stalled'],
    ['a Unix timestamp in nanoseconds', 'ts=1741963920123456789'],
    ['an ISO date-time', 'started: 2026-03-14T09:12:00+01:00'],
    ['a date', 'resolved on 2026-03-14, reviewed 2026-03-15'],
    ['a US phone number', 'call (415) 555-0100 or 415-555-0100'],
    ['an international phone number', 'call +44 20 7946 0958 or +49 30 1234 5678 90'],
    ['a 14-digit Luhn-valid number outside every network length', `ref ${withCheckDigit(join('4930', '1234', '5678', '9'))}`],
    ['a version string', 'upgraded from 4.1111.1111.1111 to v5.4.12-rc.1 (build 2026.03.14.1)'],
    ['a UUID', 'request 550e8400-e29b-41d4-a716-446655440000'],
    ['a UUID of digits', 'request 12345678-1234-4123-8123-123456789012'],
    ['an SSN with area 000', 'ref 000-12-3456'],
    ['an SSN with area 666', 'ref 666-12-3456'],
    ['an SSN with area 9xx', 'ref 900-12-3456 and 987-65-4321'],
    ['an SSN with group 00', 'ref 123-00-4567'],
    ['an SSN with serial 0000', 'ref 123-45-0000'],
    ['an SSN shape inside a part number', 'part AB123-45-6789 and 123-45-6789-01'],
    ['a publishable Stripe key', join('pk', '_live_', alnum(24))],
    ['money, percentages and durations', 'Lost $120,000.00 over 2 h 30 min; 48,000 users; 99.95% SLO; 4 111 111 requests'],
  ])('ignores %s', async (_, text) => {
    expect(await findSecrets(text)).toEqual([]);
  });
});

describe('luhn and isCardNumber', () => {
  it.each([
    ['79927398713', true],
    ['79927398710', false],
    ['0', true],
    ['18', true],
    ['19', false],
  ])('luhn(%s) is %s', (digits, expected) => {
    expect(luhn(digits)).toBe(expected);
  });

  it.each([
    [VISA, true],
    [grouped(VISA, ' '), true],
    [grouped(VISA, '-'), true],
    [withCheckDigit(join('4', '222', '2222', '2222')), true], // 13-digit Visa
    [MASTERCARD, true],
    [withCheckDigit(join('2221', '0000', '0000', '000')), true], // Mastercard 2-series
    [AMEX, true],
    [withCheckDigit(join('6011', '0000', '0000', '000')), true], // Discover
    [withCheckDigit(join('3530', '1113', '3330', '000')), true], // JCB
    [withWrongCheckDigit(VISA.slice(0, 15)), false],
    [withCheckDigit(join('1234', '5678', '9012', '345')), false], // no network starts with 1
    [withCheckDigit(join('4930', '1234', '5678', '9')), false], // Visa has no 14-digit numbers
    [withCheckDigit(join('37', '82', '822463', '10005')), false], // American Express numbers have 15
  ])('isCardNumber(%s) is %s', (text, expected) => {
    expect(isCardNumber(text)).toBe(expected);
  });
});

describe('redact', () => {
  it.each([
    [join('gh', 'p_', alnum(36)), 'ghp_…'],
    [VISA, '4111…'],
    [join('-----BEGIN ', 'PRIVATE', ' KEY-----'), '----…'],
    ['abc', 'abc…'],
    ['', '…'],
  ])('%s → %s', (secret, expected) => {
    expect(redact(secret)).toBe(expected);
  });

  it('never shows more than 4 characters of any secret', () => {
    for (const [, secret] of SECRETS) {
      const shown = redact(secret).replace(/…$/, '');
      expect(shown.length).toBeLessThanOrEqual(4);
      expect(secret.startsWith(shown)).toBe(true);
    }
  });
});
