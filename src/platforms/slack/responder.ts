import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { UserError } from '../../core/errors.js';
import type { Responder } from '../../core/invocation.js';
import { renderBlockKit, type SlackMessage } from '../../render/blockkit.js';
import type { Reply } from '../../render/reply.js';
import { messageRef, parseMessageRef } from './message-ref.js';
import { NOT_POSTABLE, slackErrorCode } from './slack-errors.js';

/** Where a gesture came from, and the ways back to the person who made it. */
export interface SlackConversation {
  client: WebClient;
  userId: string;
  /** Where cards are posted; absent for a click on the App Home. */
  channelId: string | undefined;
  /** The gesture's response_url (commands and clicks, not form submissions). */
  respond: RespondFn | undefined;
}

export const INVITE_HINT = 'Invite me with /invite @Switchboard, or run the command in a channel I am in.';

/**
 * Answers a gesture. Private replies go to the asker only (response_url, else chat.postEphemeral,
 * else the app's direct messages); the rest are posted in the channel with chat.postMessage and
 * named `channel:ts`, so approvals edit them with chat.update.
 */
export class SlackResponder implements Responder {
  constructor(private readonly conversation: SlackConversation) {}

  async send(reply: Reply): Promise<string | undefined> {
    const message = renderBlockKit(reply);
    if (reply.private === true) {
      await this.whisper(message);
      return undefined;
    }
    return this.post(message);
  }

  edit(ref: string, reply: Reply): Promise<void> {
    return updateMessage(this.conversation.client, ref, reply);
  }

  private async whisper(message: SlackMessage): Promise<void> {
    const { respond, client, channelId, userId } = this.conversation;
    if (respond) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...message });
      return;
    }
    if (channelId) {
      try {
        await client.chat.postEphemeral({ channel: channelId, user: userId, ...message });
        return;
      } catch (error) {
        if (!NOT_POSTABLE.has(slackErrorCode(error) ?? '')) throw error;
      }
    }
    // The app's own conversation with the person, always open to the bot.
    await client.chat.postMessage({ channel: userId, ...message });
  }

  private async post(message: SlackMessage): Promise<string> {
    const { client, channelId } = this.conversation;
    if (!channelId) throw new UserError('This posts a card for others to see: run it in a channel.');
    try {
      const posted = await client.chat.postMessage({ channel: channelId, ...message });
      return messageRef({ channel: posted.channel ?? channelId, ts: posted.ts! });
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && NOT_POSTABLE.has(code)) {
        throw new UserError(`I cannot post in this channel (Slack answered ${code}).`, INVITE_HINT);
      }
      throw error;
    }
  }
}

/**
 * Replaces a message this surface posted. Slack does not notify anyone of an edit, so a reply that
 * mentions people (a job has ended) is also posted under the message, where the mention notifies.
 */
export async function updateMessage(client: WebClient, ref: string, reply: Reply): Promise<void> {
  const address = parseMessageRef(ref);
  if (!address) throw new Error(`"${ref}" is not a Slack message reference`);
  const message = renderBlockKit(reply);
  await client.chat.update({ ...address, ...message });
  if ((reply.notify?.length ?? 0) > 0) {
    await client.chat.postMessage({ channel: address.channel, thread_ts: address.ts, ...message });
  }
}
