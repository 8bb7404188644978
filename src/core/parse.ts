import { UserError } from './errors.js';

/** Chat clients with "smart punctuation" send curly quotes; they group words like straight ones. */
const QUOTE_OF: Record<string, '"' | "'"> = {
  '"': '"',
  '\u201c': '"',
  '\u201d': '"',
  "'": "'",
  '\u2018': "'",
  '\u2019': "'",
};

/** The line without surrounding space and without a leading "/cx". */
export function stripCommandPrefix(line: string): string {
  return line
    .trim()
    .replace(/^\/cx(?=\s|$)/i, '')
    .trim();
}

/**
 * A command line as words. Double or single quotes group words (also inside a word:
 * `alias="ams sw 1"` is one word `alias=ams sw 1`); inside double quotes a backslash keeps the next
 * character as is.
 */
export function tokenize(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  const chars = [...stripCommandPrefix(line)];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (quote) {
      if (QUOTE_OF[char] === quote) quote = undefined;
      else if (quote === '"' && char === '\\' && i + 1 < chars.length) word += chars[++i];
      else word += char;
    } else if (QUOTE_OF[char]) {
      quote = QUOTE_OF[char];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote) {
    throw new UserError(
      `A ${quote === '"' ? 'double' : 'single'} quote is not closed.`,
      `Close it after the words it groups, e.g. --reason ${quote}zone outage${quote}`,
    );
  }
  if (inWord) words.push(word);
  return words;
}

/** The console's `as <name>: <line>`: run a line as another (console) user. */
export function parseActingAs(line: string): { name: string; line: string } | undefined {
  const match = /^\s*as\s+([\w.@-]+)\s*:\s*(.*)$/is.exec(line);
  return match ? { name: match[1]!, line: match[2]! } : undefined;
}
