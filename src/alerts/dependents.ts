import type { Server } from '../domain/schemas.js';
import type { FleetIndex } from './fleet-index.js';
import { serverLabel } from './format.js';

/**
 * What else in the fleet relies on this server: capacity failover pointing at it, dispatchers
 * balancing it. `when` says whether it is out of service now or will be once its test period ends.
 */
export function dependentLines(server: Server, fleet: FleetIndex, when: 'now' | 'then'): string[] {
  const lines: string[] = [];
  const failingOver = fleet.failingOverTo(server.id);
  if (failingOver.length) {
    const effect =
      when === 'now' ? 'their overflow calls have nowhere to go' : 'that failover stops working then';
    lines.push(`Capacity failover of ${failingOver.map(serverLabel).join(', ')} points at it: ${effect}.`);
  }
  const balancers = fleet.dispatchersOf(server.id);
  if (balancers.length) {
    const effect =
      when === 'now'
        ? 'calls are balanced over one switch fewer'
        : 'calls will be balanced over one switch fewer';
    const names = balancers.map(serverLabel).join(', ');
    lines.push(`It is a member of dispatcher ${names}: ${effect}.`);
  }
  return lines;
}
