import type { Logger } from 'pino';
import type { Server } from '../domain/schemas.js';
import { emptyProbeHistory, type ProbeHistory } from './history.js';
import { type ProberOptions, SipProber } from './prober.js';
import { type ProbeSchedule, startProbeSchedule } from './schedule.js';

export interface ProbingOptions {
  /** `config.probeIntervalMs` (PROBE_SECONDS): 0 means no scheduled rounds; `/cx ping` works either way. */
  intervalMs: number;
  /** The fleet as the control plane lists it (`fleet.servers()`). */
  servers(): Promise<Server[]>;
  log: Logger;
  /** Prober timing and sockets; default: PROBE_DEFAULTS, listening on every address. */
  prober?: Omit<ProberOptions, 'log'>;
  /** Called after every scheduled round (tests wait on it). */
  onRound?(history: ProbeHistory): void;
}

/** What the app holds: the prober for `CommandContext.probe`, the history for the alert rules. */
export interface Probing {
  readonly prober: SipProber;
  /** Whether rounds run on a schedule (PROBE_SECONDS above 0). */
  readonly scheduled: boolean;
  /** The scheduled rounds so far; always empty when nothing is scheduled. */
  readonly history: ProbeHistory;
  /** Stops the schedule (a round in flight ends first), then the prober. */
  close(): Promise<void>;
}

export function startProbing(options: ProbingOptions): Probing {
  const prober = new SipProber({ ...options.prober, log: options.log });
  const schedule: ProbeSchedule | undefined =
    options.intervalMs > 0
      ? startProbeSchedule({
          prober,
          servers: options.servers,
          intervalMs: options.intervalMs,
          log: options.log,
          ...(options.onRound ? { onRound: options.onRound } : {}),
        })
      : undefined;
  const nothing = emptyProbeHistory();
  return {
    prober,
    scheduled: schedule !== undefined,
    get history() {
      return schedule?.history ?? nothing;
    },
    async close() {
      await schedule?.stop();
      await prober.close();
    },
  };
}
