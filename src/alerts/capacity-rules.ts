import { type CapacitySummary, clusterCapacity } from '../domain/capacity.js';
import type { Cluster, Server } from '../domain/schemas.js';
import { aboutCluster, aboutServer, alertKey, type Finding, type RuleId } from './findings.js';
import { numberText, percentText, ratioText, serverLabel } from './format.js';
import { heldNote, type Level, levelFor } from './levels.js';
import type { RuleContext } from './snapshot.js';
import type { Levels } from './thresholds.js';

interface Reading {
  used: number;
  max: number;
  percent: number;
  severity: Level;
}

/** The level `used` of `max` holds for this rule and subject, with hysteresis; null when none. */
function read(
  ctx: RuleContext,
  rule: RuleId,
  subject: string,
  used: number,
  max: number,
  levels: Levels,
): Reading | null {
  if (max <= 0) return null;
  const percent = (100 * used) / max;
  const severity = levelFor(percent, ctx.previous.get(alertKey(rule, subject)), levels);
  return severity ? { used, max, percent, severity } : null;
}

interface Draft {
  rule: RuleId;
  about: Pick<Finding, 'subject' | 'server' | 'cluster'>;
  reading: Reading;
  levels: Levels;
  title: string;
  lines: string[];
}

function toFinding({ rule, about, reading, levels, title, lines }: Draft): Finding {
  const held = heldNote(reading.percent, reading.severity, levels, '%');
  return {
    rule,
    ...about,
    severity: reading.severity,
    title,
    lines: held ? [...lines, held] : lines,
    values: { percent: reading.percent, used: reading.used, max: reading.max },
  };
}

function clusterName(id: number, clusters: readonly Cluster[]): string {
  return clusters.find((c) => c.id === id)?.name ?? `#${id}`;
}

function failoverLine(server: Server, servers: readonly Server[], limit: 'channels' | 'cps'): string {
  const target = servers.find((s) => s.id === server.config.capacity_failover_id);
  if (!target) return `No capacity failover: when full, new calls are rejected ("server at max ${limit}").`;
  const caveat = target.status === 'active' ? '' : `, but it is ${target.status}`;
  return `When full, new calls are redirected (SIP 302) to ${serverLabel(target)}${caveat}.`;
}

function serverChannels(ctx: RuleContext, server: Server): Finding | null {
  const { servers, clusters } = ctx.snapshot;
  const about = aboutServer(server, clusters);
  const reading = read(
    ctx,
    'capacity',
    about.subject,
    server.channels,
    server.channels_max,
    ctx.thresholds.channels,
  );
  if (!reading) return null;
  const title = `Capacity ${reading.severity} · ${serverLabel(server)} at ${percentText(reading.percent)} of channels (${ratioText(reading.used, reading.max)})`;
  const lines = [contextLine(server, servers, clusters), failoverLine(server, servers, 'channels')];
  return toFinding({ rule: 'capacity', about, reading, levels: ctx.thresholds.channels, title, lines });
}

function contextLine(server: Server, servers: readonly Server[], clusters: readonly Cluster[]): string {
  if (server.cluster_id === null) return `CPS ${ratioText(server.cps, server.cps_max)}`;
  const total = clusterCapacity(servers.filter((s) => s.cluster_id === server.cluster_id));
  const share =
    total.channelsMax > 0
      ? `${percentText((100 * total.channels) / total.channelsMax)} overall`
      : 'no channels';
  return `cluster ${clusterName(server.cluster_id, clusters)} at ${share} · CPS ${ratioText(total.cps, total.cpsMax)} (shared)`;
}

/** CPS of a server in no cluster: its limit is its own (a clustered server's limit is the cluster's). */
function serverCps(ctx: RuleContext, server: Server): Finding | null {
  if (server.cluster_id !== null) return null;
  const about = aboutServer(server, ctx.snapshot.clusters);
  const reading = read(ctx, 'cps', about.subject, server.cps, server.cps_max, ctx.thresholds.cps);
  if (!reading) return null;
  const title = `CPS ${reading.severity} · ${serverLabel(server)} at ${percentText(reading.percent)} of its CPS limit (${ratioText(reading.used, reading.max)})`;
  const lines = [
    'Calls above the limit are rejected ("server at max cps").',
    `channels ${ratioText(server.channels, server.channels_max)}`,
  ];
  return toFinding({ rule: 'cps', about, reading, levels: ctx.thresholds.cps, title, lines });
}

function memberList(members: readonly Server[], figure: (s: Server) => string, order: (s: Server) => number) {
  const shown = 6;
  const sorted = [...members].sort((a, b) => order(b) - order(a));
  const listed = sorted.slice(0, shown).map((s) => `${s.alias} ${figure(s)}`);
  if (sorted.length > shown) listed.push(`+${sorted.length - shown} more`);
  return listed.join(' · ');
}

/** Combined channels; skipped for a cluster of one server, which the server's own alert covers. */
function clusterChannels(ctx: RuleContext, cluster: Cluster, members: Server[], total: CapacitySummary) {
  const withChannels = members.filter((s) => s.channels_max > 0);
  if (withChannels.length < 2) return null;
  const about = aboutCluster(cluster);
  const reading = read(
    ctx,
    'cluster-capacity',
    about.subject,
    total.channels,
    total.channelsMax,
    ctx.thresholds.channels,
  );
  if (!reading) return null;
  const title = `Cluster capacity ${reading.severity} · ${cluster.name} at ${percentText(reading.percent)} of channels (${ratioText(reading.used, reading.max)})`;
  const lines = [
    memberList(
      withChannels,
      (s) => `${percentText((100 * s.channels) / s.channels_max)} (${ratioText(s.channels, s.channels_max)})`,
      (s) => s.channels / s.channels_max,
    ),
    `CPS ${ratioText(total.cps, total.cpsMax)} (shared)`,
  ];
  return toFinding({
    rule: 'cluster-capacity',
    about,
    reading,
    levels: ctx.thresholds.channels,
    title,
    lines,
  });
}

/** The seed's rule: a clustered CPS limit is shared, so the members' CPS add up against one limit. */
function clusterCps(ctx: RuleContext, cluster: Cluster, members: Server[], total: CapacitySummary) {
  const about = aboutCluster(cluster);
  const reading = read(ctx, 'cluster-cps', about.subject, total.cps, total.cpsMax, ctx.thresholds.cps);
  if (!reading) return null;
  const title = `Cluster CPS ${reading.severity} · ${cluster.name} at ${percentText(reading.percent)} of its shared CPS limit (${ratioText(reading.used, reading.max)})`;
  const lines = [
    `The limit is shared: the ${members.length} servers together may take ${numberText(total.cpsMax)} calls per second.`,
    memberList(
      members,
      (s) => `${numberText(s.cps)} CPS`,
      (s) => s.cps,
    ),
    'Calls above the limit are rejected ("server at max cps").',
  ];
  return toFinding({ rule: 'cluster-cps', about, reading, levels: ctx.thresholds.cps, title, lines });
}

export function capacityFindings(ctx: RuleContext): Finding[] {
  const { servers, clusters } = ctx.snapshot;
  const found: (Finding | null)[] = [];
  for (const server of servers) found.push(serverChannels(ctx, server), serverCps(ctx, server));
  for (const cluster of clusters) {
    const members = servers.filter((s) => s.cluster_id === cluster.id);
    if (!members.length) continue;
    const total = clusterCapacity(members);
    found.push(clusterChannels(ctx, cluster, members, total), clusterCps(ctx, cluster, members, total));
  }
  return found.filter((f) => f !== null);
}
