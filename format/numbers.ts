/**
 * How musicbox writes numbers for people: the run summary, the HTML report and `musicbox runs`
 * all go through these, so a threshold reads `20,724` everywhere instead of `20724.139999999315`
 * in one place and `20724.14` in another. Always en-US grouping, whatever the machine's locale,
 * so output is stable in logs and tests.
 */

/** Shown for a value that does not exist (no users to average over, a metric left out). */
export const MISSING = '–';

const grouped = (fractionDigits: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits, useGrouping: true });
const cache = new Map<number, Intl.NumberFormat>();
function fixed(x: number, digits: number): string {
  let f = cache.get(digits);
  if (!f) cache.set(digits, (f = grouped(digits)));
  // Intl writes -0 as "-0"; a rounded-away sign only confuses.
  const s = f.format(x);
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

const absent = (x: number | null | undefined): x is null | undefined => x === null || x === undefined || !Number.isFinite(x);

/** A count: `1,234,567`. */
export function formatCount(x: number | null | undefined): string {
  return absent(x) ? MISSING : fixed(Math.round(x), 0);
}

/**
 * A score in [0, 1] (AUC, precision, NDCG, coverage…): fixed decimals so columns line up.
 * Three decimals tell models apart at the sizes musicbox trains on; pass 4 where closer calls matter.
 */
export function formatScore(x: number | null | undefined, decimals = 3): string {
  return absent(x) ? MISSING : fixed(x, decimals);
}

/**
 * A measured quantity of any size (a threshold, a mean, a length in seconds): four significant
 * digits, never scientific notation, and no more decimals than it needs. `20724.14` → `20,724`,
 * `350.12345` → `350.1`, `0.012345` → `0.01235`.
 */
export function formatMeasure(x: number | null | undefined, significant = 4): string {
  if (absent(x)) return MISSING;
  if (x === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  const decimals = Math.max(0, significant - 1 - magnitude);
  return fixed(x, decimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** A share given as a fraction: `0.1234` → `12.3 %`. */
export function formatPercent(fraction: number | null | undefined, decimals = 1): string {
  return absent(fraction) ? MISSING : `${fixed(100 * fraction, decimals)} %`;
}

/** `part` as a share of `whole`, or MISSING when there is no whole. */
export function formatShare(part: number, whole: number, decimals = 1): string {
  return whole ? formatPercent(part / whole, decimals) : MISSING;
}

/** A duration: `0.4 s`, `12.3 s`, `8 min 20 s`. */
export function formatSeconds(seconds: number | null | undefined): string {
  if (absent(seconds)) return MISSING;
  if (seconds < 60) return `${fixed(seconds, 1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** A signed change, with the sign always shown: `+0.012`, `−0.004` (a true minus sign). */
export function formatDelta(x: number | null | undefined, decimals = 3): string {
  if (absent(x)) return MISSING;
  const s = fixed(Math.abs(x), decimals);
  if (/^0(\.0+)?$/.test(s)) return `±${s}`;
  return `${x > 0 ? '+' : '−'}${s}`;
}
