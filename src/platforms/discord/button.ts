import { type ButtonInteraction, MessageFlags } from 'discord.js';
import { stripCommandPrefix } from '../../core/parse.js';
import type { Router } from '../../core/router.js';
import { buttonCommand } from '../../render/discord.js';
import type { CardMessages } from './card-messages.js';
import { actorOf } from './interaction-input.js';
import { InteractionResponder } from './interaction-responder.js';
import { messageRef } from './messages.js';

export interface ButtonDeps {
  router: Router;
  cards: CardMessages;
}

export const UNKNOWN_BUTTON = 'This button is not one Switchboard knows; run the command again.';

/**
 * A click presses the command line its custom_id carries, as the clicker (their id and roles),
 * naming the clicked card so Confirm and Cancel edit it in place. Acknowledged at once without
 * changing the card; refusals reach the clicker only.
 */
export async function onButton(interaction: ButtonInteraction, deps: ButtonDeps): Promise<void> {
  const line = buttonCommand(interaction.customId);
  if (!line) {
    await interaction.reply({ content: UNKNOWN_BUTTON, flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.deferUpdate();
  const clicked = messageRef(interaction.channelId, interaction.message.id);
  const responder = new InteractionResponder(interaction, deps.cards, { kind: 'update', clicked });
  await deps.router.handle(
    {
      actor: actorOf(interaction),
      channelId: interaction.channelId,
      text: stripCommandPrefix(line),
      sourceMessage: clicked,
    },
    responder,
  );
}
