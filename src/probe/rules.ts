import { aboutServer, alertKey, type Finding, type Severity, type Subject } from '../alerts/findings.js';
import { numberText, serverLabel } from '../alerts/format.js';
import { heldNote, levelFor } from '../alerts/levels.js';
import type { Snapshot } from '../alerts/snapshot.js';
import type { Server } from '../domain/schemas.js';
import type { ProbeHistory, ProbeSample } from './history.js';
import { DEFAULT_PROBE_THRESHOLDS, type ProbeThresholds } from './thresholds.js';

/*
 * Rules on Switchboard's own SIP probes, which see a server as its customers do: from outside.
 * - probe-unreachable: an active server (by the control plane) whose probes go unanswered.
 *   The value is the worst port's unanswered probes among its last `window` (5): warning from 3,
 *   so 3 in a row always raise it, critical when none of the 5 was answered. A firing alert holds
 *   down to its level's exit (warning clears below 2 of 5, critical drops back below 4 of 5), so a
 *   lossy path does not flap.
 * - probe-latency: the worst port's median round trip over the window's answers, with the
 *   control plane's SIP latency levels (warning from 250 ms, clears below 200; critical from
 *   1,000 ms, back to warning below 800).
 * Only servers the control plane calls active are judged; health-status covers the others.
 */

interface PortWindow {
  port: number;
  recent: readonly ProbeSample[];
  misses: number;
}

function windowsOf(ports: ReadonlyMap<number, readonly ProbeSample[]>, window: number): PortWindow[] {
  return [...ports]
    .sort(([a], [b]) => a - b)
    .map(([port, samples]) => {
      const recent = samples.slice(-window);
      return { port, recent, misses: recent.filter((s) => s.result.outcome !== 'answered').length };
    });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function roundTrips(recent: readonly ProbeSample[]): number[] {
  return recent.flatMap((s) => (s.result.outcome === 'answered' ? [s.result.rttMs] : []));
}

function ms(value: number): string {
  return `${numberText(Math.round(value))} ms`;
}

function portLine({ port, recent, misses }: PortWindow): string {
  const latest = recent.at(-1)?.result;
  if (latest?.outcome === 'answered' && misses === 0) {
    return `UDP ${port}: answers (median ${ms(median(roundTrips(recent)))}, ${latest.statusLine}).`;
  }
  const count =
    misses === recent.length
      ? `no answer to the last ${recent.length} OPTIONS`
      : `${misses} of the last ${recent.length} OPTIONS unanswered`;
  const why = latest?.outcome === 'error' ? ` (the last one could not be sent: ${latest.message})` : '';
  return `UDP ${port}: ${count}${why}.`;
}

function insideLine(server: Server): string {
  const inside = server.sip_latency_ms;
  const measured = inside === null ? '' : ` and gets SIP answers in ${ms(inside)} from inside`;
  return `The control plane says it is active${measured}: look at what lies between the outside and the server (firewall, routing, the provider's network).`;
}

/** Silent ports answered none of their window's probes; a server silent on every port is unreachable. */
function unreachableTitle(server: Server, ports: readonly PortWindow[]): string {
  const silent = ports.filter((p) => p.misses === p.recent.length);
  if (silent.length === ports.length) return `${serverLabel(server)} does not answer SIP from outside`;
  if (silent.length === 0) return `${serverLabel(server)} misses SIP probes from outside`;
  return `${serverLabel(server)} does not answer SIP from outside on UDP ${silent.map((p) => p.port).join(', ')}`;
}

function unreachableFinding(
  server: Server,
  about: Subject,
  ports: PortWindow[],
  previous: ReadonlyMap<string, Severity>,
  thresholds: ProbeThresholds,
): Finding | null {
  const worst = Math.max(...ports.map((p) => p.misses));
  const levels = thresholds.misses;
  const severity = levelFor(worst, previous.get(alertKey('probe-unreachable', about.subject)), levels);
  if (!severity) return null;
  const lines = [...ports.map(portLine), insideLine(server)];
  if (worst < levels[severity].enter) {
    lines.push(
      `It answers more often again; the alert holds until fewer than ${levels[severity].exit} of the last ${thresholds.window} probes of a port go unanswered.`,
    );
  }
  return {
    rule: 'probe-unreachable',
    ...about,
    severity,
    title: unreachableTitle(server, ports),
    lines,
    values: { missedProbes: worst, window: thresholds.window },
  };
}

function insideComparison(server: Server, outside: number): string | null {
  const inside = server.sip_latency_ms;
  if (inside === null) return null;
  return inside < outside / 2
    ? `The control plane gets answers in ${ms(inside)} from inside: the server is quick, the path from outside is slow.`
    : `The control plane measures ${ms(inside)} too: the server itself answers slowly.`;
}

function latencyFinding(
  server: Server,
  about: Subject,
  ports: PortWindow[],
  previous: ReadonlyMap<string, Severity>,
  thresholds: ProbeThresholds,
): Finding | null {
  const medians = ports.flatMap((p) => {
    const trips = roundTrips(p.recent);
    return trips.length ? [{ port: p.port, median: median(trips), answers: trips.length }] : [];
  });
  const worst = medians.reduce<(typeof medians)[number] | undefined>(
    (slowest, m) => (slowest === undefined || m.median > slowest.median ? m : slowest),
    undefined,
  );
  if (!worst) return null;
  const levels = thresholds.latencyMs;
  const severity = levelFor(worst.median, previous.get(alertKey('probe-latency', about.subject)), levels);
  if (!severity) return null;
  const others = medians.filter((m) => m !== worst).map((m) => `UDP ${m.port} ${ms(m.median)}`);
  const lines = [
    `SIP OPTIONS from outside take ${ms(worst.median)} on UDP ${worst.port} (median of the last ${worst.answers} answers; ${severity} from ${levels[severity].enter} ms).`,
    ...(others.length ? [`Other ports: ${others.join(', ')}.`] : []),
    insideComparison(server, worst.median),
    heldNote(worst.median, severity, levels, ' ms'),
  ].filter((line) => line !== null);
  return {
    rule: 'probe-latency',
    ...about,
    severity,
    title: `SIP latency from outside ${severity} · ${serverLabel(server)} at ${ms(worst.median)}`,
    lines,
    values: { probeLatencyMs: worst.median },
  };
}

/**
 * The probe findings that hold now, in fleet order. `snapshot` is the alert poller's (the control
 * plane's view), `history` the probe schedule's; `previous` maps `alertKey(rule, subject)` to the
 * severity held at the last evaluation, as for `evaluate` in src/alerts/rules.ts. Pure.
 */
export function probeFindings(
  snapshot: Pick<Snapshot, 'servers' | 'clusters'>,
  history: ProbeHistory,
  previous: ReadonlyMap<string, Severity>,
  thresholds: ProbeThresholds = DEFAULT_PROBE_THRESHOLDS,
): Finding[] {
  return snapshot.servers.flatMap((server) => {
    const probed = history.get(server.id);
    if (server.status !== 'active' || !probed || probed.size === 0) return [];
    const about = aboutServer(server, snapshot.clusters);
    const ports = windowsOf(probed, thresholds.window);
    return [
      unreachableFinding(server, about, ports, previous, thresholds),
      latencyFinding(server, about, ports, previous, thresholds),
    ].filter((finding) => finding !== null);
  });
}

/**
 * The alert poller's entry in `findingSources` (src/alerts/start.ts): the probe rules on the
 * schedule's latest history, judged on each poll's snapshot.
 */
export function probeFindingSource(
  schedule: { readonly history: ProbeHistory },
  thresholds: ProbeThresholds = DEFAULT_PROBE_THRESHOLDS,
): (snapshot: Pick<Snapshot, 'servers' | 'clusters'>, previous: ReadonlyMap<string, Severity>) => Finding[] {
  return (snapshot, previous) => probeFindings(snapshot, schedule.history, previous, thresholds);
}
