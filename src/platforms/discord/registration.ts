import { ApplicationCommandOptionType, type REST, Routes } from 'discord.js';
import { z } from 'zod';
import type { CommandPayload } from './command-tree.js';

export interface RegistrationTarget {
  applicationId: string;
  /** Set: the commands of this server only, which change at once. Unset: the global commands. */
  guildId?: string;
}

/** What a registration changed, by command path (`/cx fleet servers`), each list sorted. */
export interface RegistrationReport {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
}

interface OptionShape {
  type: number;
  name: string;
  description: string;
  required?: boolean | undefined;
  autocomplete?: boolean | undefined;
  choices?: { name: string; value: string | number }[] | undefined;
  min_value?: number | undefined;
  max_value?: number | undefined;
  min_length?: number | undefined;
  max_length?: number | undefined;
  options?: OptionShape[] | undefined;
}

const Option: z.ZodType<OptionShape> = z.looseObject({
  type: z.number(),
  name: z.string(),
  description: z.string(),
  required: z.boolean().optional(),
  autocomplete: z.boolean().optional(),
  choices: z.array(z.looseObject({ name: z.string(), value: z.union([z.string(), z.number()]) })).optional(),
  min_value: z.number().optional(),
  max_value: z.number().optional(),
  min_length: z.number().optional(),
  max_length: z.number().optional(),
  get options() {
    return z.array(Option).optional();
  },
});

/** A registered command as `GET .../commands` lists it (with ids and versions we ignore). */
const RegisteredCommand = z.looseObject({
  name: z.string(),
  description: z.string(),
  type: z.number().optional(),
  contexts: z.array(z.number()).nullable().optional(),
  integration_types: z.array(z.number()).nullable().optional(),
  options: z.array(Option).optional(),
});
const RegisteredCommands = z.array(RegisteredCommand);
type Registered = z.infer<typeof RegisteredCommand>;

const NESTING = new Set<number>([
  ApplicationCommandOptionType.Subcommand,
  ApplicationCommandOptionType.SubcommandGroup,
]);

/** An option as Discord compares it: what it leaves out on reading (`required: false`) filled in. */
function comparable(option: OptionShape): unknown {
  return {
    type: option.type,
    description: option.description,
    required: option.required === true,
    autocomplete: option.autocomplete === true,
    choices: (option.choices ?? []).map(({ name, value }) => ({ name, value })),
    min_value: option.min_value ?? null,
    max_value: option.max_value ?? null,
    min_length: option.min_length ?? null,
    max_length: option.max_length ?? null,
  };
}

/**
 * Each command, group and subcommand by path, with what it says of itself (a subcommand with its
 * options), so a report names what changed rather than "the command /cx".
 */
function entriesOf(commands: readonly Registered[]): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (path: string, options: readonly OptionShape[]) => {
    for (const option of options.filter((o) => NESTING.has(o.type))) {
      const here = `${path} ${option.name}`;
      const own = option.type === ApplicationCommandOptionType.Subcommand ? (option.options ?? []) : [];
      entries.set(here, JSON.stringify([comparable(option), own.map((o) => [o.name, comparable(o)])]));
      walk(here, option.options ?? []);
    }
  };
  for (const command of commands) {
    const path = `/${command.name}`;
    const plain = (command.options ?? []).filter((o) => !NESTING.has(o.type));
    const own = {
      type: command.type ?? 1,
      description: command.description,
      contexts: command.contexts ?? null,
      integration_types: command.integration_types ?? null,
      options: plain.map((o) => [o.name, comparable(o)]),
    };
    entries.set(path, JSON.stringify(own));
    walk(path, command.options ?? []);
  }
  return entries;
}

function parseCommands(value: unknown, what: string): Registered[] {
  const parsed = RegisteredCommands.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    `${what} is not a list of commands (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
  );
}

/** How `wanted` differs from `current` (what `GET .../commands` answered), path by path. */
export function diffCommands(current: unknown, wanted: readonly CommandPayload[]): RegistrationReport {
  const before = entriesOf(parseCommands(current, "Discord's answer"));
  const after = entriesOf(parseCommands(wanted, 'The payload'));
  const report: RegistrationReport = { added: [], changed: [], removed: [], unchanged: [] };
  for (const [path, entry] of after) {
    const old = before.get(path);
    if (old === undefined) report.added.push(path);
    else report[old === entry ? 'unchanged' : 'changed'].push(path);
  }
  report.removed = [...before.keys()].filter((path) => !after.has(path));
  for (const list of Object.values(report)) list.sort();
  return report;
}

const routeOf = (target: RegistrationTarget) =>
  target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);

/**
 * Replaces the application's commands with `commands` in one bulk overwrite (so running it again
 * changes nothing), after comparing them with what is registered now.
 */
export async function registerCommands(
  rest: REST,
  target: RegistrationTarget,
  commands: readonly CommandPayload[],
): Promise<RegistrationReport> {
  const route = routeOf(target);
  const report = diffCommands(await rest.get(route), commands);
  await rest.put(route, { body: commands });
  return report;
}
