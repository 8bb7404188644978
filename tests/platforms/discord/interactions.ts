import { ApplicationCommandOptionType } from 'discord.js';
import { ids, snowflake } from './stand-in.js';

/** INTERACTION_CREATE payloads as Discord sends them for /cx, its buttons and its autocomplete. */

export interface Person {
  id: string;
  name: string;
  roles?: string[];
}

export type OptionValue = string | number | boolean;

const member = (person: Person) => ({
  user: { id: person.id, username: person.name, discriminator: '0', global_name: person.name, avatar: null },
  roles: person.roles ?? [],
  nick: null,
  joined_at: new Date(0).toISOString(),
  deaf: false,
  mute: false,
  flags: 0,
  permissions: '2248473465835073',
});

function base(type: number, person: Person, channelId: string) {
  const id = snowflake();
  return {
    id,
    token: `interaction-token-${id}`,
    application_id: ids.application,
    type,
    version: 1,
    guild_id: ids.guild,
    channel_id: channelId,
    channel: { id: channelId, type: 0, guild_id: ids.guild, name: 'noc' },
    member: member(person),
    app_permissions: '2248473465835073',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': ids.guild },
    context: 0,
  };
}

/** The nested options of `/cx <path...>` with `values` at the leaf; `focused` marks the one being typed. */
function commandData(path: readonly string[], values: Record<string, OptionValue>, focused?: string) {
  const leaf = Object.entries(values).map(([name, value]) => ({
    name,
    value,
    type:
      typeof value === 'boolean'
        ? ApplicationCommandOptionType.Boolean
        : typeof value === 'number'
          ? ApplicationCommandOptionType.Integer
          : ApplicationCommandOptionType.String,
    ...(name === focused ? { focused: true } : {}),
  }));
  const options = path.reduceRight<unknown[]>(
    (inner, name, i) => [
      {
        name,
        type:
          i === path.length - 1
            ? ApplicationCommandOptionType.Subcommand
            : ApplicationCommandOptionType.SubcommandGroup,
        options: inner,
      },
    ],
    leaf,
  );
  return { id: ids.commandId, name: 'cx', type: 1, guild_id: ids.guild, options };
}

export function slashCommand(
  path: readonly string[],
  values: Record<string, OptionValue>,
  person: Person,
  channelId = ids.channel,
) {
  return { ...base(2, person, channelId), data: commandData(path, values) };
}

export function autocomplete(
  path: readonly string[],
  values: Record<string, OptionValue>,
  focused: string,
  person: Person,
) {
  return { ...base(4, person, ids.channel), data: commandData(path, values, focused) };
}

export function buttonClick(
  customId: string,
  message: { id: string; channel_id: string; content?: string; embeds?: unknown[]; components?: unknown[] },
  person: Person,
) {
  return {
    ...base(3, person, message.channel_id),
    data: { custom_id: customId, component_type: 2 },
    message: {
      type: 0,
      content: '',
      embeds: [],
      components: [],
      author: { id: ids.application, username: 'switchboard', discriminator: '0', avatar: null, bot: true },
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
      flags: 0,
      ...message,
    },
  };
}
