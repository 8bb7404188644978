import type { AutocompleteInteraction } from 'discord.js';
import type { Catalog } from '../../core/catalog.js';
import { type FieldInfo, fieldsOf } from '../../core/fields.js';
import type { CommandLayout } from './command-names.js';
import { OPTION_LIMITS } from './command-options.js';
import { ROOT_COMMAND } from './command-tree.js';
import { leafOf } from './interaction-input.js';
import type { ServerSuggestions, Suggestion } from './server-suggestions.js';

export interface AutocompleteDeps {
  layout: CommandLayout;
  catalog: Catalog;
  servers: ServerSuggestions;
}

const named = (values: Iterable<string>, typed: string): Suggestion[] => {
  const wanted = typed.trim().toLowerCase();
  return [...new Set(values)]
    .filter((value) => value.toLowerCase().startsWith(wanted))
    .slice(0, OPTION_LIMITS.choices)
    .map((value) => ({ name: value, value }));
};

async function suggestionsFor(
  field: FieldInfo,
  typed: string,
  deps: AutocompleteDeps,
): Promise<Suggestion[]> {
  if (field.kind === 'choice') return named(field.choices ?? [], typed);
  switch (field.complete) {
    case 'server':
    case 'dispatcher':
      return deps.servers.matching(typed, field.complete);
    case 'command':
      return named(
        deps.catalog.names().map((name) => name.split(' ')[0]!),
        typed,
      );
    default:
      return [];
  }
}

/** Suggestions for the option being typed: servers from the live fleet (cached), command names, long choice lists. */
export async function onAutocomplete(
  interaction: AutocompleteInteraction,
  deps: AutocompleteDeps,
): Promise<void> {
  const leaf = leafOf(interaction.options.data);
  const command = interaction.commandName === ROOT_COMMAND ? deps.layout.commandAt(leaf.path) : undefined;
  const field = command && fieldsOf(command).find((f) => f.name === leaf.focused?.name);
  const suggestions = field ? await suggestionsFor(field, leaf.focused?.value ?? '', deps) : [];
  await interaction.respond(suggestions);
}
