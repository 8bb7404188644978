import type { Reply } from '../render/reply.js';

/**
 * How the outbox reaches a channel on one surface. Implemented by each platform (Slack Web API,
 * Discord bot, Discord webhook, the console); the outbox handles order, retries and dedupe.
 */
export interface ChannelSender {
  /** Names the surface in subscriptions and outbox rows: 'slack', 'discord', 'discord-webhook', 'console'. */
  readonly surface: string;
  /** Posts a new message; returns its reference (Slack ts, Discord message id) for later edits. */
  post(channelId: string, reply: Reply): Promise<string>;
  /** Replaces a message posted earlier. */
  edit(channelId: string, messageRef: string, reply: Reply): Promise<void>;
  /** A short reply under a message (Slack thread, Discord reply); returns its reference. */
  replyTo(channelId: string, messageRef: string, reply: Reply): Promise<string>;
}

/**
 * What a sender throws when a delivery did not happen. `retryAfterMs` carries the platform's
 * Retry-After (429); `permanent` means trying again cannot help (unknown channel, no access).
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    message: string,
    readonly options: { retryAfterMs?: number; permanent?: boolean } = {},
  ) {
    super(message);
  }
}
