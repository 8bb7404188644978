import { badRequest, conflict, notFound } from '../api-error.js';
import { type Plane, serverOr404 } from '../plane.js';

function dispatcherOr409(plane: Plane, id: number) {
  const dispatcher = serverOr404(plane, id);
  if (dispatcher.type !== 'dispatcher') {
    throw conflict(`${dispatcher.alias} is a switch: only a dispatcher (load balancer) has members.`);
  }
  return dispatcher;
}

/** "Add Load Balancer": the dispatcher starts balancing the switch. */
export function addMember(plane: Plane, dispatcherId: number, switchId: number): void {
  const dispatcher = dispatcherOr409(plane, dispatcherId);
  const member = serverOr404(plane, switchId);
  if (member.type !== 'switch')
    throw badRequest(`server_id: ${member.alias} is a dispatcher; members must be switches.`);
  if (!plane.servers.addMember(dispatcherId, switchId)) {
    throw conflict(`${member.alias} is already a member of ${dispatcher.alias}.`);
  }
}

export function removeMember(plane: Plane, dispatcherId: number, switchId: number): void {
  const dispatcher = dispatcherOr409(plane, dispatcherId);
  if (!plane.servers.removeMember(dispatcherId, switchId)) {
    throw notFound(`Server ${switchId} is not a member of ${dispatcher.alias}.`);
  }
}
