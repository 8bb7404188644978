import { ApplicationCommandOptionType } from 'discord.js';
import { OPTION_LIMITS } from './command-options.js';
import type { CommandPayload } from './command-tree.js';

/**
 * Discord's rules for a chat command (discord.com/developers/docs/interactions/application-commands):
 * a register call breaking any of them is refused as a whole, so they are checked before.
 */
const COMMAND_LIMITS = {
  name: /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u,
  /** Names, descriptions and choice values of the whole command together. */
  totalCharacters: 8_000,
} as const;

/** The option shape the rules look at: every kind of option, loosely. */
interface OptionLike {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { name: string; value: string | number }[];
  min_value?: number;
  max_value?: number;
  max_length?: number;
  options?: OptionLike[];
}

const NESTING = new Set<number>([
  ApplicationCommandOptionType.Subcommand,
  ApplicationCommandOptionType.SubcommandGroup,
]);
const NUMERIC = new Set<number>([ApplicationCommandOptionType.Integer, ApplicationCommandOptionType.Number]);
const WITH_CHOICES = new Set<number>([ApplicationCommandOptionType.String, ...NUMERIC]);

type Report = (problem: string) => void;

function checkNaming(where: string, item: { name: string; description: string }, report: Report): void {
  if (!COMMAND_LIMITS.name.test(item.name) || item.name !== item.name.toLowerCase()) {
    report(`${where}: the name "${item.name}" must be 1-32 lowercase letters, digits, "-" or "_"`);
  }
  const length = item.description.length;
  if (length < 1 || length > OPTION_LIMITS.description) {
    report(
      `${where}: the description has ${length} characters; Discord allows 1-${OPTION_LIMITS.description}`,
    );
  }
}

function checkChoices(where: string, option: OptionLike, report: Report): void {
  const { choices } = option;
  if (!choices) return;
  if (!WITH_CHOICES.has(option.type))
    report(`${where}: only string, integer and number options take choices`);
  if (option.autocomplete) report(`${where}: choices and autocomplete cannot go together`);
  if (choices.length > OPTION_LIMITS.choices) {
    report(`${where}: ${choices.length} choices; Discord allows ${OPTION_LIMITS.choices}`);
  }
  for (const choice of choices) {
    if (choice.name.length < 1 || choice.name.length > OPTION_LIMITS.choiceName) {
      report(`${where}: the choice name "${choice.name}" must have 1-${OPTION_LIMITS.choiceName} characters`);
    }
    if (typeof choice.value === 'string' && choice.value.length > OPTION_LIMITS.choiceValue) {
      report(`${where}: the choice value "${choice.value}" is longer than ${OPTION_LIMITS.choiceValue}`);
    }
  }
}

function checkValueRules(where: string, option: OptionLike, report: Report): void {
  const hasRange = option.min_value !== undefined || option.max_value !== undefined;
  if (hasRange && !NUMERIC.has(option.type)) report(`${where}: only integer and number options take min/max`);
  if (
    option.min_value !== undefined &&
    option.max_value !== undefined &&
    option.min_value > option.max_value
  ) {
    report(`${where}: min ${option.min_value} is above max ${option.max_value}`);
  }
  if (option.max_length !== undefined) {
    if (option.type !== ApplicationCommandOptionType.String)
      report(`${where}: only string options take max_length`);
    if (option.max_length < 1 || option.max_length > OPTION_LIMITS.stringLength) {
      report(`${where}: max_length must be 1-${OPTION_LIMITS.stringLength}`);
    }
  }
  checkChoices(where, option, report);
}

/** One level of options: the count, the names, nesting that Discord allows, required before optional. */
function checkLevel(
  where: string,
  options: readonly OptionLike[],
  allowed: 'nesting' | 'values',
  report: Report,
): void {
  if (options.length > OPTION_LIMITS.optionsPerCommand) {
    report(`${where}: ${options.length} options; Discord allows ${OPTION_LIMITS.optionsPerCommand}`);
  }
  const names = new Set<string>();
  let optionalSeen = false;
  for (const option of options) {
    const here = `${where} ${NESTING.has(option.type) ? option.name : `--${option.name}`}`;
    if (names.has(option.name)) report(`${here}: the name is used twice`);
    names.add(option.name);
    if ((allowed === 'nesting') !== NESTING.has(option.type)) {
      report(`${here}: subcommands and plain options cannot be mixed on one level`);
    }
    if (!NESTING.has(option.type)) {
      if (option.required && optionalSeen)
        report(`${here}: a required option must come before optional ones`);
      optionalSeen ||= !option.required;
    }
    checkNaming(here, option, report);
    checkValueRules(here, option, report);
    checkChildren(here, option, report);
  }
}

function checkChildren(where: string, option: OptionLike, report: Report): void {
  const children = option.options ?? [];
  if (option.type === ApplicationCommandOptionType.SubcommandGroup) {
    if (children.length === 0) report(`${where}: a subcommand group needs at least one subcommand`);
    if (children.some((child) => child.type !== ApplicationCommandOptionType.Subcommand)) {
      report(`${where}: a subcommand group holds subcommands only`);
    }
    checkLevel(where, children, 'nesting', report);
  } else if (option.type === ApplicationCommandOptionType.Subcommand) {
    checkLevel(where, children, 'values', report);
  } else if (children.length > 0) {
    report(`${where}: only subcommands and groups hold options`);
  }
}

function characters(option: OptionLike): number {
  const choices = (option.choices ?? []).reduce((sum, c) => sum + c.name.length + String(c.value).length, 0);
  const children = (option.options ?? []).reduce((sum, child) => sum + characters(child), 0);
  return option.name.length + option.description.length + choices + children;
}

/** Every rule the payload breaks, one line each naming where; empty when Discord would accept it. */
export function checkCommandPayload(payload: CommandPayload): string[] {
  const problems: string[] = [];
  const report: Report = (problem) => problems.push(problem);
  const root = `/${payload.name}`;
  checkNaming(root, { name: payload.name, description: payload.description ?? '' }, report);
  const options = (payload.options ?? []) as OptionLike[];
  const nested = options.some((option) => NESTING.has(option.type));
  checkLevel(root, options, nested ? 'nesting' : 'values', report);
  const total = characters({ type: 1, name: payload.name, description: payload.description ?? '', options });
  if (total > COMMAND_LIMITS.totalCharacters) {
    report(
      `${root}: ${total} characters of names, descriptions and choices; Discord allows ${COMMAND_LIMITS.totalCharacters}`,
    );
  }
  return problems;
}
