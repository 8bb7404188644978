import type { ServerStatus } from '../../domain/schemas.js';
import { answersProbes } from '../ops/status-effects.js';
import type { Plane } from '../plane.js';
import { dailySpend } from '../sim/billing.js';
import { AVERAGE_CALL_SECONDS, jitterLatency, shareLimit } from '../sim/traffic.js';
import type { ServerColumns } from '../store/servers-table.js';
import { DISPATCHER_CPS_MAX, defaultConfig } from './defaults.js';
import { IpPool } from './ip-pool.js';
import { gaussian, pick, type Random, seededRandom } from './random.js';
import { ZONES, type ZoneFacts } from './zones.js';

export const MAX_GENERATED_SERVERS = 100_000;

const SERVERS_PER_CLUSTER = 25;
const CLUSTERED_SHARE = 0.75;
const DAY = 86_400;
export const FUNDED_DAYS = 20;
const STATUS_WEIGHTS: readonly [ServerStatus, number][] = [
  ['active', 0.86],
  ['inactive', 0.04],
  ['stopped', 0.05],
  ['expired', 0.05],
];

interface GeneratedCluster {
  id: number;
  zone: ZoneFacts;
  cpsMax: number;
  dispatcherIndex?: number;
}

function weightedStatus(random: Random): ServerStatus {
  let roll = random();
  for (const [status, weight] of STATUS_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return status;
  }
  return 'active';
}

function expiresFor(status: ServerStatus, random: Random, plane: Plane): string | null {
  if (status === 'expired') return plane.time.iso(-(1 + random() * 29) * DAY);
  return random() < 0.08 ? plane.time.iso((0.5 + random() * 13.5) * DAY) : null;
}

function generateServer(
  index: number,
  cluster: GeneratedCluster | null,
  random: Random,
  plane: Plane,
  ips: IpPool,
) {
  const type = cluster && cluster.dispatcherIndex === undefined ? 'dispatcher' : 'switch';
  if (cluster && type === 'dispatcher') cluster.dispatcherIndex = index;
  const zone = cluster?.zone ?? pick(random, ZONES);
  const status = weightedStatus(random);
  const channelsMax = type === 'dispatcher' ? 0 : pick(random, [300, 700, 1000]);
  const peakShare = type === 'dispatcher' ? 0 : 0.1 + random() * 0.85;
  const channels = status === 'active' ? Math.round(channelsMax * peakShare * (0.4 + random() * 0.6)) : 0;
  const cpsMax =
    cluster?.cpsMax ?? (type === 'dispatcher' ? DISPATCHER_CPS_MAX : pick(random, [40, 100, 150]));
  const alias = `${zone.prefix}-${type === 'dispatcher' ? 'lb' : 'sw'}-${index + 1}`;
  const withFqdn = random() < 0.2;
  const answers = answersProbes(status);
  const server: ServerColumns = {
    ip: ips.next(),
    alias,
    type,
    cluster_id: cluster?.id ?? null,
    zone: zone.name,
    channels,
    channels_max: channelsMax,
    cps: Math.min(cpsMax, Math.round(channels / AVERAGE_CALL_SECONDS)),
    cps_max: cpsMax,
    expires: expiresFor(status, random, plane),
    status,
    stale: random() < 0.1,
    sip_latency_ms: answers ? jitterLatency(zone.sipLatencyMs, gaussian(random)) : null,
    icmp_latency_ms: answers ? jitterLatency(zone.icmpLatencyMs, gaussian(random)) : null,
    config: {
      ...defaultConfig(),
      auto_upgrade: random() < 0.7,
      fqdn: withFqdn ? `${alias}.fleet.example` : null,
      tls: withFqdn && random() < 0.5,
    },
    uac_password_hash: null,
    peak_share: peakShare,
  };
  return server;
}

/** Indices of each cluster's switches. */
function switchesByCluster(servers: readonly ServerColumns[]): Map<number, number[]> {
  const byCluster = new Map<number, number[]>();
  servers.forEach((server, index) => {
    if (server.cluster_id === null || server.type !== 'switch') return;
    const members = byCluster.get(server.cluster_id);
    if (members) members.push(index);
    else byCluster.set(server.cluster_id, [index]);
  });
  return byCluster;
}

/** Members of a cluster share its CPS limit, and its dispatcher routes what they carry. */
function settleClusterCps(
  servers: ServerColumns[],
  cluster: GeneratedCluster,
  members: readonly number[],
): void {
  const shared = shareLimit(
    members.map((i) => servers[i]!.cps),
    cluster.cpsMax,
  );
  members.forEach((serverIndex, i) => {
    servers[serverIndex]!.cps = shared[i]!;
  });
  const dispatcher = cluster.dispatcherIndex === undefined ? undefined : servers[cluster.dispatcherIndex];
  if (dispatcher?.status === 'active')
    dispatcher.cps = Math.min(
      cluster.cpsMax,
      shared.reduce((a, b) => a + b, 0),
    );
}

/**
 * `_sim/fleet`: replaces servers, clusters and jobs with `count` generated servers, the same
 * fleet for the same seed (dates are relative to simulated now). The balance is set to fund the
 * new fleet for FUNDED_DAYS, so a big benchmark fleet does not expire mid-run. Runs inside the
 * caller's transaction.
 */
export function generateFleet(plane: Plane, count: number, seed: number): void {
  const random = seededRandom(seed);
  plane.jobs.deleteAll();
  plane.servers.deleteAll();
  plane.catalog.deleteAllClusters();
  const clusters: GeneratedCluster[] = [];
  const clusterCount = count === 0 ? 0 : Math.max(1, Math.round(count / SERVERS_PER_CLUSTER));
  for (let n = 1; n <= clusterCount; n++) {
    const zone = pick(random, ZONES);
    const id = plane.catalog.addCluster(`${zone.prefix}-cluster-${n}`);
    clusters.push({ id, zone, cpsMax: pick(random, [100, 150, 300]) });
  }
  const ips = new IpPool(plane.servers.usedIps());
  const servers: ServerColumns[] = [];
  for (let index = 0; index < count; index++) {
    const cluster = clusters.length > 0 && random() < CLUSTERED_SHARE ? pick(random, clusters) : null;
    servers.push(generateServer(index, cluster, random, plane, ips));
  }
  const members = switchesByCluster(servers);
  for (const cluster of clusters) settleClusterCps(servers, cluster, members.get(cluster.id) ?? []);
  const ids = servers.map((server) => plane.servers.insert(server));
  for (const cluster of clusters) {
    if (cluster.dispatcherIndex === undefined) continue;
    for (const i of members.get(cluster.id) ?? [])
      plane.servers.addMember(ids[cluster.dispatcherIndex]!, ids[i]!);
  }
  const billable = servers.filter((server) => server.status !== 'expired').length;
  plane.account.set({ balance: dailySpend(billable) * FUNDED_DAYS });
}
