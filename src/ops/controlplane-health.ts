import type { RequestEvent } from '../controlplane/http.js';

/** An answer older than this no longer proves the control plane is there. */
export const ANSWER_FRESH_MS = 60_000;

/**
 * A status that shows the control plane is up and takes our credentials: any answer but a 5xx, a
 * 401 or a 403 (a 404 or 409 is the plane refusing one request, not the plane being gone).
 */
function isAnswer(status: number): boolean {
  return status > 0 && status < 500 && status !== 401 && status !== 403;
}

/**
 * Whether the control plane answered recently, learnt from the client's own requests (its
 * `onRequest` hook). When traffic has been quiet too long, the readiness check asks once itself.
 */
export class ControlPlaneHealth {
  private lastAnswerAt: number | undefined;
  private probing: Promise<void> | undefined;

  constructor(
    private readonly freshMs = ANSWER_FRESH_MS,
    private readonly now: () => number = Date.now,
  ) {}

  observe(event: RequestEvent): void {
    if (isAnswer(event.status)) this.lastAnswerAt = this.now();
  }

  answeredRecently(): boolean {
    return this.lastAnswerAt !== undefined && this.now() - this.lastAnswerAt <= this.freshMs;
  }

  /**
   * The readiness check: true on a recent answer; otherwise `probe` (a cheap read through the same
   * client, so `observe` sees its answer) runs, one at a time however often readiness is asked.
   */
  async check(probe: () => Promise<unknown>): Promise<boolean> {
    if (this.answeredRecently()) return true;
    this.probing ??= probe()
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.probing = undefined;
      });
    await this.probing;
    return this.answeredRecently();
  }
}
