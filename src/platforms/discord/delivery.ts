import { DiscordAPIError, RateLimitError } from 'discord.js';
import { DeliveryError } from '../../alerts/sender.js';

/** Statuses no retry can fix: a malformed message, a bad token, no access, a channel or webhook that is gone. */
const PERMANENT = new Set([400, 401, 403, 404]);

/** What one failed Discord answer means for the outbox: wait and retry, give up, or retry later. */
export function deliveryErrorFor(
  what: string,
  status: number,
  detail: string,
  retryAfterMs?: number,
): DeliveryError {
  if (status === 429) {
    const wait = retryAfterMs ?? 1_000;
    return new DeliveryError(`${what}: rate limited by Discord; retry in ${Math.ceil(wait / 1000)} s`, {
      retryAfterMs: wait,
    });
  }
  const message = `${what}: Discord answered ${status}${detail ? ` (${detail})` : ''}`;
  return new DeliveryError(message, PERMANENT.has(status) ? { permanent: true } : {});
}

/** A @discordjs/rest failure as a DeliveryError; the URL (which may carry a token) is never quoted. */
export function deliveryErrorOf(what: string, error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError) return deliveryErrorFor(what, 429, '', error.retryAfter);
  if (error instanceof DiscordAPIError) return deliveryErrorFor(what, error.status, error.message);
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number') return deliveryErrorFor(what, status, '');
  const reason = error instanceof Error ? error.name : 'unknown error';
  return new DeliveryError(`${what}: Discord could not be reached (${reason})`);
}
