import { ApplicationCommandOptionType, type BaseInteraction, GuildMember } from 'discord.js';
import type { Actor } from '../../core/invocation.js';
import type { CommandPath } from './command-names.js';

/** An option as Discord sends it: the path words are subcommand groups and subcommands. */
export interface OptionNode {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: readonly OptionNode[];
}

export interface Leaf {
  /** The subcommand groups and subcommand chosen under `/cx`: `['fleet', 'servers']`. */
  path: CommandPath;
  /** The typed values, keyed by option name (the catalog's field names). */
  values: Record<string, string | number | boolean>;
  /** The option being typed, in an autocomplete request. */
  focused?: { name: string; value: string };
}

const NESTING = new Set<number>([
  ApplicationCommandOptionType.Subcommand,
  ApplicationCommandOptionType.SubcommandGroup,
]);

/** Walks down the chosen subcommand group and subcommand to the values typed for it. */
export function leafOf(options: readonly OptionNode[]): Leaf {
  const path: string[] = [];
  let level = options;
  for (let node = level[0]; node && NESTING.has(node.type); node = level[0]) {
    path.push(node.name);
    level = node.options ?? [];
  }
  const values: Record<string, string | number | boolean> = {};
  let focused: Leaf['focused'];
  for (const option of level) {
    if (option.value === undefined) continue;
    if (option.focused) focused = { name: option.name, value: String(option.value) };
    else values[option.name] = option.value;
  }
  return { path, values, ...(focused ? { focused } : {}) };
}

/**
 * Who clicked or typed: their Discord id, the name the server shows, and their role ids (which
 * SWITCHBOARD_* lists name as `discord-role:<id>`). The @everyone role, whose id is the server's,
 * says nothing and is left out.
 */
export function actorOf(interaction: BaseInteraction): Actor {
  const { member, user } = interaction;
  const roles =
    member instanceof GuildMember ? [...member.roles.cache.keys()] : member ? [...member.roles] : [];
  const name =
    member instanceof GuildMember ? member.displayName : (member?.nick ?? user.globalName ?? user.username);
  return {
    surface: 'discord',
    id: user.id,
    name,
    roles: roles.filter((id) => id !== interaction.guildId),
  };
}
