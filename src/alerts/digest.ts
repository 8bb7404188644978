import { clusterCapacity } from '../domain/capacity.js';
import { commandLine } from '../render/command-line.js';
import { type Block, context, fields, header, type Reply, text } from '../render/reply.js';
import { countBy } from '../render/server-views.js';
import { SEVERITY_EMOJI } from './alert-card.js';
import {
  DAY_MS,
  durationText,
  HOUR_MS,
  momentText,
  moneyText,
  numberText,
  percentText,
  plural,
} from './format.js';
import { drainRate, runwayDays } from './runway.js';
import type { History, Snapshot } from './snapshot.js';
import type { AlertRecord } from './state.js';
import type { Thresholds } from './thresholds.js';

/** The daily digest: at `DIGEST_AT` in `TZ`, to every channel alerts go to. */

export interface DigestSchedule {
  at: { hour: number; minute: number };
  timeZone: string;
}

/** A digest missed while the bot was down is still sent this long after its time, not later. */
const CATCH_UP_MS = 12 * HOUR_MS;
/** Alerts listed under "last 24 hours"; the rest are counted. */
const LISTED = 10;

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function localParts(at: Date, timeZone: string) {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const p = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, Number(part.value)]));
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/** The instant the wall clock of `timeZone` shows `date` at `hour:minute` (the later one across a DST change). */
function zonedInstant(date: LocalDate, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess), timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += wall - shown;
  }
  return new Date(guess);
}

const dateKey = (d: LocalDate) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

function dayBefore(d: LocalDate): LocalDate {
  const previous = new Date(Date.UTC(d.year, d.month - 1, d.day) - DAY_MS);
  return { year: previous.getUTCFullYear(), month: previous.getUTCMonth() + 1, day: previous.getUTCDate() };
}

/**
 * The local date (YYYY-MM-DD) of the digest due at `now`, or undefined. A digest is due from its
 * time for CATCH_UP_MS, unless the one of that date (or a later one) was sent already.
 */
export function dueDigest(
  now: Date,
  schedule: DigestSchedule,
  lastSent: string | undefined,
): string | undefined {
  const today = localParts(now, schedule.timeZone);
  for (const date of [today, dayBefore(today)]) {
    const key = dateKey(date);
    if (lastSent !== undefined && lastSent >= key) continue;
    const due = zonedInstant(date, schedule.at.hour, schedule.at.minute, schedule.timeZone).getTime();
    if (due <= now.getTime() && now.getTime() < due + CATCH_UP_MS) return key;
  }
  return undefined;
}

export interface DigestInput {
  snapshot: Snapshot;
  history: History;
  thresholds: Thresholds;
  /** Alerts firing now. */
  firing: readonly AlertRecord[];
  /** Alerts that fired or resolved in the last 24 hours. */
  recent: readonly AlertRecord[];
  timeZone: string;
}

function fleetLine(snapshot: Snapshot): string {
  const { servers } = snapshot;
  const byStatus = [...countBy(servers, (s) => s.status)].sort((a, b) => b[1] - a[1]);
  const statuses = byStatus.map(([status, n]) => `${numberText(n)} ${status}`).join(', ');
  return servers.length ? `${plural(servers.length, 'server')} · ${statuses}` : 'no servers';
}

function channelsLine(snapshot: Snapshot): string {
  const total = clusterCapacity(snapshot.servers);
  if (total.channelsMax === 0) return 'no channel limits';
  return `${numberText(total.channels)}/${numberText(total.channelsMax)} in use (${percentText((100 * total.channels) / total.channelsMax)})`;
}

function balanceLine(input: DigestInput): string {
  const { account, at } = input.snapshot;
  const balance = moneyText(account.balance, account.currency);
  const rate = drainRate(input.history.balances, input.thresholds.topup.minSpanHours * HOUR_MS);
  if (rate === null) return `${balance} · runway not measured yet (too little balance history)`;
  const days = runwayDays(account.balance, rate);
  if (!Number.isFinite(days)) return `${balance} · nothing is spending it`;
  const runsOut = new Date(at.getTime() + days * DAY_MS);
  return `${balance} · spending about ${moneyText(rate, account.currency)} a day · runway ${durationText(days * DAY_MS)} (${momentText(runsOut, at, input.timeZone)})`;
}

function firingLine(firing: readonly AlertRecord[]): string {
  if (firing.length === 0) return 'nothing';
  const counts = countBy(firing, (a) => a.severity);
  const parts = (['critical', 'warning', 'info'] as const)
    .filter((s) => counts.get(s))
    .map((s) => `${SEVERITY_EMOJI[s]} ${counts.get(s)}`);
  return `${firing.length} · ${parts.join(' · ')}`;
}

function recentLine(alert: AlertRecord): string {
  const title = alert.finding.title;
  if (alert.status === 'resolved' && alert.endedAt && alert.firedAt) {
    return `✅ ${title} · resolved after ${durationText(alert.endedAt.getTime() - alert.firedAt.getTime())}`;
  }
  return `${SEVERITY_EMOJI[alert.severity]} ${title}`;
}

export function digestCard(input: DigestInput): Reply {
  const { snapshot, recent } = input;
  const fired = recent.filter((a) => a.firedAt && snapshot.at.getTime() - a.firedAt.getTime() <= DAY_MS);
  const resolved = recent.filter((a) => a.status === 'resolved');
  const day = new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: input.timeZone,
  }).format(snapshot.at);
  const blocks: Block[] = [
    header(`☀ Daily digest · ${snapshot.account.name} · ${day}`),
    fields({
      Fleet: fleetLine(snapshot),
      Channels: channelsLine(snapshot),
      Balance: balanceLine(input),
      'Firing now': firingLine(input.firing),
    }),
    text({
      bold: `Last 24 hours: ${plural(fired.length, 'alert')} fired, ${numberText(resolved.length)} resolved`,
    }),
    ...recent.slice(0, LISTED).map((alert) => text(recentLine(alert))),
  ];
  if (recent.length > LISTED) blocks.push(context(`+${recent.length - LISTED} more`));
  blocks.push({
    kind: 'actions',
    buttons: [
      { label: 'Firing alerts', command: commandLine('alerts') },
      { label: 'Servers', command: commandLine('servers') },
      { label: 'Balance', command: commandLine('balance') },
    ],
  });
  return { tone: 'info', blocks };
}
