import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOptionChoice,
  ApplicationCommandOptionType,
} from 'discord.js';
import { z } from 'zod';
import type { Completion } from '../../core/args.js';
import { SHARE_FLAG, takesShare } from '../../core/bind.js';
import type { Command } from '../../core/command.js';
import { type FieldInfo, fieldsOf } from '../../core/fields.js';
import { truncate } from '../../render/limits.js';

/** Discord's limits for command options (discord.com/developers/docs/interactions/application-commands). */
export const OPTION_LIMITS = {
  description: 100,
  optionsPerCommand: 25,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  stringLength: 6_000,
} as const;

/** Argument kinds whose values the bot can suggest while someone types: from the fleet, or the catalog. */
const SUGGESTED: ReadonlySet<Completion> = new Set(['server', 'dispatcher', 'command']);

const SHARE_DESCRIPTION = 'Show the answer to everyone here';

/**
 * The bounds a schema sets, as JSON Schema states them (minimum/maximum, maxLength). A schema
 * JSON Schema cannot express at all (a cycle) just gets no bounds: the router still checks it.
 */
function boundsOf(
  command: Command,
  field: FieldInfo,
): { minimum?: number; maximum?: number; maxLength?: number } {
  const schema = (command.args.shape as Record<string, z.ZodType>)[field.name];
  if (!schema) return {};
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
      minimum?: number;
      maximum?: number;
      maxLength?: number;
    };
  } catch {
    return {};
  }
}

const describe = (field: FieldInfo) =>
  truncate(field.description?.trim() || field.name.replaceAll('-', ' '), OPTION_LIMITS.description);

/** Whether Discord asks the bot for suggestions for this field (a long choice list goes this way too). */
function suggestsValues(field: FieldInfo): boolean {
  if (field.kind === 'choice') return (field.choices?.length ?? 0) > OPTION_LIMITS.choices;
  return field.complete !== undefined && SUGGESTED.has(field.complete);
}

function choicesOf(field: FieldInfo): APIApplicationCommandOptionChoice<string>[] {
  return (field.choices ?? []).map((value) => ({ name: truncate(value, OPTION_LIMITS.choiceName), value }));
}

function optionOf(command: Command, field: FieldInfo): APIApplicationCommandBasicOption {
  const base = { name: field.name, description: describe(field), required: field.required };
  const bounds = boundsOf(command, field);
  const range = {
    ...(bounds.minimum !== undefined ? { min_value: bounds.minimum } : {}),
    ...(bounds.maximum !== undefined ? { max_value: bounds.maximum } : {}),
  };
  switch (field.kind) {
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case 'integer':
      return { ...base, type: ApplicationCommandOptionType.Integer, ...range };
    case 'number':
      return { ...base, type: ApplicationCommandOptionType.Number, ...range };
    case 'choice':
      return suggestsValues(field)
        ? { ...base, type: ApplicationCommandOptionType.String, autocomplete: true }
        : { ...base, type: ApplicationCommandOptionType.String, choices: choicesOf(field) };
    default: {
      const maxLength =
        bounds.maxLength === undefined
          ? {}
          : { max_length: Math.min(bounds.maxLength, OPTION_LIMITS.stringLength) };
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...maxLength,
        ...(suggestsValues(field) ? { autocomplete: true } : {}),
      };
    }
  }
}

/**
 * A command's arguments as typed Discord options, under the same names the router binds
 * (`uac-user`, `page`), required ones first as Discord demands, then `share` for commands that
 * answer privately by default.
 */
export function commandOptions(command: Command): APIApplicationCommandBasicOption[] {
  const fields = fieldsOf(command);
  const ordered = [...fields.filter((f) => f.required), ...fields.filter((f) => !f.required)];
  const options = ordered.map((field) => optionOf(command, field));
  if (takesShare(command) && !fields.some((field) => field.name === SHARE_FLAG)) {
    options.push({
      type: ApplicationCommandOptionType.Boolean,
      name: SHARE_FLAG,
      description: SHARE_DESCRIPTION,
      required: false,
    });
  }
  return options;
}
