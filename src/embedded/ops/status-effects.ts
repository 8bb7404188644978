import type { ServerStatus } from '../../domain/schemas.js';
import { carriesCalls } from '../../domain/status.js';
import { zoneFacts } from '../fleet/zones.js';
import type { ServerPatch } from '../store/servers-table.js';

/** Whether the control plane's SIP OPTIONS and pings get an answer in this status. */
export function answersProbes(status: ServerStatus): boolean {
  return status === 'active' || status === 'inactive';
}

/** What changes with a status: a server that stops carrying calls drops them, a silent one has no latency. */
export function enterStatus(zone: string, status: ServerStatus): ServerPatch {
  const patch: ServerPatch = { status };
  if (!carriesCalls(status)) Object.assign(patch, { channels: 0, cps: 0 });
  if (answersProbes(status)) {
    const facts = zoneFacts(zone);
    Object.assign(patch, { sip_latency_ms: facts.sipLatencyMs, icmp_latency_ms: facts.icmpLatencyMs });
  } else {
    Object.assign(patch, { sip_latency_ms: null, icmp_latency_ms: null });
  }
  return patch;
}
