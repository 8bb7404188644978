import type { ServerAction, ServerStatus, ServerType } from './schemas.js';

/** Statuses in which a job is running: no other action may start. */
export const BUSY_STATUSES: readonly ServerStatus[] = [
  'deploying',
  'installing',
  'starting',
  'stopping',
  'restarting',
  'rebooting',
];

export function isBusy(status: ServerStatus): boolean {
  return BUSY_STATUSES.includes(status);
}

/** Whether the server processes calls in this status. */
export function carriesCalls(status: ServerStatus): boolean {
  return status === 'active';
}

interface ActionRule {
  from: readonly ServerStatus[];
  /** Status while the job runs. */
  during: ServerStatus | null;
  /** Status once the job is done. */
  after: ServerStatus | null;
  /** Simulated duration of the job, seconds. */
  seconds: number;
  dispatcherOnly?: boolean;
}

export const ACTION_RULES: Record<ServerAction, ActionRule> = {
  install: { from: ['active', 'inactive', 'stopped'], during: 'installing', after: 'active', seconds: 120 },
  start: { from: ['stopped', 'inactive'], during: 'starting', after: 'active', seconds: 30 },
  stop: { from: ['active', 'inactive'], during: 'stopping', after: 'stopped', seconds: 30 },
  restart: { from: ['active', 'inactive'], during: 'restarting', after: 'active', seconds: 60 },
  'os-cycle': { from: ['active', 'inactive', 'stopped'], during: 'rebooting', after: 'active', seconds: 90 },
  'power-cycle': {
    from: ['active', 'inactive', 'stopped'],
    during: 'rebooting',
    after: 'active',
    seconds: 45,
  },
  reactivate: { from: ['expired'], during: 'starting', after: 'active', seconds: 60 },
  flush: { from: ['active', 'inactive'], during: null, after: null, seconds: 10, dispatcherOnly: true },
};

export const DEPLOY_SECONDS = 300;

/** Why an action cannot run on a server in this state, or null when it can. */
export function actionRefusal(action: ServerAction, status: ServerStatus, type: ServerType): string | null {
  const rule = ACTION_RULES[action];
  if (rule.dispatcherOnly && type !== 'dispatcher') {
    return `${action} works on dispatchers only; this server is a switch`;
  }
  if (rule.from.includes(status)) return null;
  if (isBusy(status)) return `the server is ${status}: wait for its current job to finish`;
  if (status === 'expired') return 'the server has expired: reactivate it first';
  if (action === 'reactivate') return `only expired servers can be reactivated; this one is ${status}`;
  return `cannot ${action} a server that is ${status} (allowed when ${rule.from.join(' or ')})`;
}
