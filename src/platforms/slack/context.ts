import type { Logger } from 'pino';
import type { App } from '../../app.js';
import type { Actor } from '../../core/invocation.js';
import type { SlackGroups } from './groups.js';

/** What every listener shares: the app, who is in which user group, and the work running after acks. */
export interface SlackContext {
  app: App;
  groups: SlackGroups;
  log: Logger;
  /** How long an answer may take before a "working" note appears. */
  workingNoteMs: number;
  /**
   * Runs what a gesture asks once Slack has its ack. Never rejects: a failure is logged; stop()
   * waits for the work still running.
   */
  afterAck(work: () => Promise<void>): Promise<void>;
}

/** Who made a gesture; their roles are the ids of the user groups the role variables name that they are in. */
export async function slackActor(
  ctx: SlackContext,
  user: { id: string; name?: string | undefined },
): Promise<Actor> {
  return {
    surface: 'slack',
    id: user.id,
    name: user.name || user.id,
    roles: await ctx.groups.rolesOf(user.id),
  };
}
