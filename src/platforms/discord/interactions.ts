import type { Interaction } from 'discord.js';
import type { Logger } from 'pino';
import { type AutocompleteDeps, onAutocomplete } from './autocomplete.js';
import { type ButtonDeps, onButton } from './button.js';
import { withoutSecrets } from './rest-errors.js';
import { onSlashCommand, type SlashDeps } from './slash.js';

export type InteractionDeps = SlashDeps & ButtonDeps & AutocompleteDeps & { log: Logger };

/** Sends each interaction to the listener of its kind; what fails there is logged, never thrown. */
export async function onInteraction(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) await onSlashCommand(interaction, deps);
    else if (interaction.isButton()) await onButton(interaction, deps);
    else if (interaction.isAutocomplete()) await onAutocomplete(interaction, deps);
  } catch (error) {
    deps.log.error(
      { err: withoutSecrets(error), interaction: interaction.id, kind: interaction.type },
      'discord interaction failed',
    );
  }
}
