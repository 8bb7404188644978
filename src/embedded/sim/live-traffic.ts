import { gaussian, type Random } from '../fleet/random.js';
import { zoneFacts } from '../fleet/zones.js';
import type { Plane } from '../plane.js';
import type { TrafficRow, TrafficUpdate } from '../store/servers-table.js';
import { dayShape, jitterLatency, localHour, nextChannels, nextCps, shareLimit } from './traffic.js';

function switchStep(row: TrafficRow, nowMs: number, seconds: number, random: Random) {
  const shape = dayShape(localHour(nowMs, zoneFacts(row.zone).utcOffsetHours));
  const channels = nextChannels({
    channels: row.channels,
    channelsMax: row.channels_max,
    targetShare: row.peak_share * shape,
    seconds,
    noise: gaussian(random),
  });
  return { channels, cps: nextCps(channels, row.cps_max, gaussian(random)) };
}

function applySharedCpsLimits(switches: readonly TrafficRow[], updates: Map<number, TrafficUpdate>): void {
  const byCluster = new Map<number, TrafficRow[]>();
  for (const row of switches) {
    if (row.cluster_id === null) continue;
    const members = byCluster.get(row.cluster_id);
    if (members) members.push(row);
    else byCluster.set(row.cluster_id, [row]);
  }
  for (const members of byCluster.values()) {
    const limit = members.reduce((max, row) => Math.max(max, row.cps_max), 0);
    const shared = shareLimit(
      members.map((row) => updates.get(row.id)!.cps),
      limit,
    );
    members.forEach((row, index) => {
      updates.get(row.id)!.cps = shared[index]!;
    });
  }
}

/** One step of the live part of the simulation: traffic on active servers, latency jitter, auto upgrades. */
export function moveTraffic(plane: Plane, seconds: number, random: Random): void {
  const nowMs = plane.time.now();
  const rows = plane.servers.trafficRows();
  const updates = new Map<number, TrafficUpdate>();
  for (const row of rows) {
    const facts = zoneFacts(row.zone);
    updates.set(row.id, {
      id: row.id,
      channels: row.channels,
      cps: row.cps,
      sip_latency_ms: jitterLatency(facts.sipLatencyMs, gaussian(random)),
      icmp_latency_ms: jitterLatency(facts.icmpLatencyMs, gaussian(random)),
    });
  }
  const activeSwitches = rows.filter((row) => row.status === 'active' && row.type === 'switch');
  for (const row of activeSwitches)
    Object.assign(updates.get(row.id)!, switchStep(row, nowMs, seconds, random));
  applySharedCpsLimits(activeSwitches, updates);

  const members = plane.servers.allMembers();
  for (const row of rows) {
    if (row.status !== 'active' || row.type !== 'dispatcher') continue;
    const routed = (members.get(row.id) ?? []).reduce((sum, id) => sum + (updates.get(id)?.cps ?? 0), 0);
    updates.get(row.id)!.cps = Math.min(Math.floor(row.cps_max), routed);
  }
  plane.servers.saveTraffic(updates.values());
  plane.servers.applyAutoUpgrades();
}
