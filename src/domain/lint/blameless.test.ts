import { describe, expect, it } from 'vitest';
import { BLAME_PHRASES, findBlame, looksLikePersonName, nameForms } from './blameless.ts';

const PEOPLE = ['Priya Natarajan', 'Tom Becker', 'Lena Hoffmann'];

/** The flagged stretches of a text, as written. */
function flagged(text: string, names: readonly string[] = PEOPLE): string[] {
  return findBlame(text, names).map((finding) => text.slice(finding.index, finding.index + finding.length));
}

function rules(text: string, names: readonly string[] = PEOPLE): string[] {
  return findBlame(text, names).map((finding) => finding.rule);
}

describe('blame phrases', () => {
  it.each([
    ['The outage was caused by human error.', 'human error'],
    ['We first filed it as operator error.', 'operator error'],
    ['Support closed the ticket as user error.', 'user error'],
    ['A careless change to the load balancer.', 'careless'],
    ['The value was carelessly copied.', 'carelessly'],
    ['Carelessness in review let it through.', 'Carelessness'],
    ['A negligent rollout.', 'negligent'],
    ['The flag was negligently left on.', 'negligently'],
    ['This was negligence.', 'negligence'],
    ['The reviewer should have known better.', 'should have known'],
    ["Anyone should've known the limit.", "should've known"],
    ['It was the fault of the release engineer.', 'fault of'],
    ['It was his fault.', 'his fault'],
    ['It was her fault.', 'her fault'],
    ['It was their fault.', 'their fault'],
    ['It was my fault.', 'my fault'],
    ['Not your fault, really? It was your fault.', 'your fault'],
    ['Whose fault was it?', 'Whose fault'],
    ['Someone screwed up the config.', 'screwed up'],
    ['The migration was messed up.', 'messed up'],
    ['An incompetent rollout.', 'incompetent'],
    ['Sheer incompetence.', 'incompetence'],
    ['A sloppy review.', 'sloppy'],
    ['A lazy check.', 'lazy'],
    ['A reckless deploy on Friday.', 'reckless'],
    ['The on-call dropped the ball.', 'dropped the ball'],
    ['We blame the on-call rotation.', 'blame'],
    ['Payments blamed the vendor.', 'blamed'],
    ['The team blames the database.', 'blames'],
    ['Blaming the vendor helped nobody.', 'Blaming'],
    ['The release manager is to blame.', 'to blame'],
    ['A stupid typo.', 'stupid'],
    ['The reviewer should have caught it.', 'The reviewer should have caught'],
    ['We should have noticed the spike.', 'We should have noticed'],
    ["The on-call engineer should've spotted it.", "The on-call engineer should've spotted"],
  ])('%s → "%s"', (text, phrase) => {
    expect(flagged(text)).toEqual([phrase]);
    expect(rules(text)).toEqual(['blame-phrase']);
  });

  it.each(BLAME_PHRASES)('every listed phrase fires: "%s"', (phrase) => {
    expect(flagged(`In the review, it was ${phrase}, they said.`)).toEqual([phrase]);
    // In capitals, wrapped over lines and with a typographic apostrophe, too.
    const written = phrase.toUpperCase().replace(/ /g, '\n  ').replace(/'/g, '’');
    expect(flagged(`${written} was the verdict.`)).toEqual([written]);
  });

  it('matches across a line break and in any case', () => {
    expect(flagged('This was classic HUMAN\n   ERROR, again.')).toEqual(['HUMAN\n   ERROR']);
    expect(flagged('Dropped  the\nball.')).toEqual(['Dropped  the\nball']);
  });

  it('says what to write instead, in the message', () => {
    const [finding] = findBlame('It was human error.', PEOPLE);
    expect(finding.message).toMatch(/^"human error" assigns blame; describe the gap in the process or system instead/);
  });

  it.each([
    'fault-tolerant',
    'We ran fault injection against the queue.',
    'The fault domain was a single rack.',
    'This review is blameless.',
    'A blameless post-mortem.',
    'Nobody is to blame.',
    'We do not blame individuals for system failures.',
    "We don't blame the on-call for this.",
    'It was not the fault of the on-call, but of the paging policy.',
    'Through no fault of their own, customers were charged twice.',
    'We keep reviews blame-free.',
    'git blame showed the line came from the 2023 migration.',
    'The images use lazy loading.',
    'The module is lazy-loaded on first use.',
    'The lazy initialisation raced with the health check.',
    'The user error messages did not say what to retry.',
    'The operator error rate on the cert-manager operator rose.',
    'The canary should have caught it, but it only checked HTTP 200s.',
    'The test suite should have caught this regression.',
    'The alert fired late.',
    'the deploy failed to promote the canary',
    'the job missed its window because the queue was full',
    'a broken pipe',
    'Error budget burn reached 40% in an hour.',
  ])('does not fire: %s', (text) => {
    expect(flagged(text)).toEqual([]);
  });
});

describe('a person named as the one who failed', () => {
  it.each([
    ['Tom forgot to renew the certificate.', 'Tom forgot'],
    ['the step Priya missed', 'Priya missed'],
    ['It was a mistake by Tom.', 'mistake by Tom'],
    ['Mistake by Tom, as usual.', 'Mistake by Tom'],
    ['Tom Becker failed to update the runbook.', 'Tom Becker failed to'],
    ['Lena had simply forgotten the flag.', 'Lena had simply forgotten'],
    ['It was Priya who missed the page.', 'Priya who missed'],
    ['Tom and Priya missed the second page.', 'Tom and Priya missed'],
    ['The page was missed by Priya.', 'missed by Priya'],
    ['The alert was ignored by Tom Becker for an hour.', 'ignored by Tom Becker'],
    ['An error made by Lena in the config.', 'error made by Lena'],
    ["It was Tom's mistake.", "Tom's mistake"],
    ['Tom made a config error.', 'Tom made a config error'],
    ['Priya made a mistake in the query.', 'Priya made a mistake'],
    ['Tom broke the build.', 'Tom broke'],
    ['Tom had broken the build.', 'Tom had broken'],
    ['Priya overlooked the warning.', 'Priya overlooked'],
    ['Lena ignored the second alert.', 'Lena ignored'],
    ['Tom misconfigured the pool.', 'Tom misconfigured'],
    ['Tom Becker mistyped the zone name.', 'Tom Becker mistyped'],
    ['Priya accidentally broke checkout.', 'Priya accidentally broke'],
    ['Tom\n  forgot to renew it.', 'Tom\n  forgot'],
    ['Priya should have caught it in review.', 'Priya should have caught'],
  ])('%s → "%s"', (text, excerpt) => {
    expect(flagged(text)).toEqual([excerpt]);
    expect(rules(text)).toEqual(['blame-person']);
  });

  it('reports "human error by the on-call" once, as a phrase (a role is not a name)', () => {
    expect(findBlame('It was human error by the on-call.', PEOPLE).map((f) => [f.rule, f.index])).toEqual([['blame-phrase', 7]]);
  });

  it('reports one finding for overlapping matches', () => {
    expect(flagged("Tom's mistake by Tom")).toEqual(["Tom's mistake"]);
  });

  it('names the excerpt and suggests a process gap', () => {
    const [finding] = findBlame('Tom forgot to renew the certificate.', PEOPLE);
    expect(finding).toMatchObject({ index: 0, length: 'Tom forgot'.length, rule: 'blame-person' });
    expect(finding.message).toMatch(/^"Tom forgot" names a person as the one who failed; rewrite it as a process gap/);
  });

  it.each([
    // The verb's subject is something else.
    'Tom noticed the canary failed to promote.',
    'Priya saw that the job missed its window.',
    'The deploy Tom started failed to promote the canary.',
    'The job Tom owns missed its window because the queue was full.',
    "Tom's change broke checkout.",
    "Tom's runbook step was missing.",
    'Priya led the incident response and restored service.',
    'Priya was ignored when she escalated, because the pager was muted.',
    'Tom found a broken pipe in the exporter.',
    'Lena paged the missed alerts to the right channel.',
    'The alert fired late; Tom acknowledged it within a minute.',
    // Failure verb and name in different sentences.
    'Tom joined at 09:12. The canary failed to promote.',
    // Not a configured name, or not the name as written.
    'Tomcat failed to start.',
    'tom-bot failed to post the update.',
    'The tom forgot nothing.',
    'Priyanka missed the page.',
    // A name owning something that is not a mistake.
    "Tom's error budget dashboard showed the burn.",
    'Tom made the error budget visible.',
    'The error reported by Priya pointed at the pool.',
  ])('does not fire: %s', (text) => {
    expect(flagged(text)).toEqual([]);
  });

  it('needs names: without any, only phrases fire', () => {
    expect(flagged('Tom forgot to renew the certificate.', [])).toEqual([]);
    expect(flagged('Tom forgot to renew the certificate; human error.', [])).toEqual(['human error']);
  });

  it('allows at most 3 helper words between a name and its verb', () => {
    expect(flagged('Tom had apparently simply forgotten it.')).toEqual(['Tom had apparently simply forgotten']);
    expect(flagged('Tom then had apparently simply forgotten it.')).toEqual([]);
  });
});

describe('nameForms', () => {
  it('matches the full name and the first name, longest first', () => {
    expect(nameForms(['Priya Natarajan', 'Tom Becker'])).toEqual(['Priya Natarajan', 'Tom Becker', 'Priya', 'Tom']);
  });

  it('skips first names shorter than 3 letters, blank names and repeats', () => {
    expect(nameForms(['Al Smith', '  ', 'Tom', 'Tom Becker', 'Jo'])).toEqual(['Tom Becker', 'Al Smith', 'Tom', 'Jo']);
  });

  it('normalises white space inside a name', () => {
    expect(nameForms(['  Lena   Hoffmann '])).toEqual(['Lena Hoffmann', 'Lena']);
  });

  it('is used for prose: first name alone, full name, case-sensitive', () => {
    expect(flagged('Priya missed the page.', ['Priya Natarajan'])).toEqual(['Priya missed']);
    expect(flagged('Priya Natarajan missed the page.', ['Priya Natarajan'])).toEqual(['Priya Natarajan missed']);
    expect(flagged('priya missed the page.', ['Priya Natarajan'])).toEqual([]);
    expect(flagged('Natarajan missed the page.', ['Priya Natarajan'])).toEqual([]);
  });
});

describe('looksLikePersonName', () => {
  it.each([
    ['Priya Natarajan', true],
    ['Tom', true],
    ['Tom Becker', true],
    ['Seán O’Brien', true],
    ["Conor O'Brien", true],
    ['Ronald McDonald', true],
    ['Jean-Luc Picard', true],
    ['Ana de Souza', true],
    ['Ludwig van Beethoven', true],
    ['Tom B.', true],
    ['J. R. Smith', true],
    ['Xu Li', true],
    ['Zoë Ångström', true],
    // Teams, roles and handles.
    ['payments-sre', false],
    ['platform-team', false],
    ['Team Payments', false],
    ['Payments Team', false],
    ['Platform SRE', false],
    ['SRE', false],
    ['Security', false],
    ['Data Platform', false],
    ['On-call', false],
    ['@priya', false],
    ['priya@example.com', false],
    ['priya natarajan', false],
    ['J.', false],
    ['', false],
    ['Priya Natarajan (payments)', false],
    ['One Two Three Four Five Six', false],
  ])('%s → %s', (owner, expected) => {
    expect(looksLikePersonName(owner)).toBe(expected);
  });
});
