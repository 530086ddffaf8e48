// The vocabulary of the fixture generator: services, teams, and per-category text templates.
// Templates take `{slot}` placeholders filled by generate.ts. Everything here must stay clean
// for the linters: no blame phrases, no person named next to a failure verb, nothing shaped like
// a secret, card number or SSN, and no bare `<` or `{` in prose (MDX).

export interface ServiceInfo {
  slug: string;
  team: string;
  /** How often it appears in incidents, relative to the others. */
  weight: number;
  /** Services it is usually hurt together with. */
  near: string[];
}

export const SERVICES: readonly ServiceInfo[] = [
  { slug: 'checkout-api', team: 'payments', weight: 12, near: ['payments-gateway', 'cdn-edge', 'cart-service'] },
  { slug: 'payments-gateway', team: 'payments', weight: 9, near: ['checkout-api', 'ledger', 'fraud-scoring'] },
  { slug: 'ledger', team: 'payments', weight: 4, near: ['payments-gateway', 'billing'] },
  { slug: 'fraud-scoring', team: 'risk', weight: 3, near: ['payments-gateway', 'ml-platform'] },
  { slug: 'cart-service', team: 'commerce', weight: 5, near: ['checkout-api', 'catalog'] },
  { slug: 'catalog', team: 'commerce', weight: 5, near: ['search-api', 'cart-service', 'inventory'] },
  { slug: 'inventory', team: 'commerce', weight: 4, near: ['catalog', 'warehouse-mgmt'] },
  { slug: 'warehouse-mgmt', team: 'logistics', weight: 3, near: ['inventory', 'shipping'] },
  { slug: 'shipping', team: 'logistics', weight: 3, near: ['warehouse-mgmt', 'notifications'] },
  { slug: 'auth-service', team: 'identity', weight: 9, near: ['api-gateway', 'user-profile', 'sms-gateway'] },
  { slug: 'user-profile', team: 'identity', weight: 4, near: ['auth-service', 'redis-cache'] },
  { slug: 'api-gateway', team: 'platform', weight: 8, near: ['auth-service', 'k8s-platform', 'cdn-edge'] },
  { slug: 'cdn-edge', team: 'platform', weight: 7, near: ['api-gateway', 'web-frontend', 'dns'] },
  { slug: 'dns', team: 'platform', weight: 2, near: ['cdn-edge', 'api-gateway'] },
  { slug: 'k8s-platform', team: 'platform', weight: 7, near: ['api-gateway', 'ci-pipeline', 'object-storage'] },
  { slug: 'ci-pipeline', team: 'developer-experience', weight: 4, near: ['k8s-platform', 'feature-flags'] },
  { slug: 'feature-flags', team: 'developer-experience', weight: 3, near: ['web-frontend', 'mobile-android', 'mobile-ios'] },
  { slug: 'postgres-main', team: 'data-platform', weight: 7, near: ['ledger', 'user-profile', 'billing'] },
  { slug: 'redis-cache', team: 'data-platform', weight: 5, near: ['user-profile', 'checkout-api', 'search-api'] },
  { slug: 'kafka', team: 'data-platform', weight: 5, near: ['etl-pipeline', 'notifications', 'search-indexer'] },
  { slug: 'object-storage', team: 'platform', weight: 2, near: ['k8s-platform', 'data-warehouse'] },
  { slug: 'search-api', team: 'search', weight: 6, near: ['search-indexer', 'catalog', 'web-frontend'] },
  { slug: 'search-indexer', team: 'search', weight: 4, near: ['search-api', 'kafka'] },
  { slug: 'notifications', team: 'messaging', weight: 6, near: ['email-sender', 'sms-gateway', 'push-service'] },
  { slug: 'email-sender', team: 'messaging', weight: 4, near: ['notifications', 'billing'] },
  { slug: 'sms-gateway', team: 'messaging', weight: 3, near: ['notifications', 'auth-service'] },
  { slug: 'push-service', team: 'messaging', weight: 3, near: ['notifications', 'mobile-ios', 'mobile-android'] },
  { slug: 'billing', team: 'billing', weight: 6, near: ['invoicing', 'ledger', 'email-sender'] },
  { slug: 'invoicing', team: 'billing', weight: 3, near: ['billing', 'data-warehouse'] },
  { slug: 'data-warehouse', team: 'data', weight: 5, near: ['etl-pipeline', 'invoicing', 'analytics-dashboards'] },
  { slug: 'etl-pipeline', team: 'data', weight: 4, near: ['data-warehouse', 'kafka'] },
  { slug: 'analytics-dashboards', team: 'data', weight: 3, near: ['data-warehouse'] },
  { slug: 'ml-platform', team: 'ml', weight: 2, near: ['fraud-scoring', 'recommendations'] },
  { slug: 'recommendations', team: 'ml', weight: 3, near: ['ml-platform', 'catalog', 'web-frontend'] },
  { slug: 'web-frontend', team: 'web', weight: 8, near: ['cdn-edge', 'api-gateway', 'search-api'] },
  { slug: 'mobile-ios', team: 'mobile', weight: 5, near: ['push-service', 'api-gateway', 'feature-flags'] },
  { slug: 'mobile-android', team: 'mobile', weight: 5, near: ['push-service', 'api-gateway', 'feature-flags'] },
  { slug: 'crm', team: 'sales-engineering', weight: 2, near: ['sales-portal', 'billing'] },
  { slug: 'sales-portal', team: 'sales-engineering', weight: 2, near: ['crm', 'auth-service'] },
  { slug: 'support-desk', team: 'customer-support', weight: 2, near: ['crm', 'notifications'] },
  { slug: 'vpn', team: 'it-operations', weight: 1, near: ['auth-service'] },
];

/** Team slugs that own actions, beside the service teams. */
export const EXTRA_OWNERS = ['payments-sre', 'platform-sre', 'release-engineering', 'security', 'incident-management', 'qa-automation', 'vendor-management', 'docs-team'];

/** People named in settings.people (for the blameless check) and as some action owners. */
export const PEOPLE = [
  'Priya Natarajan', 'Tom Becker', 'Lena Hoffmann', 'Marcus Oyelaran', 'Sofia Marchetti', 'Daniel Kim',
  'Jonas Weber', 'Aisha Rahman', 'Mateo Alvarez', 'Hana Sato', 'Olumide Adeyemi', 'Ingrid Larsen',
];

export const ZONES = ['America/New_York', 'Asia/Singapore', 'Europe/London', 'UTC', 'Australia/Sydney', 'America/Los_Angeles'];

export const REGIONS = ['EU', 'US-East', 'US-West', 'APAC', 'UK', 'LATAM'];
export const VENDORS = ['the CDN provider', 'the SMS aggregator', 'the cloud provider', 'the payment processor', 'the email delivery provider', 'the DNS provider', 'the identity provider', 'the observability vendor'];

export interface CategoryText {
  /** Root-cause category key (settings.categories). */
  key: string;
  /** Relative frequency. */
  weight: number;
  /** What set it off, for titles: "after …". */
  triggers: string[];
  /** Five whys, direct cause first; each list is one chain. */
  whyChains: string[][];
  summaries: string[];
  actions: string[];
  tags: string[];
}

export const CATEGORIES: readonly CategoryText[] = [
  {
    key: 'change-management',
    weight: 16,
    triggers: ['a config push reached every region at once', 'a routine deploy changed a default', 'a schema migration ran during peak traffic', 'a feature flag was flipped for all users', 'an infrastructure change replaced a live resource'],
    whyChains: [
      [
        'Requests to {service} failed because the new configuration pointed at an endpoint that was not serving yet',
        'The configuration reached every {region} instance at once, with no canary stage to catch the failure early',
        'The pipeline for {service} configuration has no staged rollout, unlike the application deploy pipeline',
        'Configuration changes were treated as low risk and reviewed for syntax only, not for their effect',
        'No one owns the configuration pipeline end to end, so its gaps were never prioritised',
      ],
      [
        '{service} returned errors because a migration locked the {table} table for {minutes} minutes',
        'The migration ran at {hour}:00, during peak traffic, because the scheduler does not know about traffic patterns',
        'Migration review checks the SQL but not how long each statement holds a lock',
        'There is no staging dataset large enough to show lock durations before production',
        'Database change guidelines predate the growth of the {table} table and were never revisited',
      ],
    ],
    summaries: ['Changes reach every instance at once with no canary and no automatic rollback', 'Migrations and config changes are reviewed for correctness but not for their runtime effect', 'The change pipeline has no staged rollout for configuration'],
    actions: ['Add a canary stage to the {service} config pipeline', 'Automatic rollback on error-rate regression for {service} deploys', 'Lock-duration check in the migration review template', 'Change freeze calendar shared with {team}', 'Document the emergency revert path for {service}'],
    tags: ['config', 'deploy', 'rollback', 'migration', 'feature-flag', 'canary'],
  },
  {
    key: 'capacity',
    weight: 12,
    triggers: ['traffic doubled during a campaign', 'the connection pool ran out', 'a queue backlog grew faster than consumers', 'disk filled on the primary', 'autoscaling hit its ceiling'],
    whyChains: [
      [
        '{service} timed out because every connection in its pool to {other} was in use',
        'Traffic was {pct}% above the usual peak because of a marketing campaign in {region}',
        'The pool size was set years ago for a quarter of today\u2019s traffic',
        'Capacity plans cover CPU and memory but not connection limits',
        'Marketing campaigns are not shared with the teams that run the affected services',
      ],
      [
        'Messages for {service} were delayed because the consumer group fell {minutes} minutes behind',
        'Autoscaling for the consumers stopped at its configured maximum of {n} replicas',
        'The maximum was a cost guard set during a budget review and never raised',
        'No alert watches how close the autoscaler is to its ceiling',
        'Cost guards are set by one team and capacity is owned by another, with no shared review',
      ],
    ],
    summaries: ['Capacity limits were set long ago and are not part of any regular review', 'Autoscaling ceilings and pool sizes are invisible until they are hit'],
    actions: ['Raise the {service} connection pool and alert at 80% use', 'Alert when the autoscaler is within two replicas of its ceiling', 'Quarterly capacity review covering pools, queues and ceilings', 'Load test {service} at twice the current peak', 'Share the campaign calendar with on-call teams'],
    tags: ['capacity', 'autoscaling', 'connection-pool', 'queue', 'load'],
  },
  {
    key: 'third-party',
    weight: 10,
    triggers: ['a vendor outage', 'the payment processor throttled requests', 'a provider changed an API without notice', 'an upstream certificate expired'],
    whyChains: [
      [
        '{service} failed because {vendor} returned errors for {minutes} minutes',
        'All traffic went to a single provider region with no failover',
        'The secondary provider contract lapsed during a procurement change last year',
        'Vendor dependencies have no owner who tracks contracts against architecture',
        'Third-party risk reviews look at security questionnaires, not at availability',
      ],
      [
        'Requests from {service} were rejected because {vendor} changed the response format',
        'The change was announced in a changelog nobody on {team} subscribes to',
        'The client library parses responses strictly and fails on unknown fields',
        'Contract tests against the vendor sandbox run only on release, not daily',
        'Integration ownership moved between teams twice and the monitoring was not carried over',
      ],
    ],
    summaries: ['A single vendor path with no failover and no contract monitoring', 'Vendor changes reach production with nothing watching for them'],
    actions: ['Failover to a second provider for {service}', 'Daily contract tests against the {vendor_short} sandbox', 'Subscribe {team} to vendor changelogs and status pages', 'Circuit breaker with a cached fallback in {service}', 'Vendor availability review in the procurement checklist'],
    tags: ['vendor', 'third-party', 'failover', 'sla', 'dependency'],
  },
  {
    key: 'monitoring',
    weight: 10,
    triggers: ['a silent failure went unnoticed for hours', 'an alert fired into a muted channel', 'a dashboard showed averages that hid the outage'],
    whyChains: [
      [
        'Customers saw stale results because {service} had stopped processing updates',
        'The failure was silent: the job exited with success after processing nothing',
        'The only alert watched for job failures, not for missing output',
        'Freshness was never defined as a service level for {service}',
        'Monitoring standards cover request-serving services but not batch jobs',
      ],
      [
        'The outage of {service} lasted {minutes} minutes before anyone responded',
        'The alert fired into a channel that had been muted during a previous incident',
        'Alert routing is configured per channel and nobody reviews muted channels',
        'There is no paging fallback when an alert is not acknowledged',
        'Alerting was set up by each team on its own without a shared standard',
      ],
    ],
    summaries: ['Silent failures and missing output were not monitored', 'Alerts could be muted without anyone noticing'],
    actions: ['Freshness alert for {service} output', 'Page the secondary on-call when an alert is not acknowledged in 10 minutes', 'Weekly review of muted alert channels', 'Percentile panels replace averages on the {service} dashboard', 'Synthetic check for the {service} user journey'],
    tags: ['monitoring', 'alerting', 'observability', 'slo', 'dashboards'],
  },
  {
    key: 'testing',
    weight: 9,
    triggers: ['a release shipped an untested code path', 'an edge case reached production', 'a time-zone boundary was not covered by tests'],
    whyChains: [
      [
        '{service} crashed for some users because a rarely used code path threw on empty input',
        'The path was added in release {version} and had no test',
        'Coverage reports are generated but not looked at in review',
        'The test suite runs against fixtures that never contain empty values',
        'Fixture data was copied from a demo account years ago and never refreshed',
      ],
      [
        'Scheduled jobs in {service} ran twice on the night clocks changed',
        'The scheduler compares wall-clock times, and 02:30 happened twice',
        'There are no daylight-saving cases in the scheduler tests',
        'The scheduler was written for UTC jobs and later reused for local-time jobs',
        'Reuse of internal libraries has no checklist for the assumptions they make',
      ],
    ],
    summaries: ['Test data and cases did not cover the path that failed', 'No tests for time-zone and daylight-saving boundaries'],
    actions: ['Add empty-input and boundary cases to the {service} suite', 'Daylight-saving test cases for the scheduler', 'Refresh test fixtures from anonymised production samples', 'Block merges that lower coverage of changed lines', 'Property-based tests for {service} parsers'],
    tags: ['testing', 'regression', 'edge-case', 'dst', 'release'],
  },
  {
    key: 'process',
    weight: 8,
    triggers: ['a manual step was skipped during a release', 'two teams changed the same system in one window', 'a handover between shifts dropped an open task'],
    whyChains: [
      [
        '{service} was left in maintenance mode for {minutes} minutes after the release',
        'The step that turns maintenance mode off is manual and was not in the release checklist',
        'The checklist is a wiki page that diverged from the actual release steps',
        'Release steps changed three times this year without an owner updating the checklist',
        'The release process has no single owner',
      ],
      [
        'Two changes to {service} in the same window conflicted and took it down',
        'The change calendar does not show changes from {team}',
        'Each team keeps its own change calendar',
        'There is no shared change process across teams',
        'Change coordination was never part of the platform roadmap',
      ],
    ],
    summaries: ['Manual release steps without a maintained checklist', 'No shared change calendar across teams'],
    actions: ['Automate the maintenance-mode step in the {service} release', 'One change calendar for all teams', 'Handover template for on-call shifts', 'Release checklist generated from the pipeline definition', 'Name an owner for the release process'],
    tags: ['process', 'release', 'checklist', 'handover', 'coordination'],
  },
  {
    key: 'knowledge-concentration',
    weight: 6,
    triggers: ['only one engineer knew the recovery procedure', 'the runbook owner was on leave', 'a legacy system nobody remembered how to restart'],
    whyChains: [
      [
        'Recovery of {service} took {minutes} minutes longer than it needed to',
        'The recovery procedure was known to one engineer, who was on leave',
        'The procedure was never written down, only practised by that engineer',
        'Runbooks are written after incidents, and this system had not failed in years',
        'Knowledge sharing depends on incidents rather than on planned rotation',
      ],
    ],
    summaries: ['Recovery knowledge held by one person', 'Legacy systems with no written runbooks'],
    actions: ['Write and test the {service} recovery runbook', 'Pair two more engineers on {service} recovery', 'Quarterly game day for {service}', 'Runbook review in the on-call onboarding'],
    tags: ['runbook', 'bus-factor', 'legacy', 'on-call'],
  },
  {
    key: 'communication',
    weight: 5,
    triggers: ['customers learned about the outage before support did', 'the status page stayed green', 'two teams worked the same incident without knowing'],
    whyChains: [
      [
        'Customers reported the outage of {service} {minutes} minutes before the status page changed',
        'Updating the status page is a manual step for the incident commander',
        'The incident commander was also the only engineer debugging',
        'Incident roles are assigned only for SEV-1 incidents',
        'The incident process was designed when the company had one on-call team',
      ],
    ],
    summaries: ['Status updates depended on a person who was also fixing the problem', 'No communication role below SEV-1'],
    actions: ['Communications lead role for every SEV-2 and above', 'Status page templates for {service}', 'Automatic status page update when a SEV-1 is declared', 'Shared incident channel per incident'],
    tags: ['status-page', 'communication', 'incident-command', 'support'],
  },
  {
    key: 'documentation',
    weight: 5,
    triggers: ['a runbook described a system that no longer exists', 'an outdated diagram sent responders the wrong way'],
    whyChains: [
      [
        'Responders spent {minutes} minutes on a failover that no longer applies to {service}',
        'The runbook described the architecture before the migration to {other}',
        'Runbooks are not part of the migration checklist',
        'Nobody is notified when the system a runbook describes changes',
        'Documentation has no owner per service',
      ],
    ],
    summaries: ['Runbooks drift from the systems they describe', 'Documentation has no owner per service'],
    actions: ['Update the {service} runbook after the {other} migration', 'Runbook review step in the migration checklist', 'Owner and review date on every runbook page', 'Link runbooks from every {service} alert'],
    tags: ['docs', 'runbook', 'architecture', 'migration'],
  },
  {
    key: 'technical-debt',
    weight: 9,
    triggers: ['a deprecated library failed under load', 'an old cron host was retired with jobs still on it', 'a certificate expired on a forgotten host'],
    whyChains: [
      [
        '{service} stopped serving because its TLS certificate expired',
        'The certificate lived on a host set up by hand before certificate automation existed',
        'The host was not in the inventory, so renewal reminders never reached anyone',
        'The migration to managed certificates skipped hosts that were not in the inventory',
        'Retiring old infrastructure has never been funded as a project',
      ],
      [
        '{service} ran out of memory under normal load',
        'A deprecated client library keeps every response in memory until the connection closes',
        'The library was pinned three major versions back because an upgrade broke a build',
        'Dependency upgrades are done only when something forces them',
        'There is no time set aside for maintenance in the {team} roadmap',
      ],
    ],
    summaries: ['Infrastructure outside the inventory and automation', 'Pinned dependencies years out of date'],
    actions: ['Move {service} certificates to managed renewal', 'Inventory sweep for hosts outside configuration management', 'Upgrade the {service} client library', 'Reserve 15% of each quarter for maintenance in {team}', 'Expiry alert for every certificate in the inventory'],
    tags: ['tech-debt', 'certificates', 'legacy', 'dependencies', 'upgrade'],
  },
];

export const KIND_TRIGGERS: Record<string, string[]> = {
  'missed-deadline': ['Quarterly compliance filing submitted {days} days late', 'Data export for {region} regulators delivered after the deadline', 'Certificate renewal for {service} missed the vendor cut-off', 'Contractual report for a key account sent late'],
  'failed-launch': ['{region} launch of the new {service} rolled back on day one', 'New onboarding flow launched with a broken payment step', 'Mobile release {version} pulled from the stores after crash reports', 'Pricing page relaunch showed wrong prices in {region}'],
  'lost-deal': ['Enterprise renewal lost after repeated {service} outages', 'Security review failed for a {region} prospect', 'Pilot with a logistics customer ended early over latency'],
  other: ['Office network outage during the all-hands', 'Internal wiki read-only for a day after storage migration', 'Build cache corruption slowed every pipeline'],
};

export const SYMPTOMS = ['returned 502s', 'timed out', 'served stale data', 'dropped messages', 'double-sent emails', 'rejected logins', 'showed wrong prices', 'lost events', 'slowed to a crawl', 'was unavailable', 'returned partial results', 'crashed on start'];

export const WENT_WELL = [
  'The alert fired within minutes of the first errors',
  'On-call acknowledged the page in under five minutes',
  'The rollback path worked on the first attempt',
  'Support had a prepared reply for customers within 20 minutes',
  'The status page was updated early and often',
  'Engineers from three teams joined the incident channel quickly',
  'The incident commander kept a clear timeline throughout',
  'Feature flags let us switch off the affected path without a deploy',
  'Dashboards showed the affected region at a glance',
  'Backups were recent and restored cleanly',
  'The vendor escalation contact answered within the hour',
  'Customer impact was measured precisely from request logs',
  'The fix was reviewed and deployed within the change window',
  'Handover between time zones was smooth and documented',
];

/** Sentence templates for the narrative, by section. */
export const OPENINGS = [
  'At {time} on {date}, {service} began to {verb} for customers in {region}.',
  'Shortly after {time} on {date}, error rates on {service} rose from under 0.1% to {pct}%.',
  'On {date}, {service} {symptom} for about {minutes} minutes, starting at {time}.',
  'The first sign of trouble came at {time} on {date}, when {service} latency passed {ms} ms at the 99th percentile.',
];

export const BODY_SENTENCES = [
  'The on-call engineer for {team} was paged by the {signal} alert and opened an incident channel.',
  'Dashboards for {other} looked normal at first, which pointed the investigation in the wrong direction.',
  'Traffic in {region} was about {pct}% above the weekly average because of a regional promotion.',
  'The error budget for {service} had been healthy for the previous {n} weeks.',
  'Logs showed a steady stream of timeouts between {service} and {other}.',
  'A rollback was considered early but would not have helped, because the change was in shared infrastructure.',
  'The incident commander asked {team} to pause all deploys until the cause was understood.',
  'Support received {n} tickets in the first hour, most of them from {region}.',
  'Synthetic checks from three regions confirmed the outage within a few minutes.',
  'The dependency graph showed {other} as the only shared component among the failing requests.',
  'Retries from clients roughly tripled the load on {service} while it recovered.',
  'Once the cause was clear, the fix itself took less than ten minutes to prepare and deploy.',
  'The runbook for {service} covered the symptom but not this cause.',
  'We confirmed from request logs that no data was lost and no request was processed twice.',
  'Queue depth on {other} peaked at {n} thousand messages before draining.',
  'A second engineer from {team} joined to check the data for inconsistencies while the first worked on the fix.',
  'The vendor status page stayed green for the whole incident.',
  'Recovery was gradual, as caches refilled and clients backed off.',
  'This incident shares a root cause with earlier ones, which is why the actions below go beyond the immediate fix.',
  'Latency at the 99th percentile stayed above {ms} ms for another {minutes} minutes after the fix.',
  'The change had passed review and every automated check before it was applied.',
  'Nothing in the deploy log pointed at {service} at first, so the team started from the network path.',
  'The incident stayed within one region thanks to the cell boundaries introduced last year.',
  'A feature flag let the team route traffic away from the failing path while the fix was prepared.',
  'Customer-facing teams were briefed twice an hour until the incident was resolved.',
  'The {signal} panel for {service} showed the problem {minutes} minutes before any customer noticed it.',
  'Most of the affected requests came from the mobile apps, which retry aggressively on timeouts.',
  'Health checks kept passing because they only test that the process answers, not that it can reach {other}.',
  'The change window had been moved to the evening to reduce customer impact, which also meant fewer people were around.',
  'Capacity graphs showed the same pattern during the last two promotions, at a smaller scale.',
  'The team considered failing over to the secondary region but decided the risk of data divergence was too high.',
  'Read traffic recovered first; writes to {other} stayed degraded until the backlog cleared.',
  'A similar warning had appeared in the weekly reliability review, but it was filed as low priority.',
  'Engineers in {region} picked up the incident at the start of their day and carried it to resolution.',
  'The vendor confirmed a partial outage in their {region} region about an hour after it began.',
  'Error budgets for the quarter were spent in a single afternoon.',
  'Only requests that touched {table} were affected, which narrowed the search quickly once someone noticed.',
  'The fix was small, but verifying that nothing else depended on the old behaviour took most of the afternoon.',
  'Tracing showed each failing request spending almost all of its time waiting for a connection.',
  'The deploy pipeline reported success because its smoke test does not exercise this path.',
  'Two earlier alerts on {other} that week had been closed as noise.',
  'The rollback restored service for new requests, but {n} thousand queued jobs had to be replayed by hand.',
  'Because the incident began during a public holiday in {region}, the first responder was the secondary on-call.',
  'We kept the incident open for another day to watch the nightly batch run through {service}.',
  'Load on {service} fell back to normal within minutes of the mitigation.',
  'Finance estimated the revenue impact from the drop in completed orders compared with the same weekday a week earlier.',
  'Sampling of request logs showed about {pct}% of sessions in {region} hitting at least one error.',
  'The architecture diagram still showed the old path through {other}, which cost time early on.',
  'None of the automated canaries covered the {region} edge locations at the time.',
  'Responders used the incident bot to record decisions, which made this timeline easy to reconstruct.',
];

/** Openers that vary how a narrative sentence starts. */
export const LEADS = ['', '', '', '', 'Meanwhile, ', 'At the same time, ', 'In the first hour, ', 'Later, ', 'As it turned out, ', 'From the logs, ', 'Looking back, ', 'In practice, ', 'For context, ', 'Separately, '];

/** Actions any root cause may add. */
export const GENERIC_ACTIONS = ['Add the {service} failure mode to the on-call training', 'Review alert thresholds for {service}', 'Write a runbook entry for this failure in {service}', 'Add a dashboard panel for {other} dependency health', 'Share this review in the engineering all-hands', 'Audit similar configurations across {team} services'];

export const LESSONS = [
  'A change that reaches everything at once needs a way to reach a little first.',
  'Alerts on missing output catch silent failures that error alerts miss.',
  'Limits set for yesterday\u2019s traffic need a regular review, not an incident.',
  'Recovery steps that only one person knows are a single point of failure.',
  'The emergency path deserves the same design care as the normal one.',
  'Runbooks need an owner and a review date, like code.',
  'Customer communication is a role, not a task for whoever has a free moment.',
  'A vendor without a fallback is part of our availability budget.',
  'Tests built from real, anonymised data find the cases demo data hides.',
  'Maintenance time that is planned costs less than maintenance time that is forced.',
];

/**
 * The part that failed, in the words responders use: what a repeat has in common with the
 * incident it repeats (with its trigger, symptom and chain of whys), and what unrelated incidents
 * share only by chance.
 */
export const FAILING_PARTS = [
  'the connection pool of the primary database', 'the TLS certificate of the internal API gateway', 'the Kafka consumer group rebalancing', 'the Redis eviction policy',
  'the log shipper sidecar buffering to disk', 'the DNS resolver cache on the worker nodes', 'the autoscaler maximum for the worker pool', 'the retry storm from the mobile clients',
  'the session token signing key rotation', 'the search index alias swap', 'the message queue dead-letter handling', 'the load balancer health check path',
  'the feature flag evaluation cache', 'the cron scheduler running jobs twice', 'the CDN origin shield', 'the container image registry rate limit',
  'the service mesh sidecar injection', 'the object storage lifecycle rule', 'the database replica lag', 'the webhook signature verification',
  'the IAM role assumed by the pods', 'the node disk filling with container logs', 'the metrics exporter timing out on scrape', 'the ingress controller route table',
  'the batch export writing partial files', 'the rate limiter shared counter', 'the payment provider callback queue', 'the cache warmer after failover',
  'the clock drift between nodes', 'the schema registry compatibility check',
];

export const SIGNALS = ['burn-rate', 'latency', 'error-rate', 'queue-depth', 'saturation', 'synthetic-check', 'freshness'];

/** Code blocks for the narrative: [language, lines]. `{service}` and friends are filled in. */
export const SNIPPETS: readonly (readonly [string, string])[] = [
  ['yaml', 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: {service}\nspec:\n  minReplicas: 4\n  maxReplicas: {n}\n  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target:\n          type: Utilization\n          averageUtilization: 65'],
  ['sql', '-- Lock held for the whole backfill\nALTER TABLE {table} ADD COLUMN region_code text;\nUPDATE {table} SET region_code = \'eu\' WHERE created_at > now() - interval \'30 days\';\n\n-- What we run now: batched, with a lock timeout\nSET lock_timeout = \'2s\';'],
  ['bash', '# Drain the node, then roll the pool back\nkubectl cordon node-pool-{n}\nkubectl drain node-pool-{n} --ignore-daemonsets --delete-emptydir-data\nhelm rollback {service} 41 --namespace prod --wait'],
  ['ts', 'export async function withDeadline<T>(work: Promise<T>, limitMs: number): Promise<T> {\n  const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${limitMs} ms`)), limitMs));\n  return Promise.race([work, timer]);\n}'],
  ['hcl', 'resource "cdn_origin_pool" "{service}" {\n  name    = "{service}"\n  origins = [var.origin]\n\n  lifecycle {\n    create_before_destroy = true\n    prevent_destroy       = true\n  }\n}'],
  ['text', '{stamp} ERROR {service} upstream connect error or disconnect/reset before headers\n{stamp} ERROR {service} pool exhausted: 200/200 connections in use\n{stamp} WARN  {service} retry budget exceeded for route /v2/orders'],
  ['text', '# PromQL: share of 5xx responses over 5 minutes\nsum(rate(http_requests_total{job="{service}",code=~"5.."}[5m]))\n  /\nsum(rate(http_requests_total{job="{service}"}[5m])) > 0.02'],
  ['json', '{\n  "service": "{service}",\n  "rollout": { "strategy": "canary", "steps": [5, 25, 50, 100] },\n  "abortOn": { "errorRate": 0.01, "p99LatencyMs": {ms} }\n}'],
  ['python', 'def backoff(attempt: int, base: float = 0.2, cap: float = 30.0) -> float:\n    """Full jitter, so retries from many clients spread out."""\n    return random.uniform(0, min(cap, base * 2 ** attempt))'],
];

export const TABLES = ['order_events', 'orders', 'invoices', 'sessions', 'payments', 'shipments', 'user_settings'];
