import { oneFindingPerStretch } from './spans.ts';

/*
 * Personal data: a person's email address or phone number. A post-mortem names roles and teams
 * ("the payments on-call"), never how to reach someone; the build is often public. This is a
 * warning (`personal-data`), not an error: unlike a credential, an address can be someone's
 * deliberate choice, and a team may raise it to an error in settings.yaml.
 */

export interface PersonalFinding {
  index: number;
  length: number;
  kind: 'email address' | 'phone number';
}

/** "@" or an obfuscated one: " [at] ", "(at)", "{at}", "%40" (URL-encoded). */
const AT = String.raw`(?:@|%40|[ \t]*[[({<][ \t]*at[ \t]*[\])}>][ \t]*)`;
/** "." or an obfuscated one: " [dot] ", "(dot)". */
const DOT = String.raw`(?:\.|[ \t]*[[({<][ \t]*dot[ \t]*[\])}>][ \t]*)`;
const LABEL = String.raw`[\p{L}\d](?:[\p{L}\d-]{0,61}[\p{L}\d])?`;

const EMAIL = new RegExp(
  String.raw`(?<![\p{L}\d._%+-])(?<local>[\p{L}\d](?:[\p{L}\d._%+-]{0,62}[\p{L}\d_%+-])?)${AT}(?<domain>(?:${LABEL}${DOT})+\p{L}{2,24})(?![\p{L}\d-]|\.[\p{L}\d])`,
  'giu',
);
/**
 * "priya at acme dot com": spelled out, only with a common top-level domain and no little word
 * for a name, as prose says "at" and "dot" too ("look at the dot com").
 */
const SPELLED_EMAIL =
  /(?<![\p{L}\d._%+-])(?!(?:a|an|the|this|that|these|those|our|your|their|its|my|his|her|look|looked|looking|arrived|stopped|at|dot) )(?<local>[\p{L}\d][\p{L}\d._+-]{0,62}) at (?!(?:a|an|the|this|that|these|those|our|your|their|its|my|his|her|at|dot) )(?<domain>(?:[\p{L}\d-]{1,63} dot )+(?:com|net|org|io|co|dev|app|ai|eu|uk|de|fr|nl|dk|se|no|fi|es|it|pl|ch|at|be|us|ca|au|in|jp))(?!\p{L})/giu;

/**
 * Local parts of addresses that reach a role, a team or a machine rather than a person; an
 * address is a role address when its local part, or one of its words (`payments-oncall@`,
 * `sre.team@`), is one of these.
 */
const ROLE_WORDS = new Set(
  `abuse accounting accounts admin administrator admins alert alerting alerts all announce api apps audit auto automation
  billing bot bots bounce bounces build builds careers ci cd cloud compliance contact contactus customer customers
  customercare customerservice daemon data deploy deployments dev devnull devops devs dmarc dns do-not-reply donotreply dpo
  dsar ec2-user eng engineering enquiries escalation escalations facilities feedback finance gdpr git github gitlab hello
  help helpdesk hostmaster hr incident incidents info infra infrastructure inquiries it jenkins jobs legal list mail
  mailer-daemon maintainers marketing media monitor monitoring network networking news newsletter no-reply noc noreply
  notification notifications notify office on-call oncall operations ops page pager pagerduty partners payments platform
  postmaster press privacy product qa recruiting release releases reply reports root sales secops security server service
  services servicedesk sre staff status support sysadmin system systems team teams tech test tickets ubuntu updates
  webmaster www`.split(/\s+/),
);

/** Domains kept for documentation and testing (RFC 2606, RFC 6761): addresses there reach nobody. */
const DOCUMENTATION_DOMAIN = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$/;

function isRoleAddress(local: string): boolean {
  const name = local.toLowerCase().replace(/\+.*$/, '');
  if (ROLE_WORDS.has(name)) return true;
  return name.split(/[._-]+/).some((word) => ROLE_WORDS.has(word));
}

/** A person's email address: not a role's, not at a documentation domain. */
function isPersonalEmail(local: string, domain: string): boolean {
  const host = domain.toLowerCase().replace(/[ \t]*[[({<][ \t]*dot[ \t]*[\])}>][ \t]*| dot /g, '.');
  return !DOCUMENTATION_DOMAIN.test(host) && !host.endsWith('gserviceaccount.com') && !isRoleAddress(local);
}

/*
 * Phone numbers. Three shapes, each checked again after the pattern matched: international
 * (`+44 20 7946 0958`, `0044 …`), national with separators (`(415) 555-0100`, `415-555-0100`,
 * `020 7946 0958`, `06-12345678`), and any run of 7 to 15 digits right after a cue (`phone:`,
 * `mobile`, `call me on`): "415 555 0100" with spaces alone is a phone number only after a cue.
 * Dates, times, versions, IP addresses and counts fail the checks: too few digits, a separator a
 * phone number is not written with, or their own shape.
 */
const NOT_GLUED = String.raw`(?<![\p{L}\d+=:._/\\#-])`;
const NOT_GLUED_AFTER = String.raw`(?![\p{L}\d]|[.,:/-]\d)`;
/** Digits with the separators phone numbers are written with: where to look for one. */
const DIGIT_RUN = /[+(]?\d[\d ()./\u00a0-]{5,24}\d/g;
/** The shapes a number can start with, tried at each group of a run: [shape, fewest digits, most digits]. */
const SHAPES: readonly [RegExp, number, number][] = [
  [new RegExp(String.raw`${NOT_GLUED}\+[ \t]?\(?\d[\d ()./\u00a0-]{4,24}\d${NOT_GLUED_AFTER}`, 'uy'), 8, 15],
  // "00" dials out like "+" does; with it the number needs a few digits more to be one.
  [new RegExp(String.raw`${NOT_GLUED}00[1-9][\d ()./\u00a0-]{4,24}\d${NOT_GLUED_AFTER}`, 'uy'), 11, 17],
  [
    new RegExp(String.raw`${NOT_GLUED}(?:1[ .-]?)?(?:\([2-9]\d{2}\)[ \u00a0]?[2-9]\d{2}[ .-]|[2-9]\d{2}(?<sep>[.-])[2-9]\d{2}\k<sep>)\d{4}${NOT_GLUED_AFTER}`, 'uy'),
    10,
    11,
  ],
  [new RegExp(String.raw`${NOT_GLUED}(?:\(0\d{1,4}\)|0\d{1,4})(?:[ ./\u00a0-]\d{2,8}){1,4}${NOT_GLUED_AFTER}`, 'uy'), 9, 12],
];
/** Any number, right after a cue that says it is one to call. */
const CUED = new RegExp(String.raw`\+?\(?\d[\d ()./\u00a0-]{5,22}\d${NOT_GLUED_AFTER}`, 'uy');
const CUE_BEFORE =
  /(?<!\p{L})(?:phone|tel|telephone|mobile|mob|cell|cellphone|(?:call|reach|contact|text)(?:ed)? (?:me|him|her|them)|ring|rang|sms|whatsapp|signal|fax|dial(?:l?ed)?)(?:[ \t]*(?:no|nr|number|#)\.?)?(?:[ \t]*[:=#.-])?[ \t]*(?:(?:on|at)[ \t]+)?$/iu;

/** Shapes of digits that are not phone numbers even where one might be. */
const NOT_A_PHONE = [
  /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b/, // 2026-03-14
  /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/, // 14.03.2026
  /^\d{1,3}(?:\.\d{1,3}){3}$/, // an IPv4 address
  /^\d+(?:\.\d+){3,}$/, // a version or dotted id of many parts
  /^\d{5}-\d{4}$/, // a US ZIP+4 code
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function digitCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) count++;
  return count;
}

/** Written as phone numbers are: groups split by one kind of separator (a bracketed area code aside), no empty group. */
function phoneLayout(text: string): boolean {
  if (/[ ./\u00a0-]{2,}/.test(text.replace(/\) /g, ')').replace(/ \(/g, '('))) return false;
  const separators = new Set(text.replace(/\((?:0|\d{1,5})\)/g, '').replace(/^\+/, '').match(/[ ./\u00a0-]/g) ?? []);
  separators.delete('\u00a0');
  return separators.size <= 1 || (separators.size === 2 && separators.has(' ') && separators.has('-'));
}

/** The phone number at the start of a candidate: cut at a space until the digits fit. */
function trimPhone(candidate: string, min: number, max: number): string | undefined {
  let text = candidate;
  while (digitCount(text) > max) {
    const cut = text.lastIndexOf(' ');
    if (cut <= 0) return undefined;
    text = text.slice(0, cut).replace(/[ .(/-]+$/, '');
  }
  return digitCount(text) >= min ? text : undefined;
}

function phoneAt(text: string, index: number, min: number, max: number, findings: PersonalFinding[]): boolean {
  const phone = trimPhone(text, min, max);
  // A leading "+" says phone number, whatever the digits look like.
  if (!phone || !phoneLayout(phone) || (phone[0] !== '+' && NOT_A_PHONE.some((shape) => shape.test(phone)))) return false;
  findings.push({ index, length: phone.length, kind: 'phone number' });
  return true;
}

/** A phone number starting at `index`, if one does. */
function phoneStartingAt(text: string, index: number, findings: PersonalFinding[]): boolean {
  for (const [shape, min, max] of SHAPES) {
    shape.lastIndex = index;
    const match = shape.exec(text);
    if (match && phoneAt(match[0], index, min, max, findings)) return true;
  }
  if (!CUE_BEFORE.test(text.slice(Math.max(0, index - 40), index))) return false;
  CUED.lastIndex = index;
  const match = CUED.exec(text);
  return !!match && phoneAt(match[0], index, 7, 15, findings);
}

/** Something an address needs, to look for addresses only in the texts that have it. */
const MAY_HOLD_EMAIL = (text: string) =>
  text.includes('@') || text.includes('%40') || text.includes(' dot ') || text.includes(' DOT ') || /[[({<][ \t]*at[ \t]*[\])}>]/i.test(text);

/** Every person's email address and phone number in a text, in order, each once. */
export function findPersonalData(text: string): PersonalFinding[] {
  const findings: PersonalFinding[] = [];
  if (MAY_HOLD_EMAIL(text)) {
    for (const pattern of [EMAIL, SPELLED_EMAIL]) {
      for (const match of text.matchAll(pattern)) {
        if (isPersonalEmail(match.groups!.local, match.groups!.domain)) findings.push({ index: match.index, length: match[0].length, kind: 'email address' });
      }
    }
  }
  for (const run of text.matchAll(DIGIT_RUN)) {
    // Most runs are dates (every timeline has a few dozen): done with at once.
    if (digitCount(run[0]) < 7 || ISO_DATE.test(run[0])) continue;
    // A number may start at any group of the run: "ticket 12 (415) 555-0100".
    for (let at = 0; at < run[0].length - 6; at++) {
      if ((at === 0 || /[ ./\u00a0-]/.test(run[0][at - 1])) && /[\d+(]/.test(run[0][at]) && phoneStartingAt(text, run.index + at, findings)) break;
    }
  }
  return oneFindingPerStretch(findings);
}
