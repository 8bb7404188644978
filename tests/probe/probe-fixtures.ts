import type { Server } from '../../src/domain/schemas.js';
import type { ProbeHistory, ProbeSample } from '../../src/probe/history.js';
import type { ProbeResult, ProbeTarget } from '../../src/probe/types.js';
import { NOW } from '../alerts/rules-fixtures.js';

/** What one probe found, before it knows its target: `answered(12)`, `lost`, `failed('EHOSTUNREACH')`. */
export type Outcome = (target: ProbeTarget) => ProbeResult;

export const answered =
  (rttMs: number, statusLine = 'SIP/2.0 200 OK'): Outcome =>
  (target) => ({
    outcome: 'answered',
    target,
    rttMs,
    status: Number(statusLine.split(' ')[1]),
    statusLine,
    transmissions: 1,
  });

export const lost: Outcome = (target) => ({ outcome: 'timeout', target, waitedMs: 4_000, transmissions: 4 });

export const failed =
  (message: string): Outcome =>
  (target) => ({ outcome: 'error', target, message });

/** A probe history of `server`: per port, its outcomes oldest first, one round a minute up to NOW. */
export function historyOf(...entries: [server: Server, ports: Record<number, Outcome[]>][]): ProbeHistory {
  return new Map(
    entries.map(([server, ports]) => [
      server.id,
      new Map(
        Object.entries(ports).map(([port, outcomes]) => [
          Number(port),
          outcomes.map(
            (outcome, i): ProbeSample => ({
              at: new Date(NOW.getTime() - (outcomes.length - 1 - i) * 60_000),
              result: outcome({ host: server.ip, port: Number(port) }),
            }),
          ),
        ]),
      ),
    ]),
  );
}
