import {
  AllowedMentionsTypes,
  type MessageMentionOptions,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord.js';
import type { DiscordMessage } from '../../render/discord.js';

/**
 * How Switchboard names a Discord message it may edit later (stored with a pending request):
 * `<channel id>/<message id>`, all the bot token needs to edit it through the channel.
 */
export const messageRef = (channelId: string, messageId: string) => `${channelId}/${messageId}`;

export function parseMessageRef(ref: string): { channelId: string; messageId: string } | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(ref);
  return match ? { channelId: match[1]!, messageId: match[2]! } : undefined;
}

/** Only people named in the content are notified: never @everyone, @here or a whole role. */
export const ALLOWED_MENTIONS = { parse: ['users'] } as const satisfies MessageMentionOptions;
/** The same, as the REST API spells it. */
export const API_ALLOWED_MENTIONS = { parse: [AllowedMentionsTypes.User] };

/**
 * A rendered reply as a REST body, without `flags`: a channel message is never ephemeral, and an
 * edit cannot change it. An edit clears the content when the new version has none, so it leaves
 * no mention of the version before.
 */
export function restBody(message: DiscordMessage, use: 'post' | 'edit'): RESTPostAPIChannelMessageJSONBody {
  const content = message.content ?? (use === 'edit' ? '' : undefined);
  return {
    ...(content === undefined ? {} : { content }),
    embeds: message.embeds,
    components: message.components,
    allowed_mentions: API_ALLOWED_MENTIONS,
  };
}

const interactionParts = (message: DiscordMessage) => ({
  embeds: message.embeds,
  components: message.components,
  allowedMentions: ALLOWED_MENTIONS,
});

/** The same, as discord.js takes it for interaction edits: a null content clears the earlier one. */
export const interactionEdit = (message: DiscordMessage) => ({
  ...interactionParts(message),
  content: message.content ?? null,
});

/** The same, as discord.js takes it for interaction replies and follow-ups. */
export const interactionPost = (message: DiscordMessage) => ({
  ...interactionParts(message),
  ...(message.content ? { content: message.content } : {}),
});
