import type { Server } from '../../src/domain/schemas.js';

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
    config: {
      fqdn: null,
      capacity_failover_id: null,
      uac_auth: null,
      webrtc: false,
      tls: false,
      tls_internals: false,
      auto_upgrade: true,
      disable_uac_ping: false,
      uac_location_sharing: false,
      us_eu: false,
      udp_ports: [],
      tcp_ports: [],
      tls_ports: [],
      tcp_sip_trace: false,
      anyreg: false,
    },
    ...overrides,
  };
}

export const PASSWORD = 'pw-Very-Secret-42';
export const TOKEN = 'tok-Also-Secret-99';
