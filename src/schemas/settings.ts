import { z } from 'astro/zod';
import { LINT_RULES } from '../core/rulebook.ts';
import { slug, timeZone, httpUrl, money } from './common.ts';

/** The ten contributing-factor keys; also the default root-cause categories. */
export const FACTOR_KEYS = [
  'monitoring',
  'testing',
  'documentation',
  'process',
  'knowledge-concentration',
  'capacity',
  'third-party',
  'communication',
  'change-management',
  'technical-debt',
] as const;
export type FactorKey = (typeof FACTOR_KEYS)[number];

export const INDUSTRIES = ['fintech', 'healthcare', 'saas', 'e-commerce', 'manufacturing', 'other'] as const;

export const LINT_LEVELS = ['off', 'warning', 'error'] as const;

/** The lint rules settings may switch off or raise: the rulebook's warnings (src/core/rulebook.ts). */
export { LINT_RULES };

/** The framework's severity levels: the default of settings.severities. */
export const DEFAULT_SEVERITIES = [
  { id: 'SEV-1', label: 'Revenue impact', meaning: 'customers could not pay, or money was lost', minuteByMinute: true },
  { id: 'SEV-2', label: 'Customer impact', meaning: 'customers were affected, no revenue was lost', minuteByMinute: false },
  { id: 'SEV-3', label: 'Internal impact', meaning: 'only internal users or systems were affected', minuteByMinute: false },
];

/** One severity level of the team's scale. */
const severityLevel = z.strictObject({
  /** What post-mortems write in `severity`, e.g. SEV-1 or P1. */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'must be letters, digits and "-", e.g. SEV-1'),
  /** Its name on badges and in filters, e.g. "Revenue impact". */
  label: z.string().min(1),
  /** What it means, for the people who choose it. */
  meaning: z.string().optional(),
  /** Whether its timelines must be minute by minute (the sev1-timeline-gap rule). */
  minuteByMinute: z.boolean().default(false),
});

export type SeverityLevel = z.output<typeof severityLevel>;

/** Site-wide settings, `content/settings.yaml`. Every key is optional. */
export const settingsSchema = z.strictObject({
  /** The library's name, shown in the header and feeds. */
  name: z.string().min(1).default('Post-mortems'),
  /** Where readers open the site; a path in it (https://acme.github.io/postmortems/) hosts the site under that path. */
  url: httpUrl.optional(),
  /** Base URL of the content folder in the repository, for "edit this post-mortem" links. */
  repository: httpUrl.optional(),
  /** IANA time zone for quarters and dates on the site. */
  timezone: timeZone.default('UTC'),
  /** ISO 4217 currency code of every money figure. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD or EUR').default('USD'),
  /** Loaded cost of one engineering hour, the default for cost.loadedRate. */
  loadedRate: money.default(100),
  /** The industry whose regulatory focus the site shows. */
  industry: z.enum(INDUSTRIES).default('other'),
  /** People's names, for the blameless-language check. */
  people: z.array(z.string().min(1)).default([]),
  /** The team's severity levels, most severe first (docs/format.md#settingsyaml); default SEV-1, SEV-2, SEV-3. */
  severities: z
    .array(severityLevel)
    .min(1, 'needs at least one level')
    .refine((levels) => new Set(levels.map((level) => level.id)).size === levels.length, 'lists a level twice; give each its own id')
    .default(DEFAULT_SEVERITIES),
  /** Longest gap allowed between SEV-1 timeline entries before resolution. */
  sev1MaxGapMinutes: z.number().int().positive().default(15),
  /** Shared infrastructure (a cluster, a network) that many incidents touch: sharing one does not make two incidents a detected repeat. */
  platformServices: z.array(slug).default([]),
  /** The root-cause categories a post-mortem may name. */
  categories: z.array(slug).min(1).default([...FACTOR_KEYS]),
  /** Reporting frameworks to add, or built-in ones whose label, text or clock to override. */
  frameworks: z
    .record(
      slug,
      z.strictObject({
        label: z.string().min(1).optional(),
        text: z.string().min(1).optional(),
        clock: z
          .strictObject({ hours: z.number().positive().optional(), days: z.number().int().positive().optional(), businessDays: z.number().int().positive().optional() })
          .optional(),
      }),
    )
    .default({}),
  /**
   * What a narrative may hold (docs/safety.md). `code: true` lets narratives run JavaScript on the
   * build machine (imports, {expressions}, components): only for a library whose every author,
   * and every pull request, the team trusts.
   */
  narratives: z.strictObject({ code: z.boolean().default(false) }).default({ code: false }),
  /** Per-rule levels for the linters: `rule-id: off | warning | error`. */
  lint: z.partialRecord(z.enum(LINT_RULES), z.enum(LINT_LEVELS)).default({}),
});

export type Settings = z.output<typeof settingsSchema>;
