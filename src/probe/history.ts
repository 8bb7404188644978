import type { ProbeResult } from './types.js';

/** One probe of one port, as the schedule saw it. */
export interface ProbeSample {
  at: Date;
  result: ProbeResult;
}

/**
 * What the probe rules read of the past: per server id, per SIP UDP port, the latest samples,
 * oldest first. Plain data; the schedule builds it with `nextProbeHistory` after every round.
 */
export type ProbeHistory = ReadonlyMap<number, ReadonlyMap<number, readonly ProbeSample[]>>;

/** What one round found for one server: a result per probed port. */
export interface ProbedServer {
  serverId: number;
  results: readonly ProbeResult[];
}

export function emptyProbeHistory(): ProbeHistory {
  return new Map();
}

/**
 * The history with a round added, each port keeping its last `keep` samples. Servers and ports
 * the round did not probe are dropped (a server no longer active starts afresh when it is again),
 * and so are samples of an address the server no longer has.
 */
export function nextProbeHistory(
  history: ProbeHistory,
  round: readonly ProbedServer[],
  at: Date,
  keep: number,
): ProbeHistory {
  const next = new Map<number, Map<number, ProbeSample[]>>();
  for (const { serverId, results } of round) {
    const before = history.get(serverId);
    const ports = new Map<number, ProbeSample[]>();
    for (const result of results) {
      const { host, port } = result.target;
      const kept = (before?.get(port) ?? []).filter((sample) => sample.result.target.host === host);
      ports.set(port, [...kept, { at, result }].slice(-keep));
    }
    next.set(serverId, ports);
  }
  return next;
}
