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

/**
 * Runs the work of gestures after their acks, and tracks it so shutting down can wait (bounded).
 * One piece of work starts per turn of the event loop: between two starts Node reads the requests
 * waiting on its sockets, so a burst of commands is acked before it is worked on.
 */
export class AfterAck {
  private readonly running = new Set<Promise<void>>();
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly log: Logger) {}

  run = (work: () => Promise<void>): Promise<void> => {
    const tracked = this.turn()
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

  /** Resolves on a later turn of the event loop than any start before it. */
  private turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (this.waiting.length === 1) this.releaseNext();
    });
  }

  private releaseNext(): void {
    // An immediate queued from an immediate runs on the next turn, after that turn's I/O.
    setImmediate(() => {
      this.waiting.shift()?.();
      if (this.waiting.length > 0) this.releaseNext();
    });
  }
}
