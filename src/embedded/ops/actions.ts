import { reactivationCheck } from '../../domain/balance.js';
import type { ServerAction } from '../../domain/schemas.js';
import { actionRefusal } from '../../domain/status.js';
import { conflict } from '../api-error.js';
import { type Plane, serverOr404 } from '../plane.js';
import { jobRule } from './job-rules.js';
import { shortfall } from './shortfall.js';
import { enterStatus } from './status-effects.js';

/** POST setup/server/:id/action: refuses what the state does not allow, else starts the job. */
export function runAction(plane: Plane, id: number, action: ServerAction): { job_id: number } {
  const server = serverOr404(plane, id);
  const refusal = actionRefusal(action, server.status, server.type);
  if (refusal) throw conflict(`${server.alias}: ${refusal}.`);
  if (action === 'reactivate') {
    const account = plane.account.get();
    const serversOnAccount = plane.servers.count();
    const check = reactivationCheck(account, serversOnAccount);
    if (!check.met)
      throw shortfall(`Reactivating ${server.alias}`, check, account, Math.max(0, serversOnAccount - 1));
  }
  const rule = jobRule(action);
  const job_id = plane.jobs.create({
    server_id: id,
    action,
    created: plane.time.iso(),
    duration_s: rule.seconds,
    prior_status: server.status,
  });
  if (rule.during) plane.servers.update(id, enterStatus(server.zone, rule.during));
  // Reactivation pays for the server: its lapsed test period no longer applies.
  if (action === 'reactivate') plane.servers.update(id, { expires: null });
  return { job_id };
}
