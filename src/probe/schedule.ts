import type { Logger } from 'pino';
import type { Server } from '../domain/schemas.js';
import { emptyProbeHistory, nextProbeHistory, type ProbedServer, type ProbeHistory } from './history.js';
import { sipUdpTargets } from './targets.js';
import { DEFAULT_PROBE_THRESHOLDS } from './thresholds.js';
import type { Prober } from './types.js';

export interface ProbeScheduleOptions {
  prober: Prober;
  /** The fleet as the control plane lists it (`fleet.servers()`). */
  servers(): Promise<Server[]>;
  /** Time between the start of one round and the next (`config.probeIntervalMs`, more than 0). */
  intervalMs: number;
  log: Logger;
  now?: () => Date;
  /** Samples kept per port: what the rules' window needs. */
  keep?: number;
  /** Called after every round with the new history (tests wait on it). */
  onRound?(history: ProbeHistory): void;
}

export interface ProbeSchedule {
  /** The latest rounds, for `probeFindings` (src/probe/rules.ts). */
  readonly history: ProbeHistory;
  /** Stops the schedule; resolves once a round in flight has ended (within the prober's timeout). */
  stop(): Promise<void>;
}

/** Who is probed: the servers the control plane calls active, on every SIP UDP port they have. */
async function probeRound(prober: Prober, servers: readonly Server[]): Promise<ProbedServer[]> {
  const active = servers.filter((s) => s.status === 'active' && s.ip !== '');
  return Promise.all(
    active.map(async (server) => ({
      serverId: server.id,
      results: await Promise.all(sipUdpTargets(server).map((target) => prober.probe(target))),
    })),
  );
}

/**
 * Probes the fleet now and then every `intervalMs`. Rounds never overlap: a round that takes
 * longer than the interval delays the next. A round whose server list cannot be read is skipped
 * and the history kept, so a control plane outage does not read as every server unreachable.
 */
export function startProbeSchedule(options: ProbeScheduleOptions): ProbeSchedule {
  const { prober, intervalMs, log } = options;
  if (!(intervalMs > 0)) throw new RangeError(`the probe interval must be more than 0 ms, not ${intervalMs}`);
  const now = options.now ?? (() => new Date());
  const keep = options.keep ?? DEFAULT_PROBE_THRESHOLDS.window;
  let history = emptyProbeHistory();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();

  async function round(): Promise<void> {
    const at = now();
    const servers = await options.servers().catch((error: unknown) => {
      log.warn({ err: error }, 'SIP probe round skipped: the server list could not be read');
      return undefined;
    });
    if (!servers) return;
    history = nextProbeHistory(history, await probeRound(prober, servers), at, keep);
    options.onRound?.(history);
  }

  function tick(): void {
    const startedAt = performance.now();
    inFlight = round()
      .catch((error: unknown) => log.error({ err: error }, 'SIP probe round failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, Math.max(0, intervalMs - (performance.now() - startedAt)));
      });
  }

  tick();
  return {
    get history() {
      return history;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
