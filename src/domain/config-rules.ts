import type { Server, ServerConfig } from './schemas.js';

/** The config that results from applying a change: what the rules are checked against. */
export type EffectiveConfig = Omit<ServerConfig, 'uac_auth'> & { uac_user: string | null };

export const DEFAULT_PORTS = { udp: 5060, tcp: 5061, tls: 5061 } as const;

const PROTOCOLS = ['udp', 'tcp', 'tls'] as const;
type Protocol = (typeof PROTOCOLS)[number];

/** Problems that make a config impossible; the control plane answers 400 with the first one. */
export function configViolations(config: EffectiveConfig): string[] {
  const problems: string[] = [];
  if (config.webrtc && !config.fqdn) problems.push('WebRTC needs an FQDN: set fqdn first');
  if (config.tls && !config.fqdn) problems.push('TLS needs an FQDN: set fqdn first');
  if (config.tls_internals && !config.tls)
    problems.push('TLS internals only work in a TLS setup: turn tls on first');
  if (config.fqdn !== null && !isFqdn(config.fqdn)) {
    problems.push(`"${config.fqdn}" is not a fully qualified domain name (e.g. sip.example.com)`);
  }
  problems.push(...portViolations(config));
  return problems;
}

function portViolations(config: EffectiveConfig): string[] {
  const problems: string[] = [];
  const owner = new Map<number, Protocol>();
  for (const protocol of PROTOCOLS) {
    const ports = config[`${protocol}_ports`];
    const seen = new Set<number>();
    for (const port of ports) {
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        problems.push(`${protocol} port ${port} is out of range: ports are 1-65535`);
        continue;
      }
      if (seen.has(port)) problems.push(`${protocol} port ${port} is listed twice`);
      seen.add(port);
      const other = owner.get(port);
      if (other && other !== protocol) problems.push(`port ${port} is used by both ${other} and ${protocol}`);
      owner.set(port, protocol);
    }
  }
  return problems;
}

export function isFqdn(name: string): boolean {
  return (
    name.length <= 253 && /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(name)
  );
}

/** Why `target` cannot take `server`'s overflow, or null when it can. */
export function failoverRefusal(server: Server, target: Server): string | null {
  if (target.id === server.id) return 'a server cannot fail over to itself';
  if (server.cluster_id === null)
    return `${server.alias} is in no cluster: capacity failover needs a cluster`;
  if (target.cluster_id !== server.cluster_id)
    return `${target.alias} is not in the same cluster as ${server.alias}`;
  if (target.type !== 'switch') return `${target.alias} is a dispatcher: fail over to a switch`;
  return null;
}

/** Things an approver should know before confirming; none of them blocks the change. */
export function configCaveats(before: EffectiveConfig, after: EffectiveConfig, clustered: boolean): string[] {
  const turnedOn = (key: keyof EffectiveConfig) => after[key] === true && before[key] !== true;
  const caveats: string[] = [];
  if (turnedOn('webrtc')) caveats.push('WebRTC also needs a valid certificate for the FQDN.');
  if (turnedOn('tls')) caveats.push('TLS also needs a valid certificate for the FQDN.');
  if (turnedOn('tls_internals'))
    caveats.push('TLS internals encrypt traffic end to end; only used in TLS setups.');
  if (after.uac_location_sharing && clustered) {
    caveats.push('UAC location sharing is unnecessary inside a cluster: clustered servers already share it.');
  }
  if (turnedOn('tcp_sip_trace')) {
    caveats.push('TCP SIP trace captures every trace but can slow packet handling under heavy load.');
  }
  if (turnedOn('anyreg'))
    caveats.push('AnyReg is an experimental registrar: only turn it on if you know why.');
  if (turnedOn('auto_upgrade'))
    caveats.push('Auto upgrade applies updates only when the server carries zero channels.');
  return caveats;
}

/** Turning AnyReg on moves the whole change up to disruptive. */
export function configChangeIsDisruptive(before: EffectiveConfig, after: EffectiveConfig): boolean {
  return after.anyreg && !before.anyreg;
}

export function effectiveConfig(server: Server): EffectiveConfig {
  const { uac_auth, ...rest } = server.config;
  return { ...rest, uac_user: uac_auth?.username ?? null };
}
