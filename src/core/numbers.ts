/*
 * Numbers as people read them: money, counts, percentages and scores. Plain Intl and arithmetic,
 * no import at all, so the pages and the browser code (src/client/charts.ts) share one set of
 * formatters.
 */

const LOCALE = 'en-US';

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * Every number shown gets a minus sign only when it is below zero as shown: never "-$0.00" or
 * "-0" for -0 (YAML's `-0`, or a product with it) or for -0.001 rounded away.
 */
export const SIGN = { signDisplay: 'negative' } as const;

/** An amount in `currency` (ISO 4217) with exactly 2 decimals, e.g. `€1,234.50`. */
export function formatMoney(amount: number, currency: string): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2, ...SIGN });
    moneyFormats.set(currency, format);
  }
  return format.format(amount);
}

// `number.toLocaleString(locale, options)` builds a new Intl.NumberFormat on every call (ECMA-402
// defines it so); a page of actions and costs calls it hundreds of times (0.75 s of a
// 1,000-post-mortem build). One formatter per option set gives the same text.
const decimalFormats = new Map<number | undefined, Intl.NumberFormat>();

/** `value.toLocaleString(LOCALE, { maximumFractionDigits, ...SIGN })`, with the formatter built once. */
function decimal(value: number, maximumFractionDigits?: number): string {
  let format = decimalFormats.get(maximumFractionDigits);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, maximumFractionDigits === undefined ? SIGN : { maximumFractionDigits, ...SIGN });
    decimalFormats.set(maximumFractionDigits, format);
  }
  return format.format(value);
}

/** A count with thousands separators, e.g. `48,000`. */
export function formatCount(value: number): string {
  return decimal(value);
}

/** `1 post-mortem`, `3 post-mortems`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------------
// Percentages. Shares (0–1) and values already in percent (0–100, as chart data carries them) are
// rounded from their own unit, so each keeps the digits it has always shown.

/** A share 0–1 as a percentage with up to 2 decimals, e.g. `0.2%`: an input as written, such as a churn probability. */
export function formatPercent(share: number): string {
  return `${decimal(share * 100, 2)}%`;
}

/** A share 0–1 as a whole-ish percentage for figures: 0.5556 → `55.6%`; null → `—`. */
export function formatRate(share: number | null): string {
  if (share === null) return '—';
  return `${decimal(Math.round(share * 1000) / 10, 1)}%`;
}

/** A value already in percent (0–100) with up to `digits` decimals: 55.56 → `55.6%`, or `56%` with 0 digits. */
export function formatPercentValue(value: number, digits = 1): string {
  const scale = 10 ** digits;
  return `${decimal(Math.round(value * scale) / scale, digits)}%`;
}

/** A difference of two fractions as percentage points: 0.25 → `25 points`. */
export function formatPoints(fraction: number): string {
  const points = Math.round(fraction * 1000) / 10;
  return `${decimal(points, 1)} ${points === 1 ? 'point' : 'points'}`;
}

/** A mean score with one decimal: 2.6667 → `2.7`, 0 → `0`; null → `—`. */
export function formatScore(mean: number | null): string {
  return mean === null ? '—' : decimal(Math.round(mean * 10) / 10, 1);
}
