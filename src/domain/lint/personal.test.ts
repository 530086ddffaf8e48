import { describe, expect, it } from 'vitest';
import { findPersonalData } from './personal.ts';

/** What findPersonalData reports in a text, as [kind, the text reported]. */
const found = (text: string) => findPersonalData(text).map((finding) => [finding.kind, text.slice(finding.index, finding.index + finding.length)]);

describe('findPersonalData: email addresses', () => {
  it.each([
    ['a plain address', 'Escalated to priya.natarajan@acme-payments.com at 09:12.', 'priya.natarajan@acme-payments.com'],
    ['an address with a tag', 'cc tom+alerts@acme.io', 'tom+alerts@acme.io'],
    ['an address in angle brackets', 'From: Tom Becker <tom.becker@acme.de>', 'tom.becker@acme.de'],
    ['a mailto link', '[mail her](mailto:priya@acme.co.uk)', 'priya@acme.co.uk'],
    ['a URL-encoded @', 'mailto:priya%40acme.com', 'priya%40acme.com'],
    ['[at] and [dot]', 'write to priya [at] acme [dot] com', 'priya [at] acme [dot] com'],
    ['(at)', 'priya(at)acme.com', 'priya(at)acme.com'],
    ['spelled out', 'reach priya at acme dot com', 'priya at acme dot com'],
    ['a role word inside a name is still a name', 'tomas.infante@acme.com', 'tomas.infante@acme.com'],
  ])('finds %s', (_, text, expected) => {
    expect(found(text)).toEqual([['email address', expected]]);
  });

  it.each([
    ['role addresses', 'support@acme.com, noreply@acme.com, no-reply@acme.com, security@acme.com, ops@acme.com, oncall@acme.com'],
    ['more role addresses', 'admin@acme.com info@acme.com team@acme.com sre@acme.com postmaster@acme.com abuse@acme.com billing@acme.com'],
    ['still more', 'sales@acme.com help@acme.com alerts@acme.com Security@Acme.com donotreply@acme.com mailer-daemon@acme.com'],
    ['a role with a team or a tag', 'payments-oncall@acme.com, sre.team@acme.com, alerts+sev1@acme.com'],
    ['documentation domains', 'priya@example.com, tom@example.org, ann@mail.example.net, bob@acme.example, eve@shop.test, joe@x.invalid, root@localhost'],
    ['a machine account', 'deployer@acme-prod.iam.gserviceaccount.com'],
    ['git remotes and package versions', 'git@github.com:acme/api.git, @astrojs/mdx@8.0.2, node@24.21.0, image@sha256:abc'],
    ['an @-mention', 'ping @priya in #incidents'],
    ['"at" and "dot" in prose', 'the queue at dot-release stalled; look at the dot com'],
  ])('ignores %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('findPersonalData: phone numbers', () => {
  it.each([
    ['international, spaced', 'call +44 20 7946 0958 now', '+44 20 7946 0958'],
    ['international, US', 'bridge +1 (415) 555-0100', '+1 (415) 555-0100'],
    ['international with a trunk (0)', '+49 (0)30 1234567', '+49 (0)30 1234567'],
    ['international, no separators', 'sms +4915112345678', '+4915112345678'],
    ['international with dots', '+33.6.12.34.56.78', '+33.6.12.34.56.78'],
    ['international with 00', '0044 20 7946 0958', '0044 20 7946 0958'],
    ['North American with dashes', 'his cell 415-555-0100', '415-555-0100'],
    ['North American with a bracketed area code', 'at (415) 555-0100', '(415) 555-0100'],
    ['North American with dots', '415.555.0100', '415.555.0100'],
    ['North American toll-free', '1-800-555-0199', '1-800-555-0199'],
    ['UK national', 'office 020 7946 0958', '020 7946 0958'],
    ['UK mobile', '07700 900123', '07700 900123'],
    ['French national', '01 23 45 67 89', '01 23 45 67 89'],
    ['Dutch mobile', '06-12345678', '06-12345678'],
    ['German with a slash', '030/12345678', '030/12345678'],
    ['digits after a cue', 'mobile: 07700900123', '07700900123'],
    ['spaced digits after a cue', 'reach me at 415 555 0100', '415 555 0100'],
    ['digits after "phone no."', 'phone no. 5551234567', '5551234567'],
  ])('finds %s', (_, text, expected) => {
    expect(found(text)).toEqual([['phone number', expected]]);
  });

  it.each([
    ['dates', 'resolved on 2026-03-14, reviewed 2026/03/15, signed 14.03.2026 and 03/14/2026'],
    ['date-times and offsets', 'started: 2026-03-14T09:12:00+01:00, at 09:12:00 +0100, offset +05:30'],
    ['times and durations', 'from 00:00 to 06:00, 2 h 30 min, 1h 05m'],
    ['versions', 'v5.4.12-rc.1, build 2026.03.14.1, version 1.2.3.4, kernel 5.15.0-1051-aws'],
    ['IP addresses', '10.0.0.1, 192.168.100.200:8080 and 0.0.0.0:443'],
    ['counts and money', '48,000 users; 1 234 567 requests; $120,000.00 lost; +2 028 rows; +12.5% and +100%'],
    ['ids', 'ORD-2026-004211, INC-2026-001, ids 0042 1234, PR #41234, trace 4bf92f3577b34da6a3ce929d0e0e4736'],
    ['timestamps', 'ts 1741963920000 and 1741963920'],
    ['UUIDs', '12345678-1234-4123-8123-123456789012'],
    ['figures in a row', 'latency 250 500 1000 ms; p99 120 340 5600'],
    ['a date after a cue', 'call 2026-03-14 and phone 10.0.0.1'],
    ['short numbers after a cue', 'call 911; phone ext 4021'],
    ['a ZIP+4 code and an AWS account', 'ZIP 02139-4307, arn:aws:iam::123456789012:role/deploy, 123456789012.dkr.ecr.eu-west-1.amazonaws.com'],
    ['host names with digits', 'ip-10-0-12-34.eu-west-1.compute.internal, Chrome/120.0.6099.109'],
  ])('ignores %s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('findPersonalData', () => {
  it('finds every address and number of a text, in order, each once', () => {
    const text = 'Paged tom@acme.io (+49 170 1234567), then priya@acme.io on 020 7946 0958.';
    expect(found(text)).toEqual([
      ['email address', 'tom@acme.io'],
      ['phone number', '+49 170 1234567'],
      ['email address', 'priya@acme.io'],
      ['phone number', '020 7946 0958'],
    ]);
  });
});
