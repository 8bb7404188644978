import { DiscordAPIError, type REST, Routes } from 'discord.js';
import type { Logger } from 'pino';
import { renderDiscord } from '../../render/discord.js';
import type { Reply } from '../../render/reply.js';
import { API_ALLOWED_MENTIONS, interactionEdit, parseMessageRef, restBody } from './messages.js';
import { withoutSecrets } from './rest-errors.js';

type InteractionBody = ReturnType<typeof interactionEdit>;

/** The interaction a card came from, while its token lives: a way to the card without the channel. */
export interface InteractionRoute {
  edit(body: InteractionBody): Promise<unknown>;
  /** A short public message of text only. */
  followUp(content: string): Promise<unknown>;
}

const PING = '⬆ the card was updated';

/** The bot cannot see the channel, or the message is not one the channel shows to it (ephemeral). */
const isOutOfReach = (error: unknown) =>
  error instanceof DiscordAPIError && (error.status === 403 || error.status === 404);

/**
 * Edits cards (confirmation cards, job progress) with the bot token, by channel and message id,
 * so an edit works long after the 15 minutes an interaction token lives. When the channel is out
 * of the bot's reach, the card's own interaction (still fresh) is used instead. Edits never
 * notify anyone, so a version that mentions people (a job ended) is followed by a short reply
 * that does.
 */
export class CardMessages {
  constructor(
    private readonly rest: REST,
    private readonly log: Logger,
  ) {}

  async edit(ref: string, reply: Reply, interaction?: InteractionRoute): Promise<void> {
    const target = parseMessageRef(ref);
    if (!target) throw new Error(`"${ref}" is not a Discord message reference (channel/message)`);
    const message = renderDiscord(reply);
    try {
      await this.rest.patch(Routes.channelMessage(target.channelId, target.messageId), {
        body: restBody(message, 'edit'),
      });
    } catch (error) {
      if (!interaction || !isOutOfReach(error)) throw error;
      await interaction.edit(interactionEdit(message));
      if (message.content) await interaction.followUp(`${message.content} ${PING}`);
      return;
    }
    if (message.content) await this.ping(target.channelId, target.messageId, message.content);
  }

  private async ping(channelId: string, messageId: string, mentions: string): Promise<void> {
    try {
      await this.rest.post(Routes.channelMessages(channelId), {
        body: {
          content: `${mentions} ${PING}`,
          message_reference: { message_id: messageId, fail_if_not_exists: false },
          allowed_mentions: API_ALLOWED_MENTIONS,
        },
      });
    } catch (error) {
      this.log.warn({ err: withoutSecrets(error), channelId }, 'could not notify about an updated card');
    }
  }
}
