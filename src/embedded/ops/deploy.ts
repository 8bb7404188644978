import { deployCheck } from '../../domain/balance.js';
import type { DeployOk, DeployRequest } from '../../domain/schemas.js';
import { badRequest, conflict } from '../api-error.js';
import { defaultConfig, defaultLimits, NEW_SERVER_PEAK_SHARE } from '../fleet/defaults.js';
import type { Plane } from '../plane.js';
import { DEPLOY_ACTION, jobRule } from './job-rules.js';
import { shortfall } from './shortfall.js';

/** Checks a deploy the way the panel does, then creates the server and its delivery job. */
export function deployServer(plane: Plane, request: DeployRequest): Omit<DeployOk, 'status'> {
  const account = plane.account.get();
  if (!account.getting_started_done) {
    throw conflict('Finish the Getting Started checklist in the ConnexCS panel before deploying a server.');
  }
  const zone = plane.catalog.findZone(request.zone);
  if (!zone) {
    const zones = plane.catalog.zones().map((z) => z.name);
    throw badRequest(`zone: unknown zone "${request.zone}"; choose one of ${zones.join(', ')}.`);
  }
  const clusterId = request.cluster_id ?? null;
  if (clusterId !== null && !plane.catalog.findCluster(clusterId)) {
    throw badRequest(`cluster_id: there is no cluster ${clusterId}; GET setup/cluster lists them.`);
  }
  if (plane.servers.findIdByAlias(request.alias) !== undefined) {
    throw conflict(`alias: a server called "${request.alias}" already exists; choose another alias.`);
  }
  const serversOnAccount = plane.servers.count();
  const check = deployCheck(account, serversOnAccount);
  if (!check.met) throw shortfall('Deploying a server', check, account, serversOnAccount);

  const limits = defaultLimits(request.type);
  const sharedCps = clusterId === null ? undefined : plane.servers.clusterCpsMax(clusterId, -1);
  const id = plane.servers.insert({
    ip: '',
    alias: request.alias,
    type: request.type,
    cluster_id: clusterId,
    zone: zone.name,
    channels: 0,
    channels_max: limits.channels_max,
    cps: 0,
    cps_max: sharedCps ?? limits.cps_max,
    expires: null,
    status: 'deploying',
    stale: false,
    sip_latency_ms: null,
    icmp_latency_ms: null,
    config: defaultConfig(),
    uac_password_hash: null,
    peak_share: request.type === 'switch' ? NEW_SERVER_PEAK_SHARE : 0,
  });
  const job_id = plane.jobs.create({
    server_id: id,
    action: DEPLOY_ACTION,
    created: plane.time.iso(),
    duration_s: jobRule(DEPLOY_ACTION).seconds,
    prior_status: 'inactive',
  });
  return { id, job_id };
}
