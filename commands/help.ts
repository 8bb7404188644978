import { z } from 'zod';
import { text } from '../src/core/args.js';
import { type Command, type CommandContext, defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { suggestNearest } from '../src/core/nearest.js';
import { argumentHelp, GROUP_ORDER, GROUP_TITLES, riskNote, usageLine } from '../src/core/usage.js';
import { type Block, context, fields, header, type Reply, text as textBlock } from '../src/render/reply.js';

const SHARE_NOTE = 'Read commands answer only you; add --share to post the answer in the channel.';

const runnable = (ctx: CommandContext) => (command: Command) => ctx.canRun?.(ctx.actor, command) ?? true;

/** Commands by help section, in section order. */
function index(title: string, commands: readonly Command[]): Reply {
  const blocks: Block[] = [header(title)];
  for (const group of GROUP_ORDER) {
    const inGroup = commands.filter((command) => command.group === group);
    if (inGroup.length === 0) continue;
    blocks.push(textBlock({ bold: GROUP_TITLES[group] }));
    blocks.push(fields(Object.fromEntries(inGroup.map((command) => [command.name, command.summary]))));
  }
  blocks.push(context(`Type /cx help <command> for its arguments and examples. ${SHARE_NOTE}`));
  return { tone: 'info', blocks, private: true };
}

function details(command: Command, allowed: boolean): Reply {
  const blocks: Block[] = [
    header(`/cx ${command.name}`),
    textBlock(command.summary),
    textBlock({ code: usageLine(command) }),
  ];
  const described = argumentHelp(command);
  if (described.length > 0) blocks.push({ kind: 'fields', fields: described });
  blocks.push(
    context(command.risk === 'read' ? `${riskNote(command.risk)} ${SHARE_NOTE}` : riskNote(command.risk)),
  );
  blocks.push(textBlock({ bold: 'Examples' }));
  for (const example of command.examples) blocks.push(textBlock({ code: `/cx ${example}` }));
  if (!allowed) blocks.push(context('You may not run this command: ask an admin for the role it needs.'));
  return { tone: 'info', blocks, private: true };
}

const args = z.object({
  command: text('A command, e.g. servers', 40).meta({ complete: 'command' }).optional(),
  subcommand: text('The second word of a two-word command, e.g. add in "lb add"', 40).optional(),
});

export default defineCommand({
  name: 'help',
  group: 'help',
  summary: 'List the commands you can run, or show how to use one',
  examples: ['help', 'help servers'],
  risk: 'read',
  args,
  positional: ['command', 'subcommand'],
  async run(ctx, input) {
    const visible = ctx.catalog.list().filter(runnable(ctx));
    if (input.command === undefined) return index('Switchboard commands', visible);
    const typed = [input.command, input.subcommand]
      .filter((word) => word !== undefined)
      .join(' ')
      .toLowerCase();
    const command = ctx.catalog.get(typed);
    if (command) return details(command, runnable(ctx)(command));
    const family = visible.filter((c) => c.name.startsWith(`${typed} `));
    if (family.length > 0) return index(`/cx ${typed} commands`, family);
    throw new UserError(
      `No command "${typed}".${suggestNearest(
        typed,
        visible.map((c) => c.name),
      )}`,
      'Type /cx help to list them.',
    );
  },
});
