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

export function numberText(value: number): string {
  const rounded = Number.isInteger(value) ? value : Math.round(value * 10) / 10;
  return rounded.toLocaleString('en-US');
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

function parts(at: Date, timeZone: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const format = new Intl.DateTimeFormat('en-GB', {
    ...options,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  });
  return Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
}

/** "Saturday 11:00 UTC" within six days of now, "Sat 21 Jun 11:00 UTC" further away. */
export function momentText(at: Date, now: Date, timeZone: string): string {
  if (Math.abs(at.getTime() - now.getTime()) < 6 * DAY_MS) {
    const p = parts(at, timeZone, { weekday: 'long' });
    return `${p.weekday} ${p.hour}:${p.minute} ${p.timeZoneName}`;
  }
  const p = parts(at, timeZone, { weekday: 'short', day: 'numeric', month: 'short' });
  return `${p.weekday} ${p.day} ${p.month} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}
