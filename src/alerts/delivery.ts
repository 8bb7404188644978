import { z } from 'zod';
import type { Reply } from '../render/reply.js';
import { HOUR_MS, MINUTE_MS } from './format.js';
import { DeliveryError } from './sender.js';

/** How the outbox tries again: exponential backoff, the platform's Retry-After when it gives one. */
export interface RetryPolicy {
  /** The wait after the first failure; it doubles with each one after. */
  baseMs: number;
  maxMs: number;
  /** A message still undelivered this long after it was written is given up. */
  giveUpAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 1_000,
  maxMs: 5 * MINUTE_MS,
  giveUpAfterMs: 24 * HOUR_MS,
};

export type RetryDecision = { giveUp: true; reason: string } | { giveUp: false; at: Date; reason: string };

/** A sender's error as fit for the log and the outbox row (senders keep secrets out of messages). */
export function deliveryProblem(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function backoffMs(failures: number, policy: RetryPolicy): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
}

/**
 * After a failed attempt (`failures` counts it): when to try again, or that trying again cannot
 * help (a permanent error, or the message is too old to matter).
 */
export function afterFailure(
  error: unknown,
  failures: number,
  writtenAt: Date,
  now: Date,
  policy: RetryPolicy,
): RetryDecision {
  const reason = deliveryProblem(error);
  if (error instanceof DeliveryError && error.options.permanent) return { giveUp: true, reason };
  if (now.getTime() - writtenAt.getTime() >= policy.giveUpAfterMs) {
    return { giveUp: true, reason: `gave up after ${failures} attempts: ${reason}` };
  }
  const retryAfter = error instanceof DeliveryError ? error.options.retryAfterMs : undefined;
  const waitMs = retryAfter !== undefined && retryAfter >= 0 ? retryAfter : backoffMs(failures, policy);
  return { giveUp: false, at: new Date(now.getTime() + waitMs), reason };
}

const StoredReply = z.looseObject({
  tone: z.enum(['neutral', 'info', 'success', 'warning', 'danger']),
  blocks: z.array(z.looseObject({ kind: z.string() })),
});

/** An outbox row's Reply, checked for the shape every renderer expects. */
export function storedReply(value: unknown): Reply {
  const parsed = StoredReply.safeParse(value);
  if (!parsed.success) throw new DeliveryError('the stored message is not a Reply', { permanent: true });
  return parsed.data as Reply;
}
