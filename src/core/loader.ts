import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { bindArgs } from './bind.js';
import { Catalog } from './catalog.js';
import type { Command } from './command.js';
import { UserError } from './errors.js';
import { tokenize } from './parse.js';
import { GROUP_ORDER } from './usage.js';

/** The repository's command folder. */
export const COMMANDS_DIR = fileURLToPath(new URL('../../commands/', import.meta.url));

/** A command file that cannot be loaded: the message names the file and what to fix. */
export class CommandFileError extends Error {
  override readonly name = 'CommandFileError';
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

const isFunction = (value: unknown) => typeof value === 'function';
const fn = (what: string) => z.custom<unknown>(isFunction, `${what} must be a function`);

const CommandShape = z
  .object({
    name: z
      .string()
      .regex(
        /^[a-z0-9-]+( [a-z0-9-]+)?$/,
        'name must be one or two words of a-z, 0-9 and "-", e.g. "lb add"',
      ),
    group: z.enum(GROUP_ORDER, `group must be one of ${GROUP_ORDER.join(', ')}`),
    summary: z
      .string()
      .min(1, 'summary must not be empty')
      .max(100, "summary must be at most 100 characters (Discord's limit)"),
    examples: z
      .array(z.string().min(1, 'an example must not be empty'))
      .min(1, 'examples must list at least one'),
    risk: z.enum(['read', 'change', 'disruptive'], 'risk must be read, change or disruptive'),
    args: z.instanceof(z.ZodObject, { error: 'args must be a z.object({...}) of argument schemas' }),
    positional: z.array(z.string()).optional(),
    run: fn('run').optional(),
    plan: fn('plan').optional(),
    execute: fn('execute').optional(),
    isReadOnly: fn('isReadOnly').optional(),
    show: fn('show').optional(),
  })
  .superRefine((command, issues) => {
    const problem = (message: string) => issues.addIssue({ code: 'custom', message });
    if (command.risk === 'read' && !command.run) problem('a read command needs run(ctx, args)');
    if (command.risk !== 'read' && (!command.plan || !command.execute)) {
      problem(`a ${command.risk} command needs plan(ctx, args) and execute(ctx, args)`);
    }
    if (Boolean(command.isReadOnly) !== Boolean(command.show)) problem('isReadOnly and show come together');
    for (const field of command.positional ?? []) {
      if (!(field in command.args.shape)) problem(`positional "${field}" is not a field of args`);
    }
  });

/** Every example must run as written: a stale example is a wrong example. */
function checkExamples(command: Command, file: string): void {
  for (const example of command.examples) {
    try {
      const words = tokenize(example);
      const named = words.slice(0, command.name.split(' ').length).join(' ').toLowerCase();
      if (named !== command.name) throw new UserError(`it must start with "${command.name}"`);
      bindArgs(command, words.slice(command.name.split(' ').length));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      throw new CommandFileError(file, `example "${example}" does not work: ${error.message}`);
    }
  }
}

/** A path as the person starting the bot sees it. */
const shown = (path: string) => relative(process.cwd(), path) || path;

async function loadFile(path: string): Promise<Command> {
  const file = shown(path);
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(path).href);
  } catch (error) {
    throw new CommandFileError(
      file,
      `cannot be imported: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (module.default === undefined) {
    throw new CommandFileError(
      file,
      'has no default export: end it with export default defineCommand({ ... })',
    );
  }
  const checked = CommandShape.safeParse(module.default);
  if (!checked.success)
    throw new CommandFileError(file, checked.error.issues.map((i) => i.message).join('; '));
  const command = module.default as Command;
  checkExamples(command, file);
  return command;
}

const isCommandFile = (name: string) =>
  /\.(ts|js|mjs)$/.test(name) && !/\.d\.ts$|\.test\.[jt]s$/.test(name) && !name.startsWith('.');

/** Imports every command file of `dir` (in parallel: this runs at start-up) and checks each. */
export async function loadCatalog(dir = COMMANDS_DIR): Promise<Catalog> {
  const entries = await readdir(dir, { withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile() && isCommandFile(entry.name))
    .map((entry) => join(dir, entry.name))
    .sort();
  const commands = await Promise.all(paths.map(loadFile));
  const fileOf = new Map<string, string>();
  commands.forEach((command, i) => {
    const file = shown(paths[i]!);
    const earlier = fileOf.get(command.name);
    if (earlier) throw new CommandFileError(file, `is named "${command.name}", like ${earlier}: rename one`);
    fileOf.set(command.name, file);
  });
  return new Catalog(commands);
}
