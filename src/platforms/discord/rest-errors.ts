import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';

/**
 * A Discord REST failure fit for a log line: the URL of an interaction call holds the
 * interaction's token, so the error is rebuilt from its status and Discord's message alone.
 */
export function withoutSecrets(error: unknown): unknown {
  if (error instanceof DiscordAPIError) {
    return new Error(
      `Discord answered ${error.status} to ${error.method}: ${error.message} (code ${error.code})`,
    );
  }
  if (error instanceof HTTPError) return new Error(`Discord answered ${error.status} to ${error.method}`);
  if (error instanceof RateLimitError) {
    return new Error(`Discord rate limit on ${error.method} ${error.route}: retry in ${error.retryAfter} ms`);
  }
  return error;
}

/** Runs a Discord call, rethrowing its failure without secrets (the router logs what it catches). */
export async function safely<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw withoutSecrets(error);
  }
}
