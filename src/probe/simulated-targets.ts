import { isIPv4 } from 'node:net';

const isLoopback = (host: string) => (isIPv4(host) && host.startsWith('127.')) || host === '::1';

/**
 * For a fleet simulated by the embedded control plane: its addresses are documentation ranges
 * that belong to nobody, so only a server pointed at this machine (a test's SIP peer) is probed.
 */
export function refuseSimulated(host: string): string | undefined {
  if (isLoopback(host)) return undefined;
  return `${host} is a server simulated by the embedded control plane: nothing answers SIP there, so Switchboard sends nothing to it`;
}
