import { formatMoney } from '../domain/balance.js';

/** How alert messages write figures, names and moments. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export function serverLabel(server: { alias: string; ip: string }): string {
  return `${server.alias} (${server.ip})`;
}

/** Rounded down, so a value shown as 85% really reached 85%. */
export function percentText(value: number): string {
  return `${Math.floor(value)}%`;
}

/** What `toLocaleString('en-US')` uses, made once instead of on every call. */
const NUMBERS = new Intl.NumberFormat('en-US');

export function numberText(value: number): string {
  const rounded = Number.isInteger(value) ? value : Math.round(value * 10) / 10;
  // Under 1,000 there is no grouping to add: String writes the same, several times faster.
  if (rounded >= 0 && rounded < 1000 && !Object.is(rounded, -0)) return String(rounded);
  return NUMBERS.format(rounded);
}

export function ratioText(used: number, max: number): string {
  return `${numberText(used)}/${numberText(max)}`;
}

/** Money without a pointless ".00": $160, $38.20. */
export function moneyText(amount: number, currency: string): string {
  return formatMoney(amount, currency).replace(/\.00$/, '');
}

export function plural(count: number, noun: string): string {
  return `${numberText(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** Hours up to two days, so "under 2 days" never reads "2 days". */
export function durationText(ms: number): string {
  if (ms < 90 * MINUTE_MS) return `${Math.max(1, Math.round(ms / MINUTE_MS))} min`;
  if (ms < 48 * HOUR_MS) return plural(Math.round(ms / HOUR_MS), 'hour');
  return plural(Math.round(ms / DAY_MS), 'day');
}

type DateStyle = 'weekday' | 'date';

const DATE_STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  weekday: { weekday: 'long' },
  date: { weekday: 'short', day: 'numeric', month: 'short' },
};

/** Formatters by time zone and style: making one costs far more than formatting with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, style: DateStyle): Intl.DateTimeFormat {
  const key = `${style}|${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      ...DATE_STYLES[style],
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
      timeZoneName: 'short',
    });
    formatters.set(key, format);
  }
  return format;
}

function parts(at: Date, timeZone: string, style: DateStyle): Record<string, string> {
  const found: Record<string, string> = {};
  for (const part of formatter(timeZone, style).formatToParts(at)) found[part.type] = part.value;
  return found;
}

/**
 * Moments already written, by style, zone and time: expiry dates and status changes recur poll
 * after poll. Emptied when full, so it stays small (about 1.5 MB at most).
 */
const moments = new Map<string, string>();
const MOMENTS_KEPT = 10_000;

function written(at: Date, timeZone: string, style: DateStyle): string {
  const p = parts(at, timeZone, style);
  return style === 'weekday'
    ? `${p.weekday} ${p.hour}:${p.minute} ${p.timeZoneName}`
    : `${p.weekday} ${p.day} ${p.month} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** "Saturday 11:00 UTC" within six days of now, "Sat 21 Jun 11:00 UTC" further away. */
export function momentText(at: Date, now: Date, timeZone: string): string {
  const style: DateStyle = Math.abs(at.getTime() - now.getTime()) < 6 * DAY_MS ? 'weekday' : 'date';
  const key = `${style}|${timeZone}|${at.getTime()}`;
  let text = moments.get(key);
  if (text === undefined) {
    text = written(at, timeZone, style);
    if (moments.size >= MOMENTS_KEPT) moments.clear();
    moments.set(key, text);
  }
  return text;
}
