import { type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import type { Router } from '../../core/router.js';
import type { CardMessages } from './card-messages.js';
import type { CommandLayout } from './command-names.js';
import { ROOT_COMMAND } from './command-tree.js';
import { actorOf, leafOf } from './interaction-input.js';
import { InteractionResponder } from './interaction-responder.js';
import { startsPrivate } from './visibility.js';

export interface SlashDeps {
  router: Router;
  layout: CommandLayout;
  cards: CardMessages;
}

export const STALE_COMMAND =
  'This command changed since it was registered with Discord. Ask an admin to run npm run discord:register.';

/**
 * `/cx <group> <command> ...`: deferred at once (the 3-second deadline), then run through the
 * router with the typed options, and answered by editing the deferred reply.
 */
export async function onSlashCommand(
  interaction: ChatInputCommandInteraction,
  deps: SlashDeps,
): Promise<void> {
  const leaf = leafOf(interaction.options.data);
  const command = interaction.commandName === ROOT_COMMAND ? deps.layout.commandAt(leaf.path) : undefined;
  if (!command) {
    await interaction.reply({ content: STALE_COMMAND, flags: MessageFlags.Ephemeral });
    return;
  }
  const hidden = startsPrivate(command, leaf.values);
  await interaction.deferReply(hidden ? { flags: MessageFlags.Ephemeral } : {});
  const responder = new InteractionResponder(interaction, deps.cards, { kind: 'reply', private: hidden });
  await deps.router.handle(
    {
      actor: actorOf(interaction),
      channelId: interaction.channelId,
      text: command.name,
      options: leaf.values,
    },
    responder,
  );
  await responder.finish();
}
