import type { ServerConfig } from './schemas.js';

/** The config a freshly deployed server starts with: nothing extra on, updates applied automatically. */
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
