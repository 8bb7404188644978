import type { Command } from './command.js';

/** Every command, looked up by the words typed. Two-word names ("lb add") win over one-word ones. */
export class Catalog {
  private readonly byName = new Map<string, Command>();

  constructor(commands: readonly Command[]) {
    for (const command of commands) {
      if (this.byName.has(command.name)) throw new Error(`two commands are named "${command.name}"`);
      this.byName.set(command.name, command);
    }
  }

  list(): Command[] {
    return [...this.byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  get(name: string): Command | undefined {
    return this.byName.get(name);
  }

  /** The command the leading words name, and the words left for its arguments. */
  resolve(words: readonly string[]): { command: Command; rest: string[] } | undefined {
    const [first, second] = words.map((w) => w.toLowerCase());
    if (first === undefined) return undefined;
    const pair = second === undefined ? undefined : this.byName.get(`${first} ${second}`);
    if (pair) return { command: pair, rest: words.slice(2) };
    const single = this.byName.get(first);
    return single ? { command: single, rest: words.slice(1) } : undefined;
  }

  /** The command words people can type, for completion and "did you mean". */
  names(): string[] {
    return this.list().map((c) => c.name);
  }
}
