import type { Postmortem } from '../schemas/postmortem.ts';
import { cost, type Cost } from './figures.ts';

type CostBlock = NonNullable<Postmortem['cost']>;

/*
 * The cost calculator page (/cost-calculator/): its inputs, the figures, and the `cost:` block to
 * paste. The figures come from figures.ts `cost()`, the same function every page uses; this
 * module only turns form values into its input. It runs in the browser, so it stays small: no
 * date library, no formatting beyond numbers.
 */

/** The calculator's fields: the cost inputs of docs/format.md#cost-1. A field left empty is undefined (it counts as 0). */
export interface CalculatorInput {
  revenueLost?: number;
  slaCredits?: number;
  vendorCosts?: number;
  engineeringHours?: number;
  /** Per hour; undefined uses the settings' default. */
  loadedRate?: number;
  usersAffected?: number;
  /** 0–1. */
  churnProbability?: number;
  /** Lifetime value of a customer lost. */
  ltv?: number;
  brand?: number;
  durationMinutes?: number;
}

export const CALCULATOR_FIELDS = [
  'revenueLost',
  'slaCredits',
  'vendorCosts',
  'engineeringHours',
  'loadedRate',
  'usersAffected',
  'churnProbability',
  'ltv',
  'brand',
  'durationMinutes',
] as const satisfies readonly (keyof CalculatorInput)[];

/** The cost block as a post-mortem writes it: only the fields given; churn only with both of its parts. */
function costBlockOf(input: CalculatorInput, defaultLoadedRate: number): CostBlock {
  const block: CostBlock = {};
  if (input.slaCredits !== undefined) block.slaCredits = input.slaCredits;
  if (input.vendorCosts !== undefined) block.vendorCosts = input.vendorCosts;
  if (input.engineeringHours !== undefined) block.engineeringHours = input.engineeringHours;
  // The default applies on its own; writing it down would pin it if settings change.
  if (input.loadedRate !== undefined && input.loadedRate !== defaultLoadedRate) block.loadedRate = input.loadedRate;
  if (input.churnProbability !== undefined && input.ltv !== undefined) block.churn = { probability: input.churnProbability, ltv: input.ltv };
  if (input.brand !== undefined) block.brand = input.brand;
  return block;
}

/** The direct, indirect, total and per-minute cost (docs/format.md#cost-1) of the inputs, by figures.ts `cost()`. */
export function calculate(input: CalculatorInput, defaultLoadedRate: number): Cost {
  const impact = { usersAffected: input.usersAffected ?? 0, revenueLost: input.revenueLost ?? 0, slaBreached: false };
  return cost({ impact, cost: costBlockOf(input, defaultLoadedRate) }, input.durationMinutes ?? null, defaultLoadedRate);
}

/**
 * The `cost:` block to paste into a post-mortem's frontmatter, e.g.
 * `cost:\n  slaCredits: 15000\n  churn: { probability: 0.002, ltv: 900 }`; `cost: {}` when empty.
 */
export function costYaml(input: CalculatorInput, defaultLoadedRate: number): string {
  const block = costBlockOf(input, defaultLoadedRate);
  const lines = Object.entries(block).map(([key, value]) =>
    typeof value === 'number' ? `  ${key}: ${value}` : `  ${key}: { probability: ${value.probability}, ltv: ${value.ltv} }`,
  );
  return lines.length ? `cost:\n${lines.join('\n')}` : 'cost: {}';
}
