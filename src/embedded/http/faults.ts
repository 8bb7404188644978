import { z } from 'zod';
import { errorReply, type Reply } from './reply.js';

export const FaultSettings = z.strictObject({
  latency_ms: z.number().int().min(0).max(60_000).default(0),
  error_rate: z.number().min(0).max(1).default(0),
  status: z.number().int().min(400).max(599).default(500),
});
export type FaultSettings = z.infer<typeof FaultSettings>;

/** Statuses after which a client is told when to come back. */
const RETRY_AFTER_STATUSES = new Set([429, 503]);

/** `_sim/faults`: a slow and/or failing API, for testing clients' timeouts and retries. */
export class Faults {
  private current: FaultSettings = FaultSettings.parse({});
  private readonly waiting = new Set<NodeJS.Timeout>();

  constructor(private readonly random: () => number = Math.random) {}

  set(settings: FaultSettings): FaultSettings {
    this.current = settings;
    return this.current;
  }

  /** Waits the configured latency, then answers the injected error, or undefined to go on. */
  async apply(): Promise<Reply | undefined> {
    const { latency_ms, error_rate, status } = this.current;
    if (latency_ms > 0) await this.wait(latency_ms);
    if (error_rate === 0 || this.random() >= error_rate) return undefined;
    const headers: Record<string, string> = RETRY_AFTER_STATUSES.has(status) ? { 'retry-after': '1' } : {};
    return errorReply(status, `Simulated failure (status ${status}) injected with _sim/faults.`, headers);
  }

  /** Drops the pending delays: their requests never answer, their sockets are being closed. */
  close(): void {
    for (const timer of this.waiting) clearTimeout(timer);
    this.waiting.clear();
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(timer);
        resolve();
      }, ms);
      this.waiting.add(timer);
    });
  }
}
