import type { Server } from '../domain/schemas.js';
import { type Finding, serverSubject } from './findings.js';
import type { FleetIndex } from './fleet-index.js';
import { durationText, HOUR_MS, MINUTE_MS, numberText, serverLabel } from './format.js';
import { perServer, type RuleContext, type UsageSample } from './snapshot.js';
import type { Thresholds } from './thresholds.js';

type Advice = Thresholds['advice'];

const NO_SAMPLES: readonly UsageSample[] = [];

/** The samples oldest first: as the history keeps them, so usually themselves, uncopied. */
function inTimeOrder(samples: readonly UsageSample[]): readonly UsageSample[] {
  for (let i = 1; i < samples.length; i++) {
    if (samples[i - 1]!.at.getTime() > samples[i]!.at.getTime())
      return [...samples].sort((a, b) => a.at.getTime() - b.at.getTime());
  }
  return samples;
}

/**
 * Time within the window (ending at `at`) the server spent above the comfortable share. Each
 * sample stands until the next one, for at most `sampleHoldMinutes`: a gap counts as not busy.
 */
export function busyTimeMs(samples: readonly UsageSample[], at: Date, advice: Advice): number {
  const end = at.getTime();
  const windowStart = end - advice.windowHours * HOUR_MS;
  const holdMs = advice.sampleHoldMinutes * MINUTE_MS;
  const sorted = inTimeOrder(samples);
  let busy = 0;
  for (let i = 0; i < sorted.length; i++) {
    const sample = sorted[i]!;
    if (sample.share * 100 <= advice.comfortablePercent) continue;
    const from = Math.max(sample.at.getTime(), windowStart);
    const next = sorted[i + 1]?.at.getTime() ?? end;
    const until = Math.min(next, sample.at.getTime() + holdMs, end);
    busy += Math.max(0, until - from);
  }
  return busy;
}

/** The switches a server's CPS limit is shared by: a clustered limit is the whole cluster's. */
function switchesSharing(server: Server, fleet: FleetIndex): number {
  return server.cluster_id === null ? 1 : Math.max(1, fleet.switchesIn(server.cluster_id));
}

function channelsLine(server: Server, advice: Advice): string {
  return `It allows ${numberText(server.channels_max)} channels; ConnexCS advises at most ${numberText(advice.maxChannels)} per server.`;
}

function cpsLine(server: Server, switches: number, advice: Advice): string {
  const limit =
    server.cluster_id === null
      ? `Its CPS limit is ${numberText(server.cps_max)}`
      : `Its cluster's shared limit of ${numberText(server.cps_max)} CPS comes to ${numberText(server.cps_max / switches)} for each of ${switches} switches`;
  return `${limit}; ConnexCS advises at most ${numberText(advice.maxCps)} CPS per server.`;
}

function busyLine(busyMs: number, advice: Advice): string {
  return `It ran above ${advice.comfortablePercent}% of its channels for ${durationText(busyMs)} of the last ${advice.windowHours} hours; ConnexCS advises running servers at ${advice.comfortablePercent}% or less.`;
}

/**
 * Advice, not an alarm: a server set up beyond the guidance, or loaded past it most of the day.
 * The figures are checked first; the words are written only for a server the advice is for.
 */
function adviceFinding(ctx: RuleContext, server: Server): Finding | null {
  if (server.status === 'expired') return null;
  const { snapshot, history, fleet } = ctx;
  const advice = ctx.thresholds.advice;
  const switches = switchesSharing(server, fleet);
  const overChannels = server.channels_max > advice.maxChannels;
  const overCps = server.cps_max / switches > advice.maxCps;
  const busyMs = busyTimeMs(history.usage.get(server.id) ?? NO_SAMPLES, snapshot.at, advice);
  const busy = busyMs > advice.busyFraction * advice.windowHours * HOUR_MS;
  if (!overChannels && !overCps && !busy) return null;
  const reasons: string[] = [];
  if (overChannels) reasons.push(channelsLine(server, advice));
  if (overCps) reasons.push(cpsLine(server, switches, advice));
  if (busy) reasons.push(busyLine(busyMs, advice));
  const about = serverSubject(server, fleet.clusterOf(server));
  const spread = about.cluster
    ? `Add a server to cluster ${about.cluster.name} to spread the load.`
    : 'Deploy another server and cluster the two to spread the load.';
  return {
    rule: 'capacity-advice',
    ...about,
    severity: 'info',
    title: `Capacity advice · ${serverLabel(server)}`,
    lines: [...reasons, spread],
    values: { busyHours: busyMs / HOUR_MS, channelsMax: server.channels_max, cpsMax: server.cps_max },
  };
}

const SERVER_RULES = [adviceFinding] as const;

export function adviceFindings(ctx: RuleContext): Finding[] {
  return perServer(ctx, SERVER_RULES);
}
