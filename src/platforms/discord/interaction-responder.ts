import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Message,
  MessageFlags,
} from 'discord.js';
import type { Responder } from '../../core/invocation.js';
import { renderDiscord } from '../../render/discord.js';
import type { Reply } from '../../render/reply.js';
import type { CardMessages, InteractionRoute } from './card-messages.js';
import { ALLOWED_MENTIONS, interactionEdit, interactionPost, messageRef } from './messages.js';
import { safely } from './rest-errors.js';

/** How the interaction was acknowledged: a deferred reply (its visibility fixed then), or a deferred update of the clicked card. */
export type Deferral = { kind: 'reply'; private: boolean } | { kind: 'update'; clicked: string };

/** An interaction token lives 15 minutes; past this, only the bot token reaches a message. */
const TOKEN_LIFE_MS = 14 * 60_000;

export const CARD_UPDATED = 'Done: the card was updated.';

/**
 * Answers one slash command or click. The first answer of a slash command fills the deferred
 * reply when its visibility matches; otherwise the deferred reply is removed and the answer
 * follows up with its own visibility (Discord would give the first follow-up the deferred one's).
 * Later answers, and every answer to a click, are follow-ups. Edits go through CardMessages.
 */
export class InteractionResponder implements Responder {
  private originalOpen: boolean;
  private edited = false;
  /** Public messages this interaction posted, by ref, with the id its webhook knows them by. */
  private readonly posted = new Map<string, string>();

  constructor(
    private readonly interaction: ChatInputCommandInteraction | ButtonInteraction,
    private readonly cards: CardMessages,
    private readonly deferral: Deferral,
  ) {
    this.originalOpen = deferral.kind === 'reply';
  }

  send(reply: Reply): Promise<string | undefined> {
    return safely(() => this.answer(reply));
  }

  async edit(messageRef: string, reply: Reply): Promise<void> {
    this.edited = true;
    await safely(() => this.cards.edit(messageRef, reply, this.routeTo(messageRef)));
  }

  /** Ends a deferred reply nothing answered (a typed `/cx confirm` edits the card instead). */
  async finish(): Promise<void> {
    if (!this.originalOpen) return;
    this.originalOpen = false;
    await safely(async () => {
      if (this.edited)
        await this.interaction.editReply({ content: CARD_UPDATED, allowedMentions: ALLOWED_MENTIONS });
      else await this.interaction.deleteReply();
    });
  }

  private async answer(reply: Reply): Promise<string | undefined> {
    const message = renderDiscord(reply);
    const hidden = reply.private === true;
    if (this.originalOpen) {
      this.originalOpen = false;
      if (this.deferral.kind === 'reply' && this.deferral.private === hidden) {
        return this.remember(await this.interaction.editReply(interactionEdit(message)), hidden, '@original');
      }
      await this.interaction.deleteReply();
    }
    const sent = await this.interaction.followUp({
      ...interactionPost(message),
      ...(hidden ? { flags: MessageFlags.Ephemeral } : {}),
    });
    return this.remember(sent, hidden, sent.id);
  }

  private remember(message: Message, hidden: boolean, webhookId: string): string | undefined {
    if (hidden) return undefined;
    const ref = messageRef(message.channelId, message.id);
    this.posted.set(ref, webhookId);
    return ref;
  }

  /** This interaction's way to a card, when the card is the clicked one or one it posted, and the token is fresh. */
  private routeTo(ref: string): InteractionRoute | undefined {
    if (Date.now() - this.interaction.createdTimestamp > TOKEN_LIFE_MS) return undefined;
    const clicked = this.deferral.kind === 'update' && this.deferral.clicked === ref;
    const webhookId = clicked ? '@original' : this.posted.get(ref);
    if (webhookId === undefined) return undefined;
    return {
      edit: (body) => this.interaction.editReply({ ...body, message: webhookId }),
      followUp: (content) => this.interaction.followUp({ content, allowedMentions: ALLOWED_MENTIONS }),
    };
  }
}
