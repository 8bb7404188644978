import type { Completion } from '../../core/args.js';
import { SHARE_FLAG, takesShare } from '../../core/bind.js';
import type { Catalog } from '../../core/catalog.js';
import { fieldsOf, positionalFields } from '../../core/fields.js';
import { parseActingAs, stripCommandPrefix } from '../../core/parse.js';
import { quoteWord } from '../../render/command-line.js';

/** Names of what an argument refers to (servers, clusters, zones) starting with `prefix`. */
export type Completer = (prefix: string, kind: Completion) => Promise<string[]>;

const startingWith = (prefix: string, candidates: Iterable<string>) => {
  const lower = prefix.toLowerCase();
  return [...new Set(candidates)].filter((c) => c.toLowerCase().startsWith(lower)).sort();
};

/** The argument the word being typed fills: after `--zone`, the zone; otherwise the next positional one. */
function kindAt(catalog: Catalog, done: readonly string[]): Completion | undefined {
  const found = catalog.resolve(done);
  if (!found) return undefined;
  const fields = fieldsOf(found.command);
  const previous = found.rest.at(-1);
  if (previous?.startsWith('--')) {
    const field = fields.find((f) => `--${f.name}` === previous);
    if (field && field.kind !== 'boolean') return field.complete;
  }
  const named = found.rest.filter((word) => word.startsWith('--') || word.includes('='));
  const taken = found.rest.length - named.length;
  return positionalFields(found.command)[taken]?.complete;
}

/** What may replace `current`, the word being typed after `words`. */
async function candidates(
  catalog: Catalog,
  words: string[],
  current: string,
  complete: Completer | undefined,
): Promise<string[]> {
  const names = catalog.names();
  const firstWords = names.map((n) => n.split(' ')[0]!);
  if (words.length === 0) return startingWith(current, firstWords);
  const family = names.filter((n) => n.startsWith(`${words[0]} `));
  if (words.length === 1 && family.length > 0 && !catalog.get(words[0]!)) {
    return startingWith(
      current,
      family.map((n) => n.split(' ')[1]!),
    );
  }
  const found = catalog.resolve(words);
  if (!found) return [];
  if (current.startsWith('-')) {
    const flags = fieldsOf(found.command).map((f) => `--${f.name}`);
    return startingWith(current, takesShare(found.command) ? [...flags, `--${SHARE_FLAG}`] : flags);
  }
  const kind = kindAt(catalog, words);
  if (kind === undefined) return [];
  const typed = current.replace(/^"/, '');
  const named = kind === 'command' ? firstWords : await complete?.(typed, kind).catch(() => []);
  return startingWith(typed, named ?? []).map((name) => asTyped(current, name));
}

/**
 * A name as it must be typed to stay one word, starting with what was typed (readline only
 * appends): `"USA East"` after `"US`, `US"A East"` after `US` (the tokenizer joins the two).
 */
function asTyped(current: string, name: string): string {
  const quoted = quoteWord(name);
  if (quoted === name || current.startsWith('"')) return quoted;
  return name.slice(0, current.length) + quoteWord(name.slice(current.length));
}

/**
 * Tab completion of a console line: command words, option names, then what an argument names.
 * Returns readline's answer: the replacements of the word being typed, and that word. A single
 * match ends with a space, ready for the next word.
 */
export async function completeLine(
  catalog: Catalog,
  line: string,
  complete?: Completer,
): Promise<[string[], string]> {
  const words = stripCommandPrefix(parseActingAs(line)?.line ?? line)
    .split(/\s+/)
    .filter(Boolean);
  const current = /\s$/.test(line) || words.length === 0 ? '' : words.pop()!;
  const matches = await candidates(catalog, words, current, complete);
  return [matches.length === 1 ? [`${matches[0]} `] : matches, current];
}
