import { DEFAULT_PORTS } from '../domain/config-rules.js';
import type { Server } from '../domain/schemas.js';
import type { ProbeTarget } from './types.js';

/** The SIP UDP ports a server listens on: 5060, then its additional ports as configured. */
export function sipUdpPorts(server: Server): number[] {
  return [...new Set([DEFAULT_PORTS.udp, ...server.config.udp_ports])];
}

/** Every SIP UDP address of a server; none while it has no IP yet (a deploy not delivered). */
export function sipUdpTargets(server: Server): ProbeTarget[] {
  if (server.ip === '') return [];
  return sipUdpPorts(server).map((port) => ({ host: server.ip, port }));
}
