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
   * Runs what a gesture asks once Slack has its ack. Never rejects: a failure is logged (the
   * router has already answered the person); stop() waits for the work still running.
   */
  afterAck(work: () => Promise<void>): Promise<void>;
}

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

/** Tracks the work started after acks, so shutting down can wait for it (bounded). */
export class AfterAck {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  run = (work: () => Promise<void>): Promise<void> => {
    // setImmediate runs once the requests already waiting have been read (and acked): a burst of
    // commands is acked in full before the first of them is worked on.
    const tracked = new Promise((resolve) => setImmediate(resolve))
      .then(work)
      .catch((error: unknown) => this.log.error({ err: error }, 'Slack gesture failed'));
    this.running.add(tracked);
    void tracked.finally(() => this.running.delete(tracked));
    return tracked;
  };

  async settled(maxMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const giveUp = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, maxMs);
    });
    await Promise.race([Promise.allSettled([...this.running]), giveUp]);
    clearTimeout(timer);
  }
}
