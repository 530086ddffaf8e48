/*
 * The rulebook: every rule check and the build apply, by id, with its level, what it catches, what
 * to do and an example. `settings.lint` accepts the ids of the warnings (LINT_RULES), `npm run
 * check -- --explain <rule>` prints an entry, and the rule tables of docs/format.md are generated
 * from it (`npm run rules`; a test keeps them equal). A problem whose rule is not here fails a test.
 */

export type RuleLevel = 'error' | 'warning';

export interface Rule {
  id: string;
  /** Errors stop the build; warnings fail only `check --strict`, and settings.lint can change them. */
  level: RuleLevel;
  /** What it catches, in the words of the docs (Markdown). */
  catches: string;
  /** What to do (Markdown). */
  fix: string;
  example: { wrong: string; right: string };
}

/** For `check --explain`: a line that breaks the rule, and the same line put right. */
const EXAMPLES: Record<string, { wrong: string; right: string }> = {
  yaml: { wrong: 'title: Checkout: 502s after a CDN push', right: 'title: "Checkout: 502s after a CDN push"' },
  schema: { wrong: 'severty: SEV-1', right: 'severity: SEV-1' },
  'date-offset': { wrong: 'detected: 2026-03-14T09:20:00', right: 'detected: 2026-03-14T09:20:00+01:00' },
  'time-order': { wrong: 'started: 2026-03-14T09:20:00Z\ndetected: 2026-03-14T09:12:00Z', right: 'started: 2026-03-14T09:12:00Z\ndetected: 2026-03-14T09:20:00Z' },
  'timeline-order': { wrong: '- at: "23:50"\n- at: "00:10"', right: '- at: "23:50"\n- at: "2026-03-15T00:10:00+01:00"' },
  action: { wrong: '- { title: Add a canary, status: done }', right: '- { title: Add a canary, status: done, completed: 2026-03-20 }' },
  reference: { wrong: 'repeatOf: INC-2025-31', right: 'repeatOf: INC-2025-031' },
  'unique-id': { wrong: 'id: INC-2026-007   # already the id of another file', right: 'id: INC-2026-008' },
  secret: { wrong: 'The key AKIAIOSFODNN7EXAMPLE was used.', right: 'The deploy key (rotated since) was used.' },
  'mdx-syntax': { wrong: 'Latency was <200 ms and {p99} grew.', right: 'Latency was &lt;200 ms and \\{p99\\} grew.' },
  'narrative-code': { wrong: 'We had {pods * 2} pods.', right: 'We had 48 pods.' },
  'narrative-html': { wrong: '<a href="javascript:alert(1)" onclick="go()">dashboard</a>', right: '[dashboard](https://grafana.example/d/checkout)' },
  'narrative-image': { wrong: '![pool](../../../shared/pool.svg)', right: '![pool](./pool.png)' },
  'narrative-size': { wrong: '> > > > … (200 levels of quotes)', right: '> one level of quote' },
  'content-file': { wrong: 'postmortems/2026/cdn push#2.md', right: 'postmortems/2026/cdn-push-2.mdx' },
  'public-leak': { wrong: 'This repeats INC-2026-004 (internal).', right: 'This repeats an earlier incident with the same cause.' },
  'blame-phrase': { wrong: 'The outage was caused by human error.', right: 'The config change was applied by hand; nothing validated it.' },
  'blame-person': { wrong: 'Tom forgot to run the migration.', right: 'The deploy pipeline did not check that pending migrations had run.' },
  'whys-count': { wrong: 'whys: [Requests failed, The pool was full, Nobody sized it]', right: 'whys: [five answers, each the "why?" of the one before]' },
  'went-well-count': { wrong: 'wentWell: [Rollback worked]', right: 'wentWell: [Rollback worked, Alert fired in 8 minutes, Status page updated in 15]' },
  'summary-late': { wrong: 'resolved: 2026-03-14T11:42:00Z\nreportCompleted: 2026-03-17T09:00:00Z', right: 'resolved: 2026-03-14T11:42:00Z\nreportCompleted: 2026-03-15T09:00:00Z' },
  'action-deadline': { wrong: '- { priority: P1, deadline: 2026-04-30 }   # resolved 2026-03-14', right: '- { priority: P1, deadline: 2026-03-21 }' },
  'sev1-timeline-gap': { wrong: '- at: "09:20"\n- at: "10:30"', right: '- at: "09:20"\n- at: "09:35"\n- at: "09:50"\n- …' },
  'architecture-rfc': { wrong: 'architectureChange: { needed: true }', right: 'architectureChange: { needed: true, rfc: https://docs.example/rfc-42 }' },
  'narrative-attribute': { wrong: '<span style="position:fixed">x</span>', right: '<span>x</span>' },
  'personal-data': { wrong: 'Paged priya.n@acme.com at +44 20 7946 0958.', right: 'Paged the payments on-call.' },
  'yaml-comment': { wrong: 'title: Checkout failed after deploy #4512', right: 'title: "Checkout failed after deploy #4512"' },
  'possible-repeat': { wrong: 'title: KIAM certificate expired again   # reads like PM2020-002, not linked', right: 'repeatOf: PM2020-002   # or related: [PM2020-002], saying in the narrative how it differs' },
  'duplicate-related': { wrong: 'related: [INC-2025-031, INC-2025-031]', right: 'related: [INC-2025-031]' },
};

export const RULES: readonly Rule[] = [
  {
    id: "yaml",
    level: "error",
    catches: "frontmatter that is not valid YAML: an unquoted `: `, a tab, a duplicated key, an unclosed quote, a tag outside the core schema; frontmatter beyond the [limits](#yaml-in-this-format) (over 1 MB, nested over 64 levels, aliases used over 100 times)",
    fix: "follow the hint in the message; see [YAML in this format](#yaml-in-this-format)",
    example: EXAMPLES["yaml"],
  },
  {
    id: "schema",
    level: "error",
    catches: "a missing required field, a wrong type, a value outside its set (severity, kind, category, framework…), an unknown key, a bad slug, id or URL, a date that does not exist, no frontmatter at all or one that is not a mapping; a blank title or other required text; a number that is `.nan` or `.inf`, negative, or above its limit (money 1e12, hours 1e6, users 1e10); a date before 1970 or more than a year after today (deadlines: five years); an id over 100 characters, ending in `.` or naming a Windows device, or a file name that is no such id in a file without `id`; `regulatory.notified` for a framework not in `frameworks`, or `osha` without `regulatory.osha`",
    fix: "fix the field as the message says; unknown keys get a \"did you mean\"",
    example: EXAMPLES["schema"],
  },
  {
    id: "date-offset",
    level: "error",
    catches: "a date-time without a UTC offset (frontmatter times and timeline entries)",
    fix: "add the offset or `Z`, e.g. `2026-03-14T09:12:00+01:00`",
    example: EXAMPLES["date-offset"],
  },
  {
    id: "time-order",
    level: "error",
    catches: "`detected` before `started`, `resolved` before `detected`, `reportCompleted` before `started`, or `resolved` missing on a post-mortem that is not a draft",
    fix: "correct the times; add `resolved` (or set `status: draft` while the incident is open)",
    example: EXAMPLES["time-order"],
  },
  {
    id: "timeline-order",
    level: "error",
    catches: "a timeline entry before the one above it, or an `at` that is neither `HH:MM` nor a date-time",
    fix: "after midnight write one full date-time (see [above](#timeline-times-hhmm-and-midnight)); otherwise reorder",
    example: EXAMPLES["timeline-order"],
  },
  {
    id: "action",
    level: "error",
    catches: "`completed` missing on a `done` action, or present on one that is not `done`",
    fix: "add `completed: YYYY-MM-DD` or remove it / set `status: done`",
    example: EXAMPLES["action"],
  },
  {
    id: "reference",
    level: "error",
    catches: "`related` or `repeatOf` naming a post-mortem that does not exist, or the post-mortem itself; `repeatOf` naming a post-mortem that did not start before this one",
    fix: "use the other file's `id` (or its file name if it has none); put `repeatOf` in the later of the two",
    example: EXAMPLES["reference"],
  },
  {
    id: "unique-id",
    level: "error",
    catches: "two post-mortems with the same id, ignoring case",
    fix: "pick another; `npm run new` picks a free one",
    example: EXAMPLES["unique-id"],
  },
  {
    id: "secret",
    level: "error",
    catches: "private keys (PEM, OpenSSH, PGP, PuTTY `.ppk`), cloud and API tokens (AWS, GitHub, GitLab, Slack tokens and webhook URLs — `services/`, `workflows/`, `triggers/` —, Stripe, JWTs and the rest of secretlint's recommended set), card numbers of a card network's prefix and length that pass the Luhn check (also after `card_` or `ref-`, split by spaces, `-`, `.`, `/` or `_`, or wrapped over two lines), US social security numbers (`123-45-6789`; nine digits, or 3-2-4 with spaces or dots, only right after \"SSN\", \"SS#\" or \"social security number\") — in the frontmatter, the body or `settings.yaml`, as written or decoded (see [The body](#the-body))",
    fix: "remove it, and rotate the credential if it was real; the message shows only its first 4 characters",
    example: EXAMPLES["secret"],
  },
  {
    id: "mdx-syntax",
    level: "error",
    catches: "a body that is not valid MDX (a bare `<` or `{` in prose, an unclosed tag)",
    fix: "escape it (`&lt;`, `\\{`) or put it in backticks",
    example: EXAMPLES["mdx-syntax"],
  },
  {
    id: "narrative-code",
    level: "error",
    catches: "code in the narrative: `import`/`export`, `{expressions}`, components, attribute expressions and spreads ([safety.md](safety.md#what-a-narrative-may-hold))",
    fix: "write it as Markdown; a literal brace as `\\{`; code to show goes in a code block; or opt in with `narratives: { code: true }`",
    example: EXAMPLES["narrative-code"],
  },
  {
    id: "narrative-html",
    level: "error",
    catches: "HTML that runs or loads things: `<script>`, `<style>`, `<iframe>`, `<object>`, `<embed>`, `<form>`, `<svg>`, an element not on the allow-list, event handlers, `srcdoc`, `javascript:`/`vbscript:`/`data:` URLs",
    fix: "remove it, or write it in Markdown",
    example: EXAMPLES["narrative-html"],
  },
  {
    id: "narrative-image",
    level: "error",
    catches: "an image beside the file that does not exist, lies outside the content folder, or is not PNG, JPEG, GIF, WebP or AVIF",
    fix: "fix the path (relative to the file), or export the picture as PNG",
    example: EXAMPLES["narrative-image"],
  },
  {
    id: "narrative-size",
    level: "error",
    catches: "a narrative over 2 million characters, or nested more than 64 levels deep",
    fix: "move logs to a linked file; flatten the nesting",
    example: EXAMPLES["narrative-size"],
  },
  {
    id: "content-file",
    level: "error",
    catches: "under `postmortems/`: a symbolic link, a hidden post-mortem or folder of them, a `.markdown`/`.MD`/`.MDX` file, or a name URLs cannot carry (a warning for other files that are not images)",
    fix: "copy instead of linking; rename as the message suggests; move other files out",
    example: EXAMPLES["content-file"],
  },
  {
    id: "public-leak",
    level: "error",
    catches: "only with `HINDSIGHT_VISIBILITY=public`: a public post-mortem that names or links an internal one, or quotes its title ([safety.md](safety.md#public-means-public))",
    fix: "remove the mention, or make the other post-mortem public",
    example: EXAMPLES["public-leak"],
  },
  {
    id: "blame-phrase",
    level: "warning",
    catches: "blame words anywhere in the text: \"human error\", \"operator error\", \"user error\", \"careless(ly/ness)\", \"negligent/negligence\", \"should have known\", \"fault of\", \"his/her/their/my/your/whose fault\", \"screwed up\", \"messed up\", \"incompetent/incompetence\", \"sloppy\", \"lazy\", \"reckless\", \"dropped the ball\", \"blame(d/s)\", \"blaming\", \"to blame\", \"stupid\"; and \"should have caught/noticed/…\" when a person is its subject (\"the reviewer should have caught it\", not \"the canary should have caught it\"). Not flagged: \"nobody is to blame\", \"no fault of\", \"git blame\", \"blame-free\", \"lazy loading\", \"user error messages\"",
    fix: "describe the gap in the process or system that made the failure possible, and what will catch it next time (see [CONTRIBUTING.md](../CONTRIBUTING.md#blameless-language))",
    example: EXAMPLES["blame-phrase"],
  },
  {
    id: "blame-person",
    level: "warning",
    catches: "a person named as the one who failed: the name directly before a failure verb, with at most three helper words between (\"Tom forgot\", \"the step Priya missed\", \"Tom had simply forgotten\", \"it was Priya who missed\", \"Tom and Priya missed\"); a mistake or failure \"by\" a name (\"a mistake by Tom\", \"the page was missed by Priya\"); a name owning a mistake (\"Tom's mistake\", \"Tom made a config error\"). Failure verbs: \"forgot\", \"failed to\", \"missed\", \"broke\", \"overlooked\", \"neglected\", \"ignored\", \"botched\", \"misconfigured\", \"mistyped\", \"messed up\" and their forms. Names are `settings.people` and action owners that look like personal names; the first name alone counts too (3 letters or more), case-sensitive. A name near a failure that is not the person's is fine: \"Tom noticed the canary failed to promote\", \"Tom's change broke checkout\", \"Tom's runbook step was missing\"",
    fix: "rewrite it as a process gap: \"the release checklist had no step for …\", not who missed what",
    example: EXAMPLES["blame-person"],
  },
  {
    id: "whys-count",
    level: "warning",
    catches: "not exactly 5 whys",
    fix: "keep asking \"why?\" until the answer is a cause you can act on",
    example: EXAMPLES["whys-count"],
  },
  {
    id: "went-well-count",
    level: "warning",
    catches: "fewer than 3 or more than 5 `wentWell` entries",
    fix: "name 3–5 things that worked, so the response's strengths are kept too",
    example: EXAMPLES["went-well-count"],
  },
  {
    id: "summary-late",
    level: "warning",
    catches: "`reportCompleted` more than 24 hours after `resolved`",
    fix: "complete the summary within a day; the warning records that it was late",
    example: EXAMPLES["summary-late"],
  },
  {
    id: "action-deadline",
    level: "warning",
    catches: "an action's deadline after its priority's window (P0 next business day, P1 7 days, P2 31 days from the local date of `resolved`)",
    fix: "bring the deadline forward, or give the action the priority that matches it",
    example: EXAMPLES["action-deadline"],
  },
  {
    id: "sev1-timeline-gap",
    level: "warning",
    catches: "a timeline of a severity whose level says `minuteByMinute` (by default SEV-1) with more than `settings.sev1MaxGapMinutes` (default 15) minutes between two consecutive entries from `started` to `resolved`; not for imported post-mortems",
    fix: "add what happened in between: SEV-1 timelines are minute by minute",
    example: EXAMPLES["sev1-timeline-gap"],
  },
  {
    id: "architecture-rfc",
    level: "warning",
    catches: "`prevention.architectureChange.needed: true` without `rfc`",
    fix: "link the design document: `rfc: https://…`",
    example: EXAMPLES["architecture-rfc"],
  },
  {
    id: "narrative-attribute",
    level: "warning",
    catches: "an attribute or link the page drops: `style` beyond a colour, `target`, `class` on most elements, a link that is not `http(s)`, `mailto:`, `tel:` or relative ([safety.md](safety.md#what-a-narrative-may-hold))",
    fix: "remove it; the page shows the element without it",
    example: EXAMPLES["narrative-attribute"],
  },
  {
    id: "personal-data",
    level: "warning",
    catches: "a person's email address (also written `[at]`, `(at)`, `%40` or spelled out) or phone number (international `+44 20 7946 0958`, `0044 …`; national with separators such as `(415) 555-0100`, `415-555-0100`, `020 7946 0958`, `06-12345678`; any digits right after \"phone\", \"tel\", \"mobile\", \"call me on\" and the like). Not flagged: role addresses — `support@`, `noreply@`, `security@`, `oncall@`, `sre@`, `alerts@` and other role, team and machine names, also as a word of the address (`payments-oncall@`) — addresses at documentation domains (`example.com`, `.org`, `.net`, `*.example`, `*.test`, `*.invalid`, `localhost`), and dates, times, versions, IP addresses, ids and counts",
    fix: "name the role or team instead (\"the payments on-call\"), or use a role address; the message shows only the first 4 characters",
    example: EXAMPLES["personal-data"],
  },
  {
    id: "duplicate-related",
    level: "warning",
    catches: "the same id twice in `related` (the same id in `related` and `repeatOf` is fine)",
    fix: "remove the repeated entry",
    example: EXAMPLES["duplicate-related"],
  },
  {
    id: "possible-repeat",
    level: "warning",
    catches: "only in `check` of named files or with `--similar`: an earlier post-mortem that reads very much like this one (similarity 0.20 or more, see [similar.md](similar.md)), has the same root-cause category or shares a service, and is linked neither way by `related` or `repeatOf`",
    fix: "if it is the same failure again, add `repeatOf: <its id>`; if not, add it to `related` and say in the narrative how this one differs",
    example: EXAMPLES["possible-repeat"],
  },
  {
    id: "yaml-comment",
    level: "warning",
    catches: "a plain (unquoted) value cut short by a YAML comment: a `#` glued to a word right after the value (`title: Fix for issue #123` is the title \"Fix for issue\")",
    fix: "put the value in quotes: `title: \"Fix for issue #123\"`; a comment meant as one has a space after its `#`",
    example: EXAMPLES["yaml-comment"],
  },
];

const BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));

/** The rule with this id, if there is one. */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** The rules whose level settings.lint may change: the warnings. */
export const LINT_RULES = RULES.filter((rule) => rule.level === 'warning').map((rule) => rule.id) as [string, ...string[]];
