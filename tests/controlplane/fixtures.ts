import type { Server } from '../../src/domain/schemas.js';
import { defaultConfig } from '../../src/domain/server-defaults.js';

/** A valid Server as the contract describes it, with `overrides` applied on top. */
export function aServer(id: number, overrides: Partial<Server> = {}): Server {
  return {
    id,
    ip: `10.0.0.${id}`,
    alias: `switch-${id}`,
    type: 'switch',
    cluster_id: null,
    zone: 'UK',
    channels: 10,
    channels_max: 1000,
    cps: 2,
    cps_max: 100,
    expires: null,
    status: 'active',
    stale: false,
    sip_latency_ms: 12,
    icmp_latency_ms: null,
    members: [],
    config: defaultConfig(),
    ...overrides,
  };
}

export const PASSWORD = 'pw-Very-Secret-42';
export const TOKEN = 'tok-Also-Secret-99';
