import { usageShare } from '../domain/capacity.js';
import type { Account, Cluster, Job, Server, ServerStatus } from '../domain/schemas.js';
import type { Finding, Severity } from './findings.js';
import type { FleetIndex } from './fleet-index.js';
import { DAY_MS, HOUR_MS } from './format.js';
import type { Thresholds } from './thresholds.js';

/** What the poller read from the control plane at one moment. `jobs` are recent ones, any order. */
export interface Snapshot {
  at: Date;
  servers: Server[];
  clusters: Cluster[];
  account: Account;
  jobs?: Job[];
}

export interface BalanceSample {
  at: Date;
  balance: number;
}

export interface UsageSample {
  at: Date;
  /** Channels in use over channels_max, 0..1. */
  share: number;
}

/**
 * What the rules need of the past, as plain data: the engine stores it and hands it back.
 * Build it with `nextHistory` after every poll so it holds what the rules expect.
 */
export interface History {
  balances: BalanceSample[];
  /** Per server id, oldest first. */
  usage: Map<number, UsageSample[]>;
  /** Per server id: the status it is in and since when the bot has seen it so. */
  statusSince: Map<number, { status: ServerStatus; since: Date }>;
}

/** Everything a rule reads. `previous` maps `alertKey` to the severity it held at the last evaluation. */
export interface RuleContext {
  snapshot: Snapshot;
  /** The snapshot's lookups: a rule about one server never scans the fleet. */
  fleet: FleetIndex;
  history: History;
  previous: ReadonlyMap<string, Severity>;
  thresholds: Thresholds;
}

export function emptyHistory(): History {
  return { balances: [], usage: new Map(), statusSince: new Map() };
}

/** The history with this snapshot added, trimmed to what the rules look at. */
export function nextHistory(history: History, snapshot: Snapshot, thresholds: Thresholds): History {
  return {
    balances: nextBalances(history.balances, snapshot, thresholds),
    usage: nextUsage(history.usage, snapshot, thresholds),
    statusSince: nextStatusSince(history.statusSince, snapshot),
  };
}

/** The balance history within the measuring window, with this snapshot's balance added. */
export function nextBalances(
  balances: readonly BalanceSample[],
  snapshot: Snapshot,
  thresholds: Thresholds,
): BalanceSample[] {
  const from = snapshot.at.getTime() - thresholds.topup.windowDays * DAY_MS;
  const kept = balances.filter((s) => s.at.getTime() >= from);
  kept.push({ at: snapshot.at, balance: snapshot.account.balance });
  return kept;
}

/** Each server's usage samples within the advice window, with this snapshot's added. */
export function nextUsage(
  usage: History['usage'],
  snapshot: Snapshot,
  thresholds: Thresholds,
): History['usage'] {
  const at = snapshot.at;
  const from = at.getTime() - thresholds.advice.windowHours * HOUR_MS;
  const next = new Map<number, UsageSample[]>();
  for (const server of snapshot.servers) {
    const samples = usage.get(server.id);
    const kept = samples ? samples.filter((s) => s.at.getTime() >= from) : [];
    if (server.channels_max > 0) kept.push({ at, share: usageShare(server.channels, server.channels_max) });
    if (kept.length) next.set(server.id, kept);
  }
  return next;
}

/**
 * Each server's status and since when it has been in it. While no server changed status, and
 * none came or went, that is the very map it was: nothing to copy, nothing to store.
 */
export function nextStatusSince(
  statusSince: History['statusSince'],
  snapshot: Snapshot,
): History['statusSince'] {
  if (sameStatuses(statusSince, snapshot.servers)) return statusSince;
  const next = new Map<number, { status: ServerStatus; since: Date }>();
  for (const server of snapshot.servers) {
    const seen = statusSince.get(server.id);
    next.set(
      server.id,
      seen?.status === server.status ? seen : { status: server.status, since: snapshot.at },
    );
  }
  return next;
}

/** Same ids, same statuses (server ids are unique: the control plane's primary key). */
function sameStatuses(statusSince: History['statusSince'], servers: readonly Server[]): boolean {
  if (statusSince.size !== servers.length) return false;
  for (const server of servers) if (statusSince.get(server.id)?.status !== server.status) return false;
  return true;
}

/** A rule about one server: its finding, or null (as most servers, being fine, get). */
export type ServerRule = (ctx: RuleContext, server: Server) => Finding | null;

/** The findings of `rules` for every server, server by server, in fleet order. */
export function perServer(ctx: RuleContext, rules: readonly ServerRule[]): Finding[] {
  const found: Finding[] = [];
  for (const server of ctx.snapshot.servers) {
    for (const rule of rules) {
      const finding = rule(ctx, server);
      if (finding) found.push(finding);
    }
  }
  return found;
}
