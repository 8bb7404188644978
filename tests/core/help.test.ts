import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/core/catalog.js';
import type { Command } from '../../src/core/command.js';
import { createRouter, type RouterOptions } from '../../src/core/router.js';
import {
  alice,
  type FixtureServices,
  fixtureServices,
  memoryLogger,
  plain,
  RecordingResponder,
} from './helpers.js';

let services: FixtureServices;
let catalog: Catalog;
beforeAll(async () => {
  services = await fixtureServices();
  catalog = services.catalog;
});
afterAll(() => services.close());

async function help(line: string, options: Partial<RouterOptions> = {}): Promise<string> {
  const { log } = memoryLogger();
  const router = createRouter({ catalog, context: services.contextFor(log), log, ...options });
  const responder = new RecordingResponder();
  await router.handle({ actor: alice, text: line }, responder);
  expect(responder.sent).toHaveLength(1);
  return plain(responder.sent[0]!);
}

describe('/cx help', () => {
  it('lists the commands by group, in group order, with their summaries', async () => {
    const text = await help('help');
    expect(text.split('\n')[0]).toBe('Switchboard commands');
    const order = ['Fleet', 'Server actions', 'Server configuration', 'Help'].map((title) =>
      text.split('\n').indexOf(title),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('echo:          Show the arguments it was given');
    expect(text).toContain('\nreboot: Reboot a server (cuts its calls)\n');
    expect(text).toContain('\nuac set: Set the UAC credentials of a server\n');
    expect(text).toContain('Type /cx help <command> for its arguments and examples.');
  });

  it('lists only what the asking user may run', async () => {
    const text = await help('help', { canRun: (_actor, command: Command) => command.risk === 'read' });
    expect(text).toContain('echo:');
    expect(text).not.toContain('reboot');
    expect(text).not.toContain('Server actions');
  });

  it('shows one command: usage, arguments, risk and examples', async () => {
    expect((await help('help uac set')).split('\n')).toEqual([
      '/cx uac set',
      'Set the UAC credentials of a server',
      '/cx uac set <server> <user> --password <password>',
      '<server>:   Server IP, alias or id',
      '<user>:     UAC user name',
      '--password: UAC password · never shown or logged',
      'Makes a change: needs confirmation (a Confirm/Cancel card).',
      'Examples',
      '/cx uac set ams-sw-1 carrier1 --password s3cret',
    ]);
  });

  it('says a disruptive command needs a second approver, and a read one how to share', async () => {
    expect(await help('help reboot')).toContain('needs confirmation and a second approver');
    expect(await help('help echo')).toContain('add --share to post the answer in the channel');
  });

  it('marks a command the user may not run', async () => {
    const text = await help('help reboot', { canRun: (_actor, command: Command) => command.risk === 'read' });
    expect(text).toContain('You may not run this command');
  });

  it('lists a family of two-word commands', async () => {
    expect((await help('help uac')).split('\n').slice(0, 2)).toEqual([
      '/cx uac commands',
      'Server configuration',
    ]);
  });

  it('suggests a command for a typo', async () => {
    expect(await help('help rebot')).toBe(
      'No command "rebot". Did you mean reboot?\nType /cx help to list them.',
    );
  });
});
