/**
 * Every path of the control-plane API, relative to the base URL (shared/docs/CONTROL-PLANE-API.md).
 * Only some of them are confirmed against ConnexCS: when a real path turns out to differ, this is the
 * one file that changes.
 */

/** An id in a path: a non-negative integer, so a stray NaN or "5/../x" can never reach the URL. */
function segment(id: number): string {
  if (!Number.isSafeInteger(id) || id < 0) throw new TypeError(`not a record id: ${id}`);
  return String(id);
}

export const paths = {
  servers: () => 'setup/server',
  server: (id: number) => `setup/server/${segment(id)}`,
  serverAction: (id: number) => `setup/server/${segment(id)}/action`,
  serverMembers: (dispatcherId: number) => `setup/server/${segment(dispatcherId)}/member`,
  serverMember: (dispatcherId: number, switchId: number) =>
    `setup/server/${segment(dispatcherId)}/member/${segment(switchId)}`,
  jobs: () => 'setup/job',
  job: (id: number) => `setup/job/${segment(id)}`,
  clusters: () => 'setup/cluster',
  rtpServers: () => 'setup/rtp',
  zones: () => 'setup/zone',
  account: () => 'setup/account',
} as const;

/** The simulation handle: embedded control plane only (demos, tests, benchmarks). */
export const simPaths = {
  server: (id: number) => `_sim/server/${segment(id)}`,
  account: () => '_sim/account',
  fleet: () => '_sim/fleet',
  tick: () => '_sim/tick',
  faults: () => '_sim/faults',
  clock: () => '_sim/clock',
} as const;
