import { DAY_MS, HOUR_MS } from './format.js';
import type { BalanceSample } from './snapshot.js';

/**
 * Money spent per day, measured over the history. An interval in which the balance rose holds a
 * top-up: it says nothing about spending, so it counts neither its drop nor its time. Returns null
 * until the remaining intervals cover `minSpanMs` (one sample a minute apart is no rate).
 */
export function drainRate(samples: readonly BalanceSample[], minSpanMs = HOUR_MS): number | null {
  const sorted = [...samples].sort((a, b) => a.at.getTime() - b.at.getTime());
  let spent = 0;
  let spanMs = 0;
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1]!;
    const after = sorted[i]!;
    const change = after.balance - before.balance;
    if (change > 0) continue;
    spent -= change;
    spanMs += after.at.getTime() - before.at.getTime();
  }
  if (spanMs < minSpanMs) return null;
  return spent / (spanMs / DAY_MS);
}

/** Days until the balance reaches zero: 0 when it already has, Infinity when nothing drains it. */
export function runwayDays(balance: number, ratePerDay: number): number {
  if (balance <= 0) return 0;
  if (ratePerDay <= 0) return Number.POSITIVE_INFINITY;
  return balance / ratePerDay;
}

/** Whole currency units to add so the balance lasts `days` more at this rate (0 when it already does). */
export function topUpFor(balance: number, ratePerDay: number, days: number): number {
  const cents = Math.round((ratePerDay * days - balance) * 100);
  return Math.max(0, Math.ceil(cents / 100));
}
