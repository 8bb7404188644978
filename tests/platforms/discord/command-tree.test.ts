import { ApplicationCommandOptionType } from 'discord.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { text } from '../../../src/core/args.js';
import { Catalog } from '../../../src/core/catalog.js';
import type { Command } from '../../../src/core/command.js';
import { loadCatalog } from '../../../src/core/loader.js';
import { CommandLayout } from '../../../src/platforms/discord/command-names.js';
import { buildCommandTree, type CommandPayload } from '../../../src/platforms/discord/command-tree.js';
import { leafOf } from '../../../src/platforms/discord/interaction-input.js';
import { checkCommandPayload } from '../../../src/platforms/discord/payload-rules.js';
import { startsPrivate } from '../../../src/platforms/discord/visibility.js';

let catalog: Catalog;
let payload: CommandPayload;
let layout: CommandLayout;
beforeAll(async () => {
  catalog = await loadCatalog();
  ({ payload, layout } = buildCommandTree(catalog));
});

interface Option {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { name: string; value: string }[];
  min_value?: number;
  max_value?: number;
  options?: Option[];
}

/** The options of the subcommand at `path` in the payload. */
function optionsAt(path: string[], from: CommandPayload = payload): Option[] {
  let level = (from.options ?? []) as Option[];
  for (const name of path) level = level.find((o) => o.name === name)?.options ?? [];
  return level;
}

const optionOf = (path: string[], name: string) => optionsAt(path).find((o) => o.name === name);

const readCommand = (name: string, args: z.ZodObject, group: Command['group'] = 'fleet'): Command => ({
  name,
  group,
  summary: `The ${name} command`,
  examples: [name],
  risk: 'read',
  args,
  run: async () => undefined,
});

describe('the /cx payload generated from the catalog', () => {
  it('keeps every Discord rule', () => {
    expect(checkCommandPayload(payload)).toEqual([]);
  });

  it('places every catalog command at one path that maps back to its exact name', () => {
    for (const command of catalog.list()) {
      const path = layout.pathOf(command.name)!;
      expect(layout.commandAt(path)).toBe(command);
      expect(optionsAt(path.slice(0, -1)).some((o) => o.name === path.at(-1))).toBe(true);
    }
  });

  it('nests by group, hyphenates two-word names and puts the lone help command at the top', () => {
    expect(layout.pathOf('servers')).toEqual(['fleet', 'servers']);
    expect(layout.pathOf('restart')).toEqual(['actions', 'restart']);
    expect(layout.pathOf('lb add')).toEqual(['actions', 'lb-add']);
    expect(layout.pathOf('cluster create')).toEqual(['config', 'cluster-create']);
    expect(layout.pathOf('help')).toEqual(['help']);
    expect(layout.commandAt(['actions', 'lb-add'])?.name).toBe('lb add');
    expect(layout.commandAt(['fleet', 'restart'])).toBeUndefined();
    const top = (payload.options ?? []) as Option[];
    expect(top.find((o) => o.name === 'help')?.type).toBe(ApplicationCommandOptionType.Subcommand);
    expect(top.find((o) => o.name === 'fleet')?.type).toBe(ApplicationCommandOptionType.SubcommandGroup);
  });

  it('types the options from the zod arguments, with the catalog descriptions', () => {
    expect(optionOf(['fleet', 'servers'], 'page')).toMatchObject({
      type: ApplicationCommandOptionType.Integer,
      min_value: 1,
      max_value: 10_000,
      required: false,
      description: 'Page of 25 servers to show',
    });
    expect(optionOf(['fleet', 'servers'], 'status')?.choices?.map((c) => c.value)).toContain('expired');
    expect(optionOf(['config', 'config'], 'tls')?.type).toBe(ApplicationCommandOptionType.Boolean);
    expect(optionOf(['actions', 'restart'], 'server')).toMatchObject({
      type: ApplicationCommandOptionType.String,
      required: true,
      autocomplete: true,
    });
    expect(optionOf(['actions', 'lb-add'], 'dispatcher')?.autocomplete).toBe(true);
  });

  it('puts required options first and offers share to read commands only', () => {
    const deploy = optionsAt(['actions', 'deploy']);
    const firstOptional = deploy.findIndex((o) => !o.required);
    expect(deploy.slice(firstOptional).every((o) => !o.required)).toBe(true);
    expect(deploy.slice(0, firstOptional).map((o) => o.name)).toEqual(['zone', 'alias']);
    expect(optionOf(['fleet', 'servers'], 'share')?.type).toBe(ApplicationCommandOptionType.Boolean);
    expect(optionOf(['config', 'config'], 'share')).toBeDefined();
    expect(optionOf(['actions', 'restart'], 'share')).toBeUndefined();
  });

  it('turns a choice list longer than 25 into autocomplete', () => {
    const many = Array.from({ length: 30 }, (_, i) => `c${i}`) as [string, ...string[]];
    const command = readCommand('colours', z.object({ pick: z.enum(many).describe('One of many') }));
    const built = buildCommandTree(new Catalog([command])).payload;
    const option = optionsAt(['fleet', 'colours'], built)[0]!;
    expect(option).toMatchObject({ autocomplete: true });
    expect(option.choices).toBeUndefined();
    expect(checkCommandPayload(built)).toEqual([]);
  });
});

describe('the payload check', () => {
  const broken = (change: (options: Option[]) => void): string[] => {
    const copy = structuredClone(payload);
    change(optionsAt(['fleet', 'servers'], copy));
    return checkCommandPayload(copy);
  };

  it('names an upper-case or too long name', () => {
    expect(broken((o) => (o[0]!.name = 'Cluster'))).toEqual([expect.stringContaining('"Cluster"')]);
    expect(broken((o) => (o[0]!.name = 'x'.repeat(33)))).toHaveLength(1);
  });

  it('names a description that is empty or over 100 characters', () => {
    expect(broken((o) => (o[0]!.description = ''))).toEqual([expect.stringContaining('0 characters')]);
    expect(broken((o) => (o[0]!.description = 'd'.repeat(101)))).toEqual([expect.stringContaining('101')]);
  });

  it('names a required option after an optional one', () => {
    expect(broken((o) => (o.at(-1)!.required = true))).toEqual([expect.stringContaining('must come before')]);
  });

  it('names more than 25 options or choices', () => {
    const extra = (i: number): Option => ({ type: 5, name: `flag-${i}`, description: 'A flag' });
    expect(broken((o) => o.push(...Array.from({ length: 20 }, (_, i) => extra(i))))).toEqual([
      expect.stringContaining('26 options'),
    ]);
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `s${i}`, value: `s${i}` }));
    expect(broken((o) => (o.find((x) => x.name === 'status')!.choices = choices))).toEqual([
      expect.stringContaining('26 choices'),
    ]);
  });

  it('names a group holding more than 25 subcommands', () => {
    const commands = Array.from({ length: 26 }, (_, i) => readCommand(`list-${i}`, z.object({})));
    const problems = checkCommandPayload(buildCommandTree(new Catalog(commands)).payload);
    expect(problems).toEqual([expect.stringContaining('/cx fleet: 26 options')]);
  });

  it('names a payload over 8,000 characters', () => {
    const commands = Array.from({ length: 20 }, (_, i) =>
      readCommand(
        `wordy-${i}`,
        z.object(
          Object.fromEntries(
            Array.from({ length: 5 }, (_, j) => [`arg-${j}`, text('w'.repeat(99)).optional()]),
          ),
        ),
        i < 10 ? 'fleet' : 'alerts',
      ),
    );
    const problems = checkCommandPayload(buildCommandTree(new Catalog(commands)).payload);
    expect(problems).toEqual([expect.stringMatching(/\/cx: \d+ characters .* allows 8000/)]);
  });
});

describe('the command layout', () => {
  it('refuses two commands that would share a path', () => {
    const spaced = readCommand('lb add', z.object({}), 'actions');
    const hyphenated = readCommand('lb-add', z.object({}), 'actions');
    expect(() => new CommandLayout([spaced, hyphenated])).toThrow('would both be /cx actions lb-add');
  });

  it('repeats a name that is also its group, in a group of several', () => {
    const layoutOf = new CommandLayout([
      readCommand('fleet', z.object({})),
      readCommand('servers', z.object({})),
    ]);
    expect(layoutOf.pathOf('fleet')).toEqual(['fleet', 'fleet']);
  });
});

describe('reading an interaction', () => {
  it('walks down the group and subcommand to the typed values and the focused one', () => {
    const leaf = leafOf([
      {
        name: 'actions',
        type: 2,
        options: [
          {
            name: 'lb-add',
            type: 1,
            options: [
              { name: 'dispatcher', type: 3, value: 'ams-lb-1' },
              { name: 'switch', type: 3, value: 'lon', focused: true },
            ],
          },
        ],
      },
    ]);
    expect(leaf).toEqual({
      path: ['actions', 'lb-add'],
      values: { dispatcher: 'ams-lb-1' },
      focused: { name: 'switch', value: 'lon' },
    });
    expect(leafOf([{ name: 'help', type: 1, options: [{ name: 'share', type: 5, value: true }] }])).toEqual({
      path: ['help'],
      values: { share: true },
    });
  });

  it('decides before deferring whether the answer is private', () => {
    const get = (name: string) => catalog.get(name)!;
    expect(startsPrivate(get('servers'), {})).toBe(true);
    expect(startsPrivate(get('servers'), { share: true })).toBe(false);
    expect(startsPrivate(get('restart'), { server: 'ams-sw-1' })).toBe(false);
    expect(startsPrivate(get('config'), { server: 'ams-sw-1' })).toBe(true);
    expect(startsPrivate(get('config'), { server: 'ams-sw-1', share: true })).toBe(false);
    expect(startsPrivate(get('config'), { server: 'ams-sw-1', tls: true })).toBe(false);
  });
});
