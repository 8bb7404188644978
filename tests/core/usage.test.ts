import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { choice, cluster, int, text, zone } from '../../src/core/args.js';
import { type Command, defineCommand } from '../../src/core/command.js';
import { argumentHelp, riskNote, usageLine } from '../../src/core/usage.js';
import { SERVER_STATUSES } from '../../src/domain/schemas.js';
import echo from '../fixtures/commands/good/echo.js';
import help from '../fixtures/commands/good/help.js';
import uacSet from '../fixtures/commands/good/uac-set.js';

const listServers = defineCommand({
  name: 'servers',
  group: 'fleet',
  summary: 'List the servers',
  examples: ['servers'],
  risk: 'read',
  args: z.object({
    cluster: cluster().optional(),
    type: choice(['switch', 'dispatcher'], 'Switches or dispatchers').optional(),
    status: choice(SERVER_STATUSES, 'Server status').optional(),
    zone: zone().optional(),
  }),
  run: async () => ({ tone: 'info', blocks: [] }),
}) as Command;

describe('usageLine', () => {
  it('brackets optional options and lists short choices', () => {
    expect(usageLine(listServers)).toBe(
      '/cx servers [--cluster <name>] [--type switch|dispatcher] [--status <status>] [--zone <zone>]',
    );
  });

  it('puts positional arguments first, as <name>, then required options before optional ones', () => {
    expect(usageLine(uacSet as Command)).toBe('/cx uac set <server> <user> --password <password>');
    const deploy = defineCommand({
      name: 'deploy',
      group: 'actions',
      summary: 'Deploy a server',
      examples: ['deploy --zone UK --alias x'],
      risk: 'change',
      args: z.object({
        count: int('How many', { min: 1 }).optional(),
        zone: zone(),
        alias: text('Alias'),
      }),
      plan: async () => ({ title: 'x', blocks: [] }),
      execute: async () => ({ tone: 'success', blocks: [] }),
    }) as Command;
    expect(usageLine(deploy)).toBe('/cx deploy --zone <zone> --alias <alias> [--count <n>]');
  });

  it('brackets optional positional arguments and shows booleans as on|off', () => {
    expect(usageLine(help as Command)).toBe('/cx help [<command>] [<subcommand>]');
    expect(usageLine(echo as Command)).toContain(' [--verbose on|off] [--count <n>] ');
  });
});

describe('argumentHelp', () => {
  it('describes each argument, listing long choices and marking optional and secret ones', () => {
    expect(argumentHelp(uacSet as Command)).toEqual([
      { label: '<server>', value: 'Server IP, alias or id' },
      { label: '<user>', value: 'UAC user name' },
      { label: '--password', value: 'UAC password · never shown or logged' },
    ]);
    const status = argumentHelp(listServers).find((entry) => entry.label === '--status');
    expect(status?.value).toBe(`Server status · one of ${SERVER_STATUSES.join(', ')} · optional`);
  });
});

describe('riskNote', () => {
  it('says what each risk asks for', () => {
    expect(riskNote('read')).toContain('changes nothing');
    expect(riskNote('change')).toContain('needs confirmation');
    expect(riskNote('disruptive')).toContain('needs confirmation and a second approver');
  });
});
