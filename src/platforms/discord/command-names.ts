import type { Command, CommandGroup } from '../../core/command.js';
import { GROUP_ORDER } from '../../core/usage.js';

/**
 * Where each catalog command sits under `/cx`, and back. Discord nests at most two levels
 * (a subcommand group, then a subcommand), and a name that is a group cannot also be a subcommand,
 * so the rules are:
 * 1. A command is `/cx <its group> <its name>`, spaces in the name becoming hyphens:
 *    `servers` is `/cx fleet servers`, `lb add` is `/cx actions lb-add`.
 * 2. A group that holds one command only, named like the group, is that command: `/cx help`
 *    rather than `/cx help help`. (In a bigger group the name repeats: `/cx config config`.)
 * No name is made up or shortened, so the catalog name can be read off the path. The lookup goes through this table built from the catalog, never by undoing the rules, so a
 * path maps back to the exact catalog name; two commands landing on one path stop the start.
 */

/** `['fleet', 'servers']`, or `['help']` for a command at the top. */
export type CommandPath = readonly string[];

const pathKey = (path: CommandPath) => path.join(' ');

const subcommandName = (command: Command) => command.name.replaceAll(' ', '-');

/** The catalog's groups in help order, each with its commands in catalog order; empty ones left out. */
function groupsOf(commands: readonly Command[]): [CommandGroup, Command[]][] {
  return GROUP_ORDER.map((group): [CommandGroup, Command[]] => [
    group,
    commands.filter((command) => command.group === group),
  ]).filter(([, members]) => members.length > 0);
}

/** What sits directly under `/cx`: a subcommand group, or a command (rule 2). */
export type LayoutEntry =
  | { kind: 'group'; group: CommandGroup; subcommands: { name: string; command: Command }[] }
  | { kind: 'command'; command: Command };

export class CommandLayout {
  private readonly byPath = new Map<string, Command>();
  private readonly pathByName = new Map<string, CommandPath>();
  /** In help order. */
  readonly entries: LayoutEntry[] = [];

  constructor(commands: readonly Command[]) {
    for (const [group, members] of groupsOf(commands)) {
      const [only] = members;
      if (members.length === 1 && only && only.name === group) {
        this.place([only.name], only);
        this.entries.push({ kind: 'command', command: only });
        continue;
      }
      const subcommands = members.map((command) => ({ name: subcommandName(command), command }));
      for (const { name, command } of subcommands) this.place([group, name], command);
      this.entries.push({ kind: 'group', group, subcommands });
    }
  }

  /** The command a slash command's path names; undefined for a path the catalog no longer has. */
  commandAt(path: CommandPath): Command | undefined {
    return this.byPath.get(pathKey(path));
  }

  /** Where a catalog command sits: `['actions', 'lb-add']`. */
  pathOf(name: string): CommandPath | undefined {
    return this.pathByName.get(name);
  }

  private place(path: CommandPath, command: Command): void {
    const key = pathKey(path);
    const taken = this.byPath.get(key);
    if (taken) {
      throw new Error(
        `Discord: commands "${taken.name}" and "${command.name}" would both be /cx ${key}; rename one of them.`,
      );
    }
    this.byPath.set(key, command);
    this.pathByName.set(command.name, path);
  }
}
