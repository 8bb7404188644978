/** Command lines for buttons: what a click types, in the same syntax people type. */

export type FlagValue = string | number | undefined;

/** Quotes a word that would otherwise split or confuse the tokenizer ("USA East"; curly quotes count as quotes). */
export function quoteWord(word: string): string {
  if (/^[^\s"'\\\u201c\u201d\u2018\u2019]+$/.test(word)) return word;
  return `"${word.replace(/["\\\u201c\u201d]/g, (c) => `\\${c}`)}"`;
}

/** "/cx servers --zone "USA East" --page 2": positional words first, then the flags that are set. */
export function commandLine(
  name: string,
  positional: readonly (string | number)[] = [],
  flags: Record<string, FlagValue> = {},
): string {
  const words = [name, ...positional.map((p) => quoteWord(String(p)))];
  for (const [flag, value] of Object.entries(flags)) {
    if (value !== undefined) words.push(`--${flag}`, quoteWord(String(value)));
  }
  return `/cx ${words.join(' ')}`;
}
