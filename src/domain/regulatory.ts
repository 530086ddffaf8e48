import { DateTime } from 'luxon';
import { inZone, millisOf } from '../core/time.ts';
import type { Settings } from '../schemas/settings.ts';

/** How long an obligation gives: hours from discovery, calendar days, or business days (Mon–Fri). */
export interface Clock {
  hours?: number;
  days?: number;
  businessDays?: number;
}

export interface FrameworkRule {
  label: string;
  /** What to do, in a sentence a responder can act on. */
  text: string;
  clock?: Clock;
}

/** Built-in frameworks (docs/format.md#regulatory). PCI-DSS, SOX and SOC 2 have no fixed clock unless settings give one. */
export const FRAMEWORKS: Record<string, FrameworkRule> = {
  hipaa: {
    label: 'HIPAA',
    text: 'Notify affected individuals of the breach of unsecured protected health information without unreasonable delay and within 60 calendar days of discovery (and HHS; media too above 500 residents of a state).',
    clock: { days: 60 },
  },
  gdpr: {
    label: 'GDPR',
    text: 'Notify the supervisory authority of the personal data breach within 72 hours of becoming aware of it (Art. 33); inform data subjects without undue delay when the risk to them is high (Art. 34).',
    clock: { hours: 72 },
  },
  'sec-8k': {
    label: 'SEC Form 8-K',
    text: 'File Form 8-K Item 1.05 within four business days of determining that the cybersecurity incident is material.',
    clock: { businessDays: 4 },
  },
  osha: {
    label: 'OSHA',
    text: 'Report to OSHA: a work-related fatality within 8 hours; an in-patient hospitalisation, amputation or loss of an eye within 24 hours.',
  },
  'pci-dss': {
    label: 'PCI DSS',
    text: 'Follow the incident response plan (Req. 12.10): notify the card brands and your acquirer as their rules require, and preserve evidence for a forensic investigation.',
  },
  sox: {
    label: 'SOX',
    text: 'Assess the incident for impact on internal control over financial reporting; inform the audit committee and document it for the auditors.',
  },
  soc2: {
    label: 'SOC 2',
    text: 'Record the incident under your incident-management controls (CC7.3–CC7.5): evaluation, response, communication to affected parties and lessons learned, as evidence for the auditor.',
  },
};

/** OSHA's clock depends on what happened; the post-mortem says which. */
export const OSHA_CLOCKS: Record<'fatality' | 'hospitalisation', Clock> = {
  fatality: { hours: 8 },
  hospitalisation: { hours: 24 },
};

/** When an obligation falls due: discovery plus the clock, in the post-mortem's zone. */
export function dueAt(discovered: string, clock: Clock, zone: string): string {
  const start = inZone(discovered, zone);
  if (clock.hours !== undefined) return start.plus({ hours: clock.hours }).toISO({ suppressMilliseconds: true })!;
  // Day-based clocks end at the close of the last local day.
  let day = start.startOf('day');
  if (clock.days !== undefined) day = day.plus({ days: clock.days });
  for (let left = clock.businessDays ?? 0; left > 0; ) {
    day = day.plus({ days: 1 });
    if (day.weekday <= 5) left--;
  }
  return day.endOf('day').set({ millisecond: 0 }).toISO({ suppressMilliseconds: true })!;
}

export type ObligationState = 'met' | 'met-late' | 'open' | 'overdue' | 'no-clock';

export interface Obligation {
  framework: string;
  label: string;
  text: string;
  discovered: string;
  /** The clock that applies (OSHA's depends on the event); null when the framework has none. */
  clock: Clock | null;
  /** Due instant (ISO with offset), or null when the framework has no clock. */
  due: string | null;
  /** The local date it falls due, for display and sorting. */
  dueDate: string | null;
  notified: string | null;
  state: ObligationState;
  /** Whole days from today to the due date; negative when overdue; null without a clock. */
  daysLeft: number | null;
}

export interface RegulatoryInput {
  frameworks: readonly string[];
  discovered?: string;
  osha?: 'fatality' | 'hospitalisation';
  notified?: Readonly<Record<string, string>>;
}

/**
 * The obligations a post-mortem declares, each with its deadline counted from `discovered`
 * (default: detected) and its state as of `today` (a YYYY-MM-DD date in `zone`).
 */
export function obligations(
  regulatory: RegulatoryInput | undefined,
  detected: string,
  zone: string,
  today: string,
  rules: Readonly<Record<string, FrameworkRule>> = FRAMEWORKS,
): Obligation[] {
  if (!regulatory) return [];
  const discovered = regulatory.discovered ?? detected;
  return regulatory.frameworks.map((framework) => {
    const rule = rules[framework] ?? { label: framework.toUpperCase(), text: 'Follow the reporting obligation your compliance team has defined.' };
    const clock = framework === 'osha' && regulatory.osha && !rule.clock ? OSHA_CLOCKS[regulatory.osha] : rule.clock;
    const due = clock ? dueAt(discovered, clock, zone) : null;
    const dueDate = due ? inZone(due, zone).toISODate()! : null;
    const notified = regulatory.notified?.[framework] ?? null;
    const daysLeft = dueDate ? Math.round(DateTime.fromISO(dueDate).diff(DateTime.fromISO(today), 'days').days) : null;
    let state: ObligationState;
    if (notified) state = due && millisOf(notified) > millisOf(due) ? 'met-late' : 'met';
    else if (!due) state = 'no-clock';
    else state = dueDate! < today ? 'overdue' : 'open';
    return { framework, label: rule.label, text: rule.text, discovered, clock: clock ?? null, due, dueDate, notified, state, daysLeft };
  });
}

/** Frameworks merged with the ones settings add or override. */
export function frameworkRules(extra: Readonly<Record<string, Partial<FrameworkRule>>> = {}): Record<string, FrameworkRule> {
  const merged: Record<string, FrameworkRule> = { ...FRAMEWORKS };
  for (const [key, rule] of Object.entries(extra)) {
    const base = merged[key];
    merged[key] = { label: rule.label ?? base?.label ?? key.toUpperCase(), text: rule.text ?? base?.text ?? '', clock: rule.clock ?? base?.clock };
  }
  return merged;
}

export interface IndustryFocus {
  label: string;
  /** What incident reviews in the industry look at first. */
  focus: string[];
  /** The regulations that come up, in words, e.g. `PCI-DSS, consumer protection`. */
  regulations: string;
  /** The frameworks among them that a post-mortem can declare; `npm run new` suggests these. */
  frameworks: string[];
}

/** docs/format.md#industry-focus: the focus of each industry (settings.industry), shown on the site and offered by `new`. */
export const INDUSTRY_FOCUS: Record<Settings['industry'], IndustryFocus> = {
  fintech: { label: 'Fintech', focus: ['transaction integrity', 'audit trail'], regulations: 'SOX, PCI-DSS', frameworks: ['sox', 'pci-dss'] },
  healthcare: { label: 'Healthcare', focus: ['PHI exposure', 'patient safety'], regulations: 'HIPAA', frameworks: ['hipaa'] },
  saas: { label: 'SaaS', focus: ['SLA compliance', 'data integrity'], regulations: 'SOC 2', frameworks: ['soc2'] },
  'e-commerce': { label: 'E-commerce', focus: ['order integrity', 'payment processing'], regulations: 'PCI-DSS, consumer protection', frameworks: ['pci-dss'] },
  manufacturing: { label: 'Manufacturing', focus: ['safety incidents', 'production loss'], regulations: 'OSHA', frameworks: ['osha'] },
  other: { label: 'Other', focus: [], regulations: '', frameworks: [] },
};
