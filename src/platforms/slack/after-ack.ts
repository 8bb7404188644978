import type { Logger } from 'pino';

/** Held work starts once no gesture has arrived for this long... */
const QUIET_MS = 20;
/** ...or this long after the first was held, whichever comes first. */
const MAX_HOLD_MS = 250;

/**
 * Runs the work of gestures after their acks, and tracks it so shutting down can wait (bounded).
 * Work starts once gestures stop arriving for a moment: a burst of commands is read and acked in
 * full before any of it is worked on, so the answers of the first never delay the acks of the last.
 */
export class AfterAck {
  private readonly running = new Set<Promise<void>>();
  private readonly held: (() => void)[] = [];
  private heldSince = 0;
  private release: NodeJS.Timeout | undefined;

  constructor(private readonly log: Logger) {}

  run = (work: () => Promise<void>): Promise<void> => {
    const tracked = this.quiet()
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

  private quiet(): Promise<void> {
    return new Promise((resolve) => {
      if (this.held.length === 0) this.heldSince = Date.now();
      this.held.push(resolve);
      clearTimeout(this.release);
      const holdLeftMs = MAX_HOLD_MS - (Date.now() - this.heldSince);
      this.release = setTimeout(() => this.releaseAll(), Math.max(0, Math.min(QUIET_MS, holdLeftMs)));
    });
  }

  private releaseAll(): void {
    for (const go of this.held.splice(0)) go();
  }
}
