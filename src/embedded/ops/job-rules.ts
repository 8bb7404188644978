import { ServerAction, type ServerStatus } from '../../domain/schemas.js';
import { ACTION_RULES, DEPLOY_SECONDS } from '../../domain/status.js';

export const DEPLOY_ACTION = 'deploy';

export interface JobRule {
  during: ServerStatus | null;
  after: ServerStatus | null;
  seconds: number;
  /** Whose pending update the job applies: installs and deploys bring the latest script, a flush pushes it to the members too. */
  clearsStale: 'none' | 'server' | 'server-and-members';
}

const STALE_CLEARING: Partial<Record<string, JobRule['clearsStale']>> = {
  install: 'server',
  flush: 'server-and-members',
  [DEPLOY_ACTION]: 'server',
};

/** How a job of this action moves its server: the action rules of src/domain, plus deploys. */
export function jobRule(action: string): JobRule {
  const clearsStale = STALE_CLEARING[action] ?? 'none';
  if (action === DEPLOY_ACTION)
    return { during: 'deploying', after: 'active', seconds: DEPLOY_SECONDS, clearsStale };
  const { during, after, seconds } = ACTION_RULES[ServerAction.parse(action)];
  return { during, after, seconds, clearsStale };
}
