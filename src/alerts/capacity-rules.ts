import type { CapacitySummary } from '../domain/capacity.js';
import type { Cluster, Server } from '../domain/schemas.js';
import {
  aboutCluster,
  alertKey,
  type Finding,
  type RuleId,
  type Subject,
  serverSubject,
} from './findings.js';
import type { FleetIndex } from './fleet-index.js';
import { numberText, percentText, ratioText, serverLabel } from './format.js';
import { heldNote, type Level, levelFor, lowestHold } from './levels.js';
import { perServer, type RuleContext, type ServerRule } from './snapshot.js';
import type { Levels } from './thresholds.js';

interface Measure {
  rule: RuleId;
  about: Subject;
  used: number;
  max: number;
  levels: Levels;
}

interface Reading {
  severity: Level;
  /** The share as written: "88%". */
  share: string;
}

/** Whether `used` of `max` is high enough for a level to hold: most servers are not, and cost no more. */
function mayHold(used: number, max: number, levels: Levels): boolean {
  return max > 0 && (100 * used) / max >= lowestHold(levels);
}

/**
 * The finding for `used` of `max` at the level it holds now, given the level it held before
 * (hysteresis), or null when no level holds or there is no maximum to measure against.
 */
function levelFinding(
  ctx: RuleContext,
  m: Measure,
  describe: (r: Reading) => { title: string; lines: string[] },
): Finding | null {
  if (!mayHold(m.used, m.max, m.levels)) return null;
  const percent = (100 * m.used) / m.max;
  const severity = levelFor(percent, ctx.previous.get(alertKey(m.rule, m.about.subject)), m.levels);
  if (!severity) return null;
  const { title, lines } = describe({ severity, share: percentText(percent) });
  const held = heldNote(percent, severity, m.levels, '%');
  return {
    rule: m.rule,
    ...m.about,
    severity,
    title,
    lines: held ? [...lines, held] : lines,
    values: { percent, used: m.used, max: m.max },
  };
}

function failoverLine(server: Server, fleet: FleetIndex): string {
  const target = fleet.failoverTarget(server);
  if (!target) return 'No capacity failover: when full, new calls are rejected ("server at max channels").';
  const caveat = target.status === 'active' ? '' : `, but it is ${target.status}`;
  return `When full, new calls are redirected (SIP 302) to ${serverLabel(target)}${caveat}.`;
}

function contextLine(server: Server, fleet: FleetIndex): string {
  if (server.cluster_id === null) return `CPS ${ratioText(server.cps, server.cps_max)}`;
  const total = fleet.clusterTotal(server.cluster_id);
  const share =
    total.channelsMax > 0
      ? `${percentText((100 * total.channels) / total.channelsMax)} overall`
      : 'no channels';
  const name = fleet.cluster(server.cluster_id)?.name ?? `#${server.cluster_id}`;
  return `cluster ${name} at ${share} · CPS ${ratioText(total.cps, total.cpsMax)} (shared)`;
}

// The checks that let most servers go come first, in a function of their own: a function whose
// variables a closure captures allocates their context on every call, before any early return.

function serverChannels(ctx: RuleContext, server: Server): Finding | null {
  return mayHold(server.channels, server.channels_max, ctx.thresholds.channels)
    ? channelsFinding(ctx, server)
    : null;
}

function channelsFinding(ctx: RuleContext, server: Server): Finding | null {
  const { fleet } = ctx;
  const m = {
    rule: 'capacity' as const,
    about: serverSubject(server, fleet.clusterOf(server)),
    used: server.channels,
    max: server.channels_max,
    levels: ctx.thresholds.channels,
  };
  return levelFinding(ctx, m, (r) => ({
    title: `Capacity ${r.severity} · ${serverLabel(server)} at ${r.share} of channels (${ratioText(m.used, m.max)})`,
    lines: [contextLine(server, fleet), failoverLine(server, fleet)],
  }));
}

/** CPS of a server in no cluster: its limit is its own (a clustered server's limit is the cluster's). */
function serverCps(ctx: RuleContext, server: Server): Finding | null {
  return server.cluster_id === null && mayHold(server.cps, server.cps_max, ctx.thresholds.cps)
    ? cpsFinding(ctx, server)
    : null;
}

function cpsFinding(ctx: RuleContext, server: Server): Finding | null {
  const m = {
    rule: 'cps' as const,
    about: serverSubject(server, undefined),
    used: server.cps,
    max: server.cps_max,
    levels: ctx.thresholds.cps,
  };
  return levelFinding(ctx, m, (r) => ({
    title: `CPS ${r.severity} · ${serverLabel(server)} at ${r.share} of its CPS limit (${ratioText(m.used, m.max)})`,
    lines: [
      'Calls above the limit are rejected ("server at max cps").',
      `channels ${ratioText(server.channels, server.channels_max)}`,
    ],
  }));
}

/** "a 90% (90/100) · b 80% (80/100)": the busiest members first, at most six. */
function memberList(members: readonly Server[], figure: (s: Server) => string, load: (s: Server) => number) {
  const shown = 6;
  const sorted = [...members].sort((a, b) => load(b) - load(a));
  const listed = sorted.slice(0, shown).map((s) => `${s.alias} ${figure(s)}`);
  if (sorted.length > shown) listed.push(`+${sorted.length - shown} more`);
  return listed.join(' · ');
}

/** Combined channels; skipped for a cluster of one server, which the server's own alert covers. */
function clusterChannels(
  ctx: RuleContext,
  cluster: Cluster,
  members: readonly Server[],
  total: CapacitySummary,
) {
  if (!mayHold(total.channels, total.channelsMax, ctx.thresholds.channels)) return null;
  const withChannels = members.filter((s) => s.channels_max > 0);
  if (withChannels.length < 2) return null;
  const m = {
    rule: 'cluster-capacity' as const,
    about: aboutCluster(cluster),
    used: total.channels,
    max: total.channelsMax,
    levels: ctx.thresholds.channels,
  };
  return levelFinding(ctx, m, (r) => ({
    title: `Cluster capacity ${r.severity} · ${cluster.name} at ${r.share} of channels (${ratioText(m.used, m.max)})`,
    lines: [
      memberList(
        withChannels,
        (s) =>
          `${percentText((100 * s.channels) / s.channels_max)} (${ratioText(s.channels, s.channels_max)})`,
        (s) => s.channels / s.channels_max,
      ),
      `CPS ${ratioText(total.cps, total.cpsMax)} (shared)`,
    ],
  }));
}

/** The seed's rule: a clustered CPS limit is shared, so the members' CPS add up against one limit. */
function clusterCps(ctx: RuleContext, cluster: Cluster, members: readonly Server[], total: CapacitySummary) {
  const m = {
    rule: 'cluster-cps' as const,
    about: aboutCluster(cluster),
    used: total.cps,
    max: total.cpsMax,
    levels: ctx.thresholds.cps,
  };
  return levelFinding(ctx, m, (r) => ({
    title: `Cluster CPS ${r.severity} · ${cluster.name} at ${r.share} of its shared CPS limit (${ratioText(m.used, m.max)})`,
    lines: [
      `The limit is shared: the ${members.length} servers together may take ${numberText(total.cpsMax)} calls per second.`,
      memberList(
        members,
        (s) => `${numberText(s.cps)} CPS`,
        (s) => s.cps,
      ),
      'Calls above the limit are rejected ("server at max cps").',
    ],
  }));
}

const SERVER_RULES: readonly ServerRule[] = [serverChannels, serverCps];

export function capacityFindings(ctx: RuleContext): Finding[] {
  const { snapshot, fleet } = ctx;
  const found = perServer(ctx, SERVER_RULES);
  for (const cluster of snapshot.clusters) {
    const members = fleet.clusterMembers(cluster.id);
    if (!members.length) continue;
    const total = fleet.clusterTotal(cluster.id);
    for (const finding of [
      clusterChannels(ctx, cluster, members, total),
      clusterCps(ctx, cluster, members, total),
    ])
      if (finding) found.push(finding);
  }
  return found;
}
