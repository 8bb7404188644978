import { z } from 'zod';
import type { Account, Server } from '../domain/schemas.js';
import { decode, responseShape } from './decode.js';
import { HttpTransport } from './http.js';
import { type ControlPlaneClientOptions, transportConfig } from './options.js';
import { simPaths } from './paths.js';

export type SimServerPatch = Partial<
  Pick<
    Server,
    | 'ip'
    | 'channels'
    | 'channels_max'
    | 'cps'
    | 'cps_max'
    | 'status'
    | 'expires'
    | 'stale'
    | 'sip_latency_ms'
    | 'icmp_latency_ms'
  >
>;
export type SimAccountPatch = Partial<Pick<Account, 'balance' | 'getting_started_done'>>;
export interface SimFaults {
  latency_ms?: number;
  /** 0..1: the share of API requests answered with `status`. */
  error_rate?: number;
  status?: number;
}

// A `_sim/` answer echoes what it set (the faults' own `status` field among them), so all that
// is checked is that a JSON object came back.
const answered = responseShape(z.object({}), 'answer');

/**
 * The `_sim/` handle of the embedded control plane (demos, tests, benchmarks), over the same
 * transport and error handling as ControlPlaneClient. ConnexCS itself has no such paths.
 */
export class SimControl {
  private readonly http: HttpTransport;

  constructor(options: ControlPlaneClientOptions) {
    this.http = new HttpTransport(transportConfig(options));
  }

  /** Sets live fields exactly as given, with none of the side effects of a real status change. */
  setServer(id: number, patch: SimServerPatch): Promise<void> {
    return this.post(simPaths.server(id), patch);
  }

  setAccount(patch: SimAccountPatch): Promise<void> {
    return this.post(simPaths.account(), patch);
  }

  /** Replaces the whole fleet with `count` generated servers; the same seed gives the same fleet. */
  replaceFleet(count: number, seed = 1): Promise<void> {
    return this.post(simPaths.fleet(), { count, seed });
  }

  tick(seconds: number): Promise<void> {
    return this.post(simPaths.tick(), { seconds });
  }

  /** Faults apply to every API path but `_sim/` ones; `setFaults({})` clears them. */
  setFaults(faults: SimFaults): Promise<void> {
    return this.post(simPaths.faults(), faults);
  }

  setClock(clock: { running: boolean; speed?: number }): Promise<void> {
    return this.post(simPaths.clock(), clock);
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private async post(path: string, body: unknown): Promise<void> {
    decode(answered, await this.http.send('POST', path, body), { method: 'POST', path });
  }
}
