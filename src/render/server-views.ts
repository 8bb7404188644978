import { type CapacitySummary, clusterCapacity } from '../domain/capacity.js';
import type { Cluster, Job, Server } from '../domain/schemas.js';
import { alignedCells, duration, expiryText, percent, relativeTime, usageBar } from './format.js';

/** View pieces shared by the fleet commands: the same server looks the same in every reply. */

/** "ams-sw-1 (203.0.113.42)". */
export const serverLabel = (server: Pick<Server, 'alias' | 'ip'>) => `${server.alias} (${server.ip})`;

/** Whole numbers as they are, live rates with one decimal. */
export const count = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/** Bar, "611/700", "87%"; undefined when there is no channel limit (a dispatcher). */
export function channelParts(used: number, max: number): string[] | undefined {
  if (max <= 0) return undefined;
  return [usageBar(used, max), `${used}/${max}`, percent(used, max)];
}

export function channelsText(used: number, max: number): string {
  return alignedCells([channelParts(used, max)])[0]!;
}

export function cpsParts(load: Pick<CapacitySummary, 'cps' | 'cpsMax' | 'shared'>): string[] {
  return [`${count(load.cps)}/${count(load.cpsMax)}`, load.shared ? 'shared' : ''];
}

export function cpsText(load: Pick<CapacitySummary, 'cps' | 'cpsMax' | 'shared'>): string {
  return alignedCells([cpsParts(load)])[0]!;
}

export const CPS_RULE =
  'CPS "shared": a clustered limit is shared by the whole cluster (10 CPS means 10 in total across its servers); an unclustered server\'s limit is its own.';

/**
 * What a cluster carries. Dispatchers relay the calls their switches carry, so only switches are
 * counted (counting both would count each call twice); the limit is the cluster's shared one.
 */
export function clusterLoad(members: readonly Server[]): CapacitySummary {
  const switches = members.filter((s) => s.type === 'switch');
  const carried = clusterCapacity(switches.length > 0 ? switches : members);
  return { ...carried, cpsMax: clusterCapacity(members).cpsMax };
}

/** Each clustered server's CPS against its cluster's shared limit; an unclustered one against its own. */
export function cpsLoads(servers: readonly Server[]): Map<number, CapacitySummary> {
  const limits = new Map<number, number>();
  for (const [clusterId, members] of groupByCluster(servers)) {
    if (clusterId !== null) limits.set(clusterId, clusterLoad(members).cpsMax);
  }
  return new Map(
    servers.map((s) => [
      s.id,
      {
        channels: s.channels,
        channelsMax: s.channels_max,
        cps: s.cps,
        cpsMax: s.cluster_id === null ? s.cps_max : (limits.get(s.cluster_id) ?? s.cps_max),
        shared: s.cluster_id !== null,
      },
    ]),
  );
}

export function groupByCluster(servers: readonly Server[]): Map<number | null, Server[]> {
  const groups = new Map<number | null, Server[]>();
  for (const server of servers) {
    const group = groups.get(server.cluster_id) ?? [];
    group.push(server);
    groups.set(server.cluster_id, group);
  }
  return groups;
}

/** Cluster id to name; a cluster the list does not know keeps its id. */
export function clusterNamer(clusters: readonly Cluster[]): (id: number | null) => string {
  const names = new Map(clusters.map((c) => [c.id, c.name]));
  return (id) => (id === null ? '-' : (names.get(id) ?? `#${id}`));
}

/**
 * The fleet's reading order, stable from one refresh to the next: clusters by name (unclustered
 * last), within each the dispatchers first, then by alias and IP.
 */
export function sortServers(
  servers: readonly Server[],
  clusterName: (id: number | null) => string,
): Server[] {
  const key = (s: Server) => [
    s.cluster_id === null ? 1 : 0,
    clusterName(s.cluster_id),
    s.type === 'dispatcher' ? 0 : 1,
  ];
  return [...servers].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) {
      const order = compare(ka[i]!, kb[i]!);
      if (order !== 0) return order;
    }
    return a.alias.localeCompare(b.alias) || a.ip.localeCompare(b.ip) || a.id - b.id;
  });
}

function compare(a: string | number, b: string | number): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

/** The Expires column; an expired status says so even when the control plane gives no date. */
export function serverExpiry(server: Server, now: Date): string {
  return server.status === 'expired' ? 'expired' : expiryText(server.expires, now);
}

const JOB_MARKS = { queued: '⏳', running: '🔄', done: '✅', failed: '❌' } as const;

/** "🔄 running ████▌░░░░░ 45%", "✅ done". */
export function jobStatusText(job: Job): string {
  const mark = `${JOB_MARKS[job.status]} ${job.status}`;
  return job.status === 'running'
    ? `${mark} ${usageBar(job.progress, 100)} ${Math.round(job.progress)}%`
    : mark;
}

/** "2 min ago (took 58 s)", or "-" while the job runs. */
export function jobFinishedText(job: Job, now: Date): string {
  if (job.finished === null) return '-';
  const took = Date.parse(job.finished) - Date.parse(job.created);
  return Number.isNaN(took)
    ? relativeTime(job.finished, now)
    : `${relativeTime(job.finished, now)} (took ${duration(took)})`;
}

export const JOB_COLUMNS = ['JOB', 'ACTION', 'STATUS', 'CREATED', 'FINISHED', 'ERROR'];

export function jobRows(jobs: readonly Job[], now: Date): string[][] {
  return jobs.map((job) => [
    String(job.id),
    job.action,
    jobStatusText(job),
    relativeTime(job.created, now),
    jobFinishedText(job, now),
    job.error ?? '',
  ]);
}

/** How to name a server in a command line: its alias when no other server shares it, else its IP. */
export function serverRef(server: Server, all: readonly Server[]): string {
  const wanted = server.alias.toLowerCase();
  const shared = all.some(
    (s) => s.id !== server.id && (s.alias.toLowerCase() === wanted || s.ip.toLowerCase() === wanted),
  );
  return shared ? server.ip : server.alias;
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

export function newestFirst(jobs: readonly Job[]): Job[] {
  return [...jobs].sort((a, b) => Date.parse(b.created) - Date.parse(a.created) || b.id - a.id);
}
