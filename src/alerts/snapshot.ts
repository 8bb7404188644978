import { usageShare } from '../domain/capacity.js';
import type { Account, Cluster, Job, Server, ServerStatus } from '../domain/schemas.js';
import type { Severity } from './findings.js';
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
  history: History;
  previous: ReadonlyMap<string, Severity>;
  thresholds: Thresholds;
}

export function emptyHistory(): History {
  return { balances: [], usage: new Map(), statusSince: new Map() };
}

/** The history with this snapshot added, trimmed to what the rules look at. */
export function nextHistory(history: History, snapshot: Snapshot, thresholds: Thresholds): History {
  const at = snapshot.at;
  const balanceFrom = at.getTime() - thresholds.topup.windowDays * DAY_MS;
  const usageFrom = at.getTime() - thresholds.advice.windowHours * HOUR_MS;
  const usage = new Map<number, UsageSample[]>();
  const statusSince = new Map<number, { status: ServerStatus; since: Date }>();
  for (const server of snapshot.servers) {
    const kept = (history.usage.get(server.id) ?? []).filter((s) => s.at.getTime() >= usageFrom);
    if (server.channels_max > 0) kept.push({ at, share: usageShare(server.channels, server.channels_max) });
    if (kept.length) usage.set(server.id, kept);
    const seen = history.statusSince.get(server.id);
    statusSince.set(server.id, seen?.status === server.status ? seen : { status: server.status, since: at });
  }
  const balances = history.balances.filter((s) => s.at.getTime() >= balanceFrom);
  balances.push({ at, balance: snapshot.account.balance });
  return { balances, usage, statusSince };
}
