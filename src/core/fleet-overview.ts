import type { ControlPlane } from '../controlplane/port.js';
import { fleetOverview } from '../render/fleet-overview.js';
import type { Reply } from '../render/reply.js';
import type { Approvals } from './approvals.js';
import type { Fleet } from './fleet.js';

export interface FleetOverviewServices {
  fleet: Fleet;
  controlPlane: ControlPlane;
  approvals: Pick<Approvals, 'listPending'>;
  now(): Date;
}

/** The fleet overview, read live: what a surface shows on its home page. Throws ControlPlaneError. */
export async function loadFleetOverview(services: FleetOverviewServices): Promise<Reply> {
  const [servers, account] = await Promise.all([
    services.fleet.servers(),
    services.controlPlane.getAccount(),
  ]);
  return fleetOverview({ account, servers, pending: services.approvals.listPending(), now: services.now() });
}
