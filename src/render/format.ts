import { formatMoney } from '../domain/balance.js';
import type { ServerStatus } from '../domain/schemas.js';
import { BUSY_STATUSES } from '../domain/status.js';

/** Pure text formatting shared by command views: bars, percentages, times, money. */

const PARTIAL_BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;
const FULL_BLOCK = '█';
const EMPTY_BLOCK = '░';

/**
 * A bar of `width` cells at eighth-of-a-cell precision. Any use shows at least a sliver and a bar
 * is drawn full only when it is really full, so a glance never hides a busy or an idle server.
 */
export function usageBar(used: number, max: number, width = 10): string {
  const cells = width * 8;
  const share = max > 0 ? Math.min(1, Math.max(0, used / max)) : 0;
  let eighths = Math.round(share * cells);
  if (share > 0 && eighths === 0) eighths = 1;
  if (share < 1 && eighths === cells) eighths = cells - 1;
  const full = Math.floor(eighths / 8);
  const partial = PARTIAL_BLOCKS[eighths % 8]!;
  return FULL_BLOCK.repeat(full) + partial + EMPTY_BLOCK.repeat(width - full - (partial ? 1 : 0));
}

/** "87%"; "<1%" and "99%" near the ends so rounding never claims idle or full; "-" without a limit. */
export function percent(used: number, max: number): string {
  if (max <= 0) return '-';
  const exact = (used / max) * 100;
  const rounded = Math.round(exact);
  if (rounded === 0 && exact > 0) return '<1%';
  if (rounded === 100 && exact < 100) return '99%';
  return `${rounded}%`;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** One unit, rounded to the nearest (47 h 59 min is "2 days", not "1 day"): "58 s", "42 min", "5 h", "3 days". */
function span(ms: number): string {
  const seconds = Math.round(ms / SECOND);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(ms / HOUR);
  if (hours < 24) return `${hours} h`;
  return plural(Math.round(ms / DAY), 'day');
}

/** "in 3 days", "in 5 h", "2 min ago", "just now". */
export function relativeTime(iso: string, now: Date): string {
  const diff = Date.parse(iso) - now.getTime();
  if (Number.isNaN(diff)) return '-';
  if (Math.abs(diff) < SECOND) return 'just now';
  return diff > 0 ? `in ${span(diff)}` : `${span(-diff)} ago`;
}

/** The Expires column: when the test period ends, "expired" once it has, "-" when there is none. */
export function expiryText(expires: string | null, now: Date): string {
  if (expires === null) return '-';
  return Date.parse(expires) <= now.getTime() ? 'expired' : relativeTime(expires, now);
}

/** How long something took: "58 s", "42 min", "1 h 5 min", "2 days 3 h". */
export function duration(ms: number): string {
  const whole = Math.max(0, ms);
  if (whole < HOUR) return span(whole);
  const [big, small, bigUnit, smallUnit] =
    whole < DAY
      ? [Math.floor(whole / HOUR), Math.floor((whole % HOUR) / MINUTE), 'h', 'min']
      : [Math.floor(whole / DAY), Math.floor((whole % DAY) / HOUR), 'day', 'h'];
  const head = bigUnit === 'day' ? plural(big, 'day') : `${big} ${bigUnit}`;
  return small === 0 ? head : `${head} ${small} ${smallUnit}`;
}

/** 🟢 carries calls, 🟡 a job is running, 🔴 cannot carry calls until someone acts, ⚪ idle. */
export function statusEmoji(status: ServerStatus): string {
  if (status === 'active') return '🟢';
  if (BUSY_STATUSES.includes(status)) return '🟡';
  if (status === 'expired' || status === 'stopped') return '🔴';
  return '⚪';
}

/** "4/2 ms" (SIP OPTIONS / ICMP), "-" for an unknown half, "-" when neither is known. */
export function latencyText(sip: number | null, icmp: number | null): string {
  if (sip === null && icmp === null) return '-';
  const ms = (value: number | null) => (value === null ? '-' : String(Math.round(value)));
  return `${ms(sip)}/${ms(icmp)} ms`;
}

export function money(amount: number, currency = 'USD'): string {
  return formatMoney(amount, currency);
}

/**
 * Joins each row's parts into one cell, padding every part to its column's widest value (right
 * aligned), so numbers inside a cell line up down a table. A missing row becomes "-".
 */
export function alignedCells(rows: readonly (readonly string[] | undefined)[]): string[] {
  const widths: number[] = [];
  for (const parts of rows) {
    parts?.forEach((part, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...part].length);
    });
  }
  return rows.map((parts) =>
    parts === undefined
      ? '-'
      : parts
          .map((part, i) => ' '.repeat((widths[i] ?? 0) - [...part].length) + part)
          .join(' ')
          .trimEnd(),
  );
}
