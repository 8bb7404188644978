import {
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Catalog } from '../../core/catalog.js';
import type { Command } from '../../core/command.js';
import { GROUP_TITLES } from '../../core/usage.js';
import { truncate } from '../../render/limits.js';
import { CommandLayout } from './command-names.js';
import { commandOptions, OPTION_LIMITS } from './command-options.js';

export const ROOT_COMMAND = 'cx';
const ROOT_DESCRIPTION = 'Switchboard: your ConnexCS servers';

export type CommandPayload = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The slash command Discord registers, and the layout that maps its paths back to the catalog. */
export interface CommandTree {
  payload: CommandPayload;
  layout: CommandLayout;
}

function subcommand(name: string, command: Command): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name,
    description: truncate(command.summary, OPTION_LIMITS.description),
    options: commandOptions(command),
  };
}

/** `/cx` with a subcommand group per catalog group (see command-names.ts for the rules). */
export function buildCommandTree(catalog: Catalog): CommandTree {
  const layout = new CommandLayout(catalog.list());
  const options = layout.entries.map(
    (entry): APIApplicationCommandSubcommandGroupOption | APIApplicationCommandSubcommandOption => {
      if (entry.kind === 'command') return subcommand(entry.command.name, entry.command);
      return {
        type: ApplicationCommandOptionType.SubcommandGroup,
        name: entry.group,
        // Discord lists a group's subcommands itself; every character counts against the 8,000 of /cx.
        description: GROUP_TITLES[entry.group],
        options: entry.subcommands.map((s) => subcommand(s.name, s.command)),
      };
    },
  );
  return {
    layout,
    payload: {
      type: ApplicationCommandType.ChatInput,
      name: ROOT_COMMAND,
      description: ROOT_DESCRIPTION,
      // Roles come from the server member; in DMs there is none, so /cx lives in servers only.
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
      options,
    },
  };
}
