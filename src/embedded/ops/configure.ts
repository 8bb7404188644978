import { randomBytes, scryptSync } from 'node:crypto';
import { configViolations, effectiveConfig, failoverRefusal } from '../../domain/config-rules.js';
import type { Server, ServerConfig, ServerUpdate } from '../../domain/schemas.js';
import { badRequest } from '../api-error.js';
import { type Plane, serverOr404 } from '../plane.js';
import type { ServerPatch } from '../store/servers-table.js';

/** Only a salted hash is kept: enough to say a password was set, useless to read it back. */
function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `scrypt:${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`;
}

function nextUacAuth(
  current: ServerConfig['uac_auth'],
  update: ServerUpdate['uac_auth'],
): ServerConfig['uac_auth'] {
  if (update === undefined) return current;
  if (update === null) return null;
  return { username: update.username, password_set: update.password.length > 0 };
}

function checkFailover(plane: Plane, before: Server, after: Server): void {
  const targetId = after.config.capacity_failover_id;
  const changed = targetId !== before.config.capacity_failover_id || after.cluster_id !== before.cluster_id;
  if (targetId === null || !changed) return;
  const target = plane.servers.get(targetId);
  if (!target) throw badRequest(`capacity_failover_id: there is no server ${targetId}.`);
  const refusal = failoverRefusal(after, target);
  if (refusal) throw badRequest(`capacity_failover_id: ${refusal}.`);
}

/** PUT setup/server/:id: applies a partial config once every rule of src/domain holds for the result. */
export function updateServer(plane: Plane, id: number, update: ServerUpdate): void {
  const before = serverOr404(plane, id);
  const { cluster_id, uac_auth, ...configChange } = update;
  if (cluster_id !== undefined && cluster_id !== null && !plane.catalog.findCluster(cluster_id)) {
    throw badRequest(`cluster_id: there is no cluster ${cluster_id}; GET setup/cluster lists them.`);
  }
  const config: ServerConfig = {
    ...before.config,
    ...configChange,
    uac_auth: nextUacAuth(before.config.uac_auth, uac_auth),
  };
  const after: Server = {
    ...before,
    cluster_id: cluster_id === undefined ? before.cluster_id : cluster_id,
    config,
  };
  const [problem] = configViolations(effectiveConfig(after));
  if (problem) throw badRequest(problem);
  checkFailover(plane, before, after);

  const patch: ServerPatch = { config, cluster_id: after.cluster_id };
  if (uac_auth !== undefined)
    patch.uac_password_hash = uac_auth?.password ? hashPassword(uac_auth.password) : null;
  if (after.cluster_id !== null && after.cluster_id !== before.cluster_id) {
    // A clustered CPS limit is the cluster's: a newcomer takes the one its members share.
    patch.cps_max = plane.servers.clusterCpsMax(after.cluster_id, id) ?? before.cps_max;
  }
  plane.servers.update(id, patch);
}
