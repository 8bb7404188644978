import type { Server } from '../domain/schemas.js';
import { aboutServer, type Finding } from './findings.js';
import { durationText, HOUR_MS, MINUTE_MS, numberText, serverLabel } from './format.js';
import type { RuleContext, UsageSample } from './snapshot.js';
import type { Thresholds } from './thresholds.js';

type Advice = Thresholds['advice'];

/**
 * Time within the window (ending at `at`) the server spent above the comfortable share. Each
 * sample stands until the next one, for at most `sampleHoldMinutes`: a gap counts as not busy.
 */
export function busyTimeMs(samples: readonly UsageSample[], at: Date, advice: Advice): number {
  const end = at.getTime();
  const windowStart = end - advice.windowHours * HOUR_MS;
  const holdMs = advice.sampleHoldMinutes * MINUTE_MS;
  const sorted = [...samples].sort((a, b) => a.at.getTime() - b.at.getTime());
  let busy = 0;
  sorted.forEach((sample, i) => {
    if (sample.share * 100 <= advice.comfortablePercent) return;
    const from = Math.max(sample.at.getTime(), windowStart);
    const next = sorted[i + 1]?.at.getTime() ?? end;
    const until = Math.min(next, sample.at.getTime() + holdMs, end);
    busy += Math.max(0, until - from);
  });
  return busy;
}

/** The CPS one server may take: a clustered limit is shared by the cluster's switches. */
function cpsPerServer(server: Server, servers: readonly Server[]): { perServer: number; switches: number } {
  if (server.cluster_id === null) return { perServer: server.cps_max, switches: 1 };
  const switches = Math.max(
    1,
    servers.filter((s) => s.cluster_id === server.cluster_id && s.type === 'switch').length,
  );
  return { perServer: server.cps_max / switches, switches };
}

function guidanceLines(server: Server, servers: readonly Server[], advice: Advice): string[] {
  const lines: string[] = [];
  if (server.channels_max > advice.maxChannels) {
    lines.push(
      `It allows ${numberText(server.channels_max)} channels; ConnexCS advises at most ${numberText(advice.maxChannels)} per server.`,
    );
  }
  const { perServer, switches } = cpsPerServer(server, servers);
  if (perServer > advice.maxCps) {
    const limit =
      server.cluster_id === null
        ? `Its CPS limit is ${numberText(server.cps_max)}`
        : `Its cluster's shared limit of ${numberText(server.cps_max)} CPS comes to ${numberText(perServer)} for each of ${switches} switches`;
    lines.push(`${limit}; ConnexCS advises at most ${numberText(advice.maxCps)} CPS per server.`);
  }
  return lines;
}

function busyLine(busyMs: number, advice: Advice): string | null {
  if (busyMs <= advice.busyFraction * advice.windowHours * HOUR_MS) return null;
  return `It ran above ${advice.comfortablePercent}% of its channels for ${durationText(busyMs)} of the last ${advice.windowHours} hours; ConnexCS advises running servers at ${advice.comfortablePercent}% or less.`;
}

/** Advice, not an alarm: a server set up beyond the guidance, or loaded past it most of the day. */
export function adviceFindings(ctx: RuleContext): Finding[] {
  const { snapshot, history, thresholds } = ctx;
  const advice = thresholds.advice;
  const findings: Finding[] = [];
  for (const server of snapshot.servers) {
    if (server.status === 'expired') continue;
    const busyMs = busyTimeMs(history.usage.get(server.id) ?? [], snapshot.at, advice);
    const reasons = [...guidanceLines(server, snapshot.servers, advice), busyLine(busyMs, advice)].filter(
      (line) => line !== null,
    );
    if (!reasons.length) continue;
    const about = aboutServer(server, snapshot.clusters);
    const spread = about.cluster
      ? `Add a server to cluster ${about.cluster.name} to spread the load.`
      : 'Deploy another server and cluster the two to spread the load.';
    findings.push({
      rule: 'capacity-advice',
      ...about,
      severity: 'info',
      title: `Capacity advice · ${serverLabel(server)}`,
      lines: [...reasons, spread],
      values: { busyHours: busyMs / HOUR_MS, channelsMax: server.channels_max, cpsMax: server.cps_max },
    });
  }
  return findings;
}
