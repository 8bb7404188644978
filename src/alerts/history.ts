import { ServerStatus } from '../domain/schemas.js';
import type { AlertsRepo } from '../store/alerts-repo.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './format.js';
import {
  emptyHistory,
  type History,
  nextBalances,
  nextStatusSince,
  nextUsage,
  type Snapshot,
  type UsageSample,
} from './snapshot.js';
import type { Thresholds } from './thresholds.js';

/**
 * The rules' history, kept in memory and in SQLite so a restart does not forget a week of
 * balances. Usage is sampled once per hold period rather than every poll: the advice rule lets
 * a sample stand that long, and a 10,000-server fleet polled every 30 s would otherwise keep
 * millions of samples (and walk them all on every poll). Only servers that are not active need their status-since stored: the
 * rules ask how long a server has been busy or down, never how long it has been fine.
 */

export interface HistoryStep {
  history: History;
  /** Writes what changed; run it inside the poll's transaction. */
  persist(): void;
  /** Adopts the step once its transaction committed. */
  commit(): void;
}

function restore(repo: AlertsRepo): { history: History; lastUsageAt?: Date; stored: Set<number> } {
  const stored = repo.history();
  const history = emptyHistory();
  history.balances = stored.balances.map((s) => ({ at: s.at, balance: s.balance }));
  for (const row of stored.usage) {
    for (const [id, share] of Object.entries(row.shares)) {
      const samples: UsageSample[] = history.usage.get(Number(id)) ?? [];
      samples.push({ at: row.at, share });
      history.usage.set(Number(id), samples);
    }
  }
  const ids = new Set<number>();
  for (const row of stored.statusSince) {
    const status = ServerStatus.safeParse(row.status);
    if (!status.success) continue;
    history.statusSince.set(row.serverId, { status: status.data, since: row.since });
    ids.add(row.serverId);
  }
  const lastUsageAt = stored.usage.at(-1)?.at;
  return lastUsageAt ? { history, lastUsageAt, stored: ids } : { history, stored: ids };
}

type StatusWrite = { id: number; entry?: { status: ServerStatus; since: Date } };

export class RuleHistory {
  private current: History;
  private lastUsageAt: Date | undefined;
  /** Server ids with a status-since row. */
  private stored: Set<number>;

  constructor(
    private readonly repo: AlertsRepo,
    private readonly thresholds: Thresholds,
    /** Polls closer together than this share one usage sample. */
    private readonly usageEveryMs: number,
  ) {
    const restored = restore(repo);
    this.current = restored.history;
    this.lastUsageAt = restored.lastUsageAt;
    this.stored = restored.stored;
  }

  /** One usage sample per hold period, minus one poll, so consecutive samples never leave a gap. */
  static usageSpacing(thresholds: Thresholds, pollIntervalMs: number): number {
    return Math.max(pollIntervalMs, thresholds.advice.sampleHoldMinutes * MINUTE_MS - pollIntervalMs);
  }

  get history(): History {
    return this.current;
  }

  /** The history with `snapshot` added, and how to store it. */
  advance(snapshot: Snapshot): HistoryStep {
    const at = snapshot.at;
    const sampled = !this.lastUsageAt || at.getTime() - this.lastUsageAt.getTime() >= this.usageEveryMs;
    // Between samples the usage history stays as it is: no pass over every server's samples.
    const next: History = {
      balances: nextBalances(this.current.balances, snapshot, this.thresholds),
      usage: sampled ? nextUsage(this.current.usage, snapshot, this.thresholds) : this.current.usage,
      statusSince: nextStatusSince(this.current.statusSince, snapshot),
    };
    const statusWrites = this.statusWrites(next);
    const keepBalancesFrom = new Date(at.getTime() - this.thresholds.topup.windowDays * DAY_MS);
    const keepUsageFrom = new Date(at.getTime() - this.thresholds.advice.windowHours * HOUR_MS);
    return {
      history: next,
      persist: () => {
        this.repo.addBalanceSample(at, snapshot.account.balance, keepBalancesFrom);
        if (sampled) this.repo.addUsageSample(at, sharesAt(next, at), keepUsageFrom);
        for (const write of statusWrites) {
          if (write.entry) this.repo.setStatusSince(write.id, write.entry.status, write.entry.since);
          else this.repo.forgetStatus(write.id);
        }
      },
      commit: () => {
        this.current = next;
        if (sampled) this.lastUsageAt = at;
        for (const write of statusWrites) {
          if (write.entry) this.stored.add(write.id);
          else this.stored.delete(write.id);
        }
      },
    };
  }

  private statusWrites(next: History): StatusWrite[] {
    // The same map: no server changed status, and what is stored already says so.
    if (next.statusSince === this.current.statusSince) return [];
    const writes: StatusWrite[] = [];
    for (const [id, entry] of next.statusSince) {
      if (entry.status === 'active') {
        if (this.stored.has(id)) writes.push({ id });
      } else if (!this.stored.has(id) || this.current.statusSince.get(id) !== entry) {
        writes.push({ id, entry });
      }
    }
    for (const id of this.stored) if (!next.statusSince.has(id)) writes.push({ id });
    return writes;
  }
}

function sharesAt(history: History, at: Date): Record<string, number> {
  const shares: Record<string, number> = {};
  for (const [id, samples] of history.usage) {
    const last = samples.at(-1);
    if (last?.at.getTime() === at.getTime()) shares[id] = last.share;
  }
  return shares;
}
