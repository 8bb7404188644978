import { type CapacitySummary, clusterCapacity } from '../domain/capacity.js';
import type { Cluster, Job, Server } from '../domain/schemas.js';
import type { Snapshot } from './snapshot.js';

function time(iso: string): number {
  return new Date(iso).getTime();
}

function newestFirst(a: Job, b: Job): number {
  return time(b.created) - time(a.created) || b.id - a.id;
}

/** `build()` on the first call, its result ever after. */
function once<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

/** The first item of each id (of those `wanted`, when given), as `Array.find` would pick it. */
function firstById<T extends { id: number }>(
  items: readonly T[],
  wanted?: ReadonlySet<number>,
): Map<number, T> {
  const byId = new Map<number, T>();
  for (const item of items)
    if ((!wanted || wanted.has(item.id)) && !byId.has(item.id)) byId.set(item.id, item);
  return byId;
}

function add<T>(groups: Map<number, T[]>, key: number, item: T): void {
  const group = groups.get(key);
  if (group) group.push(item);
  else groups.set(key, [item]);
}

/** Items by the key `keyOf` gives them (null: none), in the items' order. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => number | null): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key !== null) add(groups, key, item);
  }
  return groups;
}

/** Dispatchers by each server they balance, once each, in fleet order. */
function dispatchersByMember(servers: readonly Server[]): Map<number, Server[]> {
  const groups = new Map<number, Server[]>();
  for (const s of servers) {
    if (s.type !== 'dispatcher') continue;
    for (const member of s.members) {
      const group = groups.get(member);
      if (!group) groups.set(member, [s]);
      // A member listed twice still has this dispatcher once: it was added just now.
      else if (group[group.length - 1] !== s) group.push(s);
    }
  }
  return groups;
}

const NONE: readonly never[] = [];

/**
 * A snapshot looked up the ways the rules ask of it, so that judging one server never scans the
 * whole fleet (10,000 servers each scanning 10,000 is 10^8 steps a poll). Each lookup is built in
 * one pass on its first use and keeps fleet order, and the first of a duplicated id, as filtering
 * and `find` on the plain lists would: the rules read the same. One per evaluation.
 */
export class FleetIndex {
  /** Only the servers some failover points at: a map of the whole fleet would cost more than all the rest. */
  private readonly targetsById = once(() => {
    const targets = new Set<number>();
    for (const s of this.snapshot.servers)
      if (s.config.capacity_failover_id !== null) targets.add(s.config.capacity_failover_id);
    return firstById(this.snapshot.servers, targets);
  });
  private readonly clustersById = once(() => firstById(this.snapshot.clusters));
  private readonly byCluster = once(() => groupBy(this.snapshot.servers, (s) => s.cluster_id));
  private readonly byFailoverTarget = once(() =>
    groupBy(this.snapshot.servers, (s) => {
      const target = s.config.capacity_failover_id;
      return target === s.id ? null : target;
    }),
  );
  private readonly byMember = once(() => dispatchersByMember(this.snapshot.servers));
  private readonly byServer = once(() =>
    groupBy(this.snapshot.jobs ?? [], (j) => (Number.isNaN(time(j.created)) ? null : j.server_id)),
  );
  private readonly totals = new Map<number, CapacitySummary>();
  private readonly switchCounts = new Map<number, number>();
  private readonly sortedJobs = new Set<number>();

  constructor(private readonly snapshot: Snapshot) {}

  /** The server this one's capacity failover points at, if it is in the fleet. */
  failoverTarget(server: Server): Server | undefined {
    const id = server.config.capacity_failover_id;
    return id === null ? undefined : this.targetsById().get(id);
  }

  cluster(id: number | null): Cluster | undefined {
    return id === null ? undefined : this.clustersById().get(id);
  }

  clusterOf(server: Server): Cluster | undefined {
    return this.cluster(server.cluster_id);
  }

  /** The servers in a cluster, in fleet order. */
  clusterMembers(clusterId: number): readonly Server[] {
    return this.byCluster().get(clusterId) ?? NONE;
  }

  /** The cluster's channels and CPS added up, against its shared limit. */
  clusterTotal(clusterId: number): CapacitySummary {
    let total = this.totals.get(clusterId);
    if (!total) {
      total = clusterCapacity(this.clusterMembers(clusterId));
      this.totals.set(clusterId, total);
    }
    return total;
  }

  /** How many of a cluster's servers are switches. */
  switchesIn(clusterId: number): number {
    let count = this.switchCounts.get(clusterId);
    if (count === undefined) {
      count = 0;
      for (const s of this.clusterMembers(clusterId)) if (s.type === 'switch') count++;
      this.switchCounts.set(clusterId, count);
    }
    return count;
  }

  /** The other servers whose capacity failover points at this one. */
  failingOverTo(serverId: number): readonly Server[] {
    return this.byFailoverTarget().get(serverId) ?? NONE;
  }

  /** The dispatchers that balance calls over this server. */
  dispatchersOf(serverId: number): readonly Server[] {
    return this.byMember().get(serverId) ?? NONE;
  }

  /** The server's jobs, newest first; jobs with an unreadable date are left out. */
  jobsOf(serverId: number): readonly Job[] {
    const jobs = this.byServer().get(serverId);
    if (!jobs) return NONE;
    if (!this.sortedJobs.has(serverId)) {
      jobs.sort(newestFirst);
      this.sortedJobs.add(serverId);
    }
    return jobs;
  }
}
