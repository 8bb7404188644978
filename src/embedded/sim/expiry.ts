import { enterStatus } from '../ops/status-effects.js';
import type { Plane } from '../plane.js';

function expire(plane: Plane, ids: readonly number[]): void {
  for (const id of ids) {
    const server = plane.servers.get(id);
    if (server) plane.servers.update(id, enterStatus(server.zone, 'expired'));
  }
}

/** Servers whose test period has ended stop. */
export function expireLapsedServers(plane: Plane): void {
  expire(plane, plane.servers.idsExpiringBy(plane.time.iso()));
}

/** An unpaid account: every server shows "expired" until it is reactivated. */
export function expireEveryServer(plane: Plane): void {
  expire(plane, plane.servers.idsWhereStatusNot('expired'));
}
