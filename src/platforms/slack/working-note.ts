import type { Logger } from 'pino';
import type { Responder } from '../../core/invocation.js';
import type { Reply } from '../../render/reply.js';

/**
 * A responder that shows `note` (privately, through the same way back) when the first answer takes
 * longer than `afterMs`, so a slow control plane never leaves the asker looking at nothing. An
 * answer waits for a note already on its way, so the two arrive in order.
 */
export class WorkingNote implements Responder {
  private answered = false;
  private noting: Promise<unknown> | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly inner: Responder,
    note: Reply,
    afterMs: number,
    log: Logger,
  ) {
    this.timer = setTimeout(() => {
      if (this.answered) return;
      this.noting = inner
        .send({ ...note, private: true })
        .catch((error: unknown) => log.warn({ err: error }, 'could not show the working note'));
    }, afterMs);
  }

  async send(reply: Reply): Promise<string | undefined> {
    await this.answer();
    return this.inner.send(reply);
  }

  async edit(ref: string, reply: Reply): Promise<void> {
    await this.answer();
    return this.inner.edit(ref, reply);
  }

  /** The gesture is answered (or gave up): no note any more. */
  finish(): void {
    this.answered = true;
    clearTimeout(this.timer);
  }

  private async answer(): Promise<void> {
    this.finish();
    await this.noting;
  }
}
