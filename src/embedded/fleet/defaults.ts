import { GUIDANCE } from '../../domain/capacity.js';
import type { ServerConfig, ServerType } from '../../domain/schemas.js';

/** The config a freshly deployed server starts with. */
export function defaultConfig(): ServerConfig {
  return {
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
  };
}

/** Dispatchers carry signalling only: no channels of their own, a higher CPS ceiling. */
export const DISPATCHER_CPS_MAX = 150;

export function defaultLimits(type: ServerType): { channels_max: number; cps_max: number } {
  return type === 'dispatcher'
    ? { channels_max: 0, cps_max: DISPATCHER_CPS_MAX }
    : { channels_max: GUIDANCE.channels, cps_max: GUIDANCE.cps };
}

/** Share of channels a new switch reaches at the daily peak once customers route to it. */
export const NEW_SERVER_PEAK_SHARE = 0.3;
