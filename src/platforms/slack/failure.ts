import type { Logger } from 'pino';
import { ControlPlaneError } from '../../controlplane/errors.js';
import { UserError } from '../../core/errors.js';
import { problem, type Reply } from '../../render/reply.js';

/**
 * What the asker sees when work done outside the router fails (opening the config form, the App
 * Home): the message of a UserError or ControlPlaneError as is, a logged generic line otherwise.
 */
export function failureReply(error: unknown, log: Logger, doing: string): Reply {
  if (error instanceof UserError) return problem(error.message, error.hint);
  if (error instanceof ControlPlaneError) {
    log.warn(
      { kind: error.kind, status: error.status, problem: error.message },
      `${doing}: control plane failed`,
    );
    return problem(error.message);
  }
  log.error({ err: error }, `${doing} failed`);
  return problem(`Something went wrong ${doing}; it has been logged.`);
}
