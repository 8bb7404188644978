import type { Server } from './schemas.js';

/** ConnexCS guidance: at most 1,000 channels and 100 CPS per server, run at 50% or less. */
export const GUIDANCE = { channels: 1000, cps: 100, comfortableShare: 0.5 } as const;

export function usageShare(used: number, max: number): number {
  return max > 0 ? used / max : 0;
}

export interface CapacitySummary {
  channels: number;
  channelsMax: number;
  cps: number;
  /** The limit that applies: shared by the whole cluster, or the server's own. */
  cpsMax: number;
  shared: boolean;
}

/**
 * The seed's CPS rule: a clustered limit is shared by the whole cluster (10 CPS means 10 in total),
 * an unclustered server's limit is its own. Channels always add up.
 */
export function clusterCapacity(members: readonly Server[]): CapacitySummary {
  const channels = members.reduce((sum, s) => sum + s.channels, 0);
  const channelsMax = members.reduce((sum, s) => sum + s.channels_max, 0);
  const cps = members.reduce((sum, s) => sum + s.cps, 0);
  const cpsMax = members.reduce((max, s) => Math.max(max, s.cps_max), 0);
  return { channels, channelsMax, cps, cpsMax, shared: true };
}

export function serverCapacity(server: Server): CapacitySummary {
  return {
    channels: server.channels,
    channelsMax: server.channels_max,
    cps: server.cps,
    cpsMax: server.cps_max,
    shared: server.cluster_id !== null,
  };
}
