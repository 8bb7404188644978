import { DEFAULT_PORTS } from '../domain/config-rules.js';
import type { Server, ServerConfig } from '../domain/schemas.js';

/** A server's config as label/value pairs, with the notes from the Servers page beside each. */

const onOff = (on: boolean, noteWhenOn?: string, noteWhenOff?: string) => {
  const note = on ? noteWhenOn : noteWhenOff;
  return note ? `${on ? 'on' : 'off'} (${note})` : on ? 'on' : 'off';
};

/** "carrier1 · password set"; the password itself is never read back, only whether one is set. */
export function uacAuthText(auth: ServerConfig['uac_auth']): string {
  if (auth === null) return 'off';
  return `user ${auth.username} · ${auth.password_set ? 'password set' : 'no password'}`;
}

/** "5060 (default)" or "5060 (default) + 5080, 5090". */
export function portsText(defaultPort: number, extra: readonly number[]): string {
  const base = `${defaultPort} (default)`;
  return extra.length > 0 ? `${base} + ${[...extra].sort((a, b) => a - b).join(', ')}` : base;
}

export function configFields(server: Server): Record<string, string> {
  const config = server.config;
  const noFqdn = config.fqdn === null ? 'needs an FQDN first' : undefined;
  return {
    FQDN: config.fqdn ?? 'not set (TLS and WebRTC need one)',
    'UAC auth': uacAuthText(config.uac_auth),
    WebRTC: onOff(config.webrtc, undefined, noFqdn),
    TLS: onOff(config.tls, undefined, noFqdn),
    'TLS internals': onOff(config.tls_internals, 'end to end', config.tls ? undefined : 'only in TLS setups'),
    'Auto upgrade': onOff(config.auto_upgrade, 'applies updates at zero channels'),
    'UAC ping': config.disable_uac_ping ? 'off (disabled: no UAC latency details)' : 'on',
    'UAC location sharing': onOff(
      config.uac_location_sharing,
      server.cluster_id !== null ? 'unnecessary: the cluster already shares locations' : undefined,
    ),
    'US/EU': onOff(config.us_eu, 'serviced by the US zone, failover to EU'),
    'UDP ports': portsText(DEFAULT_PORTS.udp, config.udp_ports),
    'TCP ports': portsText(DEFAULT_PORTS.tcp, config.tcp_ports),
    'TLS ports': portsText(DEFAULT_PORTS.tls, config.tls_ports),
    'TCP SIP trace': onOff(config.tcp_sip_trace, 'every trace kept; may slow packets under heavy load'),
    AnyReg: onOff(config.anyreg, 'experimental registrar'),
  };
}
