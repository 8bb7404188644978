import { type REST, Routes } from 'discord.js';
import { z } from 'zod';
import { type ChannelSender, DeliveryError } from '../../alerts/sender.js';
import { renderDiscord } from '../../render/discord.js';
import type { Reply } from '../../render/reply.js';
import { deliveryErrorOf } from './delivery.js';
import { restBody } from './messages.js';

const PostedMessage = z.looseObject({ id: z.string().min(1) });

/**
 * Alerts posted by the bot into channels (DISCORD_ALERT_CHANNEL_ID, or any subscribed one), and
 * edited in place on resolve. `rest` must reject on rate limits (see botRest) so a 429 reaches
 * the outbox as retryAfterMs instead of waiting inside the client; the outbox does the retries.
 */
export function botChannelSender(rest: REST): ChannelSender {
  async function deliver(what: string, call: () => Promise<unknown>): Promise<unknown> {
    try {
      return await call();
    } catch (error) {
      throw deliveryErrorOf(what, error);
    }
  }
  const post = async (channelId: string, reply: Reply, reference?: string) => {
    const body = {
      ...restBody(renderDiscord(reply), 'post'),
      ...(reference ? { message_reference: { message_id: reference, fail_if_not_exists: false } } : {}),
    };
    const answer = await deliver('Discord bot post', () =>
      rest.post(Routes.channelMessages(channelId), { body }),
    );
    const parsed = PostedMessage.safeParse(answer);
    if (!parsed.success) throw new DeliveryError('Discord bot post: the answer had no message id');
    return parsed.data.id;
  };
  return {
    surface: 'discord',
    post: (channelId, reply) => post(channelId, reply),
    replyTo: (channelId, messageRef, reply) => post(channelId, reply, messageRef),
    async edit(channelId, messageRef, reply) {
      await deliver('Discord bot edit', () =>
        rest.patch(Routes.channelMessage(channelId, messageRef), {
          body: restBody(renderDiscord(reply), 'edit'),
        }),
      );
    },
  };
}
