import { WebAPIRateLimitedError, type WebClient } from '@slack/web-api';
import { type ChannelSender, DeliveryError } from '../../alerts/sender.js';
import { renderBlockKit } from '../../render/blockkit.js';
import type { Reply } from '../../render/reply.js';
import { slackErrorCode } from './slack-errors.js';

/** Answers after which trying again cannot help: the channel, the message or the bot's access is gone. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'message_not_found',
  'cant_update_message',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'invalid_blocks',
  'msg_too_long',
]);

/**
 * Alerts to Slack channels: chat.postMessage, chat.update and thread replies. Message refs are
 * Slack's `ts`. The client must not retry (retries 0, rate-limited calls rejected): the outbox does
 * the retrying, honouring Slack's Retry-After.
 */
export class SlackChannelSender implements ChannelSender {
  readonly surface = 'slack';

  constructor(private readonly client: WebClient) {}

  async post(channelId: string, reply: Reply): Promise<string> {
    const posted = await this.call(() =>
      this.client.chat.postMessage({ channel: channelId, ...renderBlockKit(reply) }),
    );
    return posted.ts!;
  }

  async edit(channelId: string, messageRef: string, reply: Reply): Promise<void> {
    await this.call(() =>
      this.client.chat.update({ channel: channelId, ts: messageRef, ...renderBlockKit(reply) }),
    );
  }

  async replyTo(channelId: string, messageRef: string, reply: Reply): Promise<string> {
    const posted = await this.call(() =>
      this.client.chat.postMessage({ channel: channelId, thread_ts: messageRef, ...renderBlockKit(reply) }),
    );
    return posted.ts!;
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw deliveryError(error);
    }
  }
}

export function deliveryError(error: unknown): DeliveryError {
  if (error instanceof WebAPIRateLimitedError) {
    return new DeliveryError(`Slack rate limit: retry after ${error.retryAfter} s`, {
      retryAfterMs: error.retryAfter * 1000,
    });
  }
  const code = slackErrorCode(error);
  if (code !== undefined) {
    return new DeliveryError(`Slack answered ${code}`, { permanent: PERMANENT.has(code) });
  }
  return new DeliveryError(
    `Slack could not be reached: ${error instanceof Error ? error.message : String(error)}`,
  );
}
