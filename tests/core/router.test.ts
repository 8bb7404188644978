import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/core/catalog.js';
import type { Command, CommandContext, GuardedCommand } from '../../src/core/command.js';
import type { Invocation, Responder } from '../../src/core/invocation.js';
import { createRouter, type Guard, NOT_ENABLED, type RouterOptions } from '../../src/core/router.js';
import { actions, header, type Reply } from '../../src/render/reply.js';
import {
  alice,
  type FixtureServices,
  fixtureServices,
  memoryLogger,
  plain,
  RecordingResponder,
  UNREACHABLE,
} from './helpers.js';

/** A guard that plans and posts a card, as the approval flow does, and remembers the request. */
class CardGuard implements Guard {
  readonly requests: { command: string; args: Record<string, unknown>; invocation: Invocation }[] = [];

  async request(
    ctx: CommandContext,
    command: GuardedCommand,
    args: Record<string, unknown>,
    invocation: Invocation,
    responder: Responder,
  ): Promise<void> {
    const plan = await command.plan(ctx, args);
    this.requests.push({ command: command.name, args, invocation });
    await responder.send({
      tone: 'warning',
      blocks: [header(plan.title), actions({ label: 'Confirm', command: '/cx confirm 7f3a9c' })],
    });
  }
}

let services: FixtureServices;
let catalog: Catalog;
beforeAll(async () => {
  services = await fixtureServices();
  catalog = services.catalog;
});
afterAll(() => services.close());

function setup(extra: Partial<RouterOptions> = {}) {
  const { log, lines } = memoryLogger();
  const router = createRouter({ catalog, context: services.contextFor(log), log, ...extra });
  const responder = new RecordingResponder();
  const send = async (text: string, options?: Record<string, unknown>) => {
    await router.handle({ actor: alice, channelId: 'C1', text, ...(options ? { options } : {}) }, responder);
    return responder.sent.at(-1)!;
  };
  return { router, responder, send, lines };
}

const said = (reply: Reply) => plain(reply);

describe('router: finding the command', () => {
  it('runs a read command and answers privately', async () => {
    const { send } = setup();
    const reply = await send('/cx echo ams-sw-1 --count 3');
    expect(reply.private).toBe(true);
    expect(said(reply)).toContain('Echo ams-sw-1');
    expect(said(reply)).toContain('count:  3');
  });

  it('suggests the closest command to an unknown one', async () => {
    const { send } = setup();
    const reply = await send('ech ams-sw-1');
    expect(reply.tone).toBe('danger');
    expect(said(reply)).toBe('Unknown command "ech". Did you mean echo? Type /cx help.');
  });

  it('helps with two-word commands', async () => {
    const { send } = setup();
    expect(said(await send('uac sett ams-sw-1'))).toBe(
      'Unknown command "uac sett". Did you mean uac set? Type /cx help.',
    );
    expect(said(await send('uac'))).toBe('"uac" needs a second word: uac set.\nType /cx help uac.');
  });

  it('answers an empty line with help', async () => {
    const { send } = setup();
    expect(said(await send('/cx'))).toContain('Switchboard commands');
  });

  it('answers a bad argument with one line and the usage', async () => {
    const { send } = setup();
    const reply = await send('echo ams-sw-1 --clustr eu-core');
    expect(said(reply)).toBe(
      'Unknown option --clustr. Did you mean --cluster?\nUsage: /cx echo <server> [--cluster <name>] [--status <status>] [--type switch|dispatcher] [--verbose on|off] [--count <n>] [--note <note>] [--uac-user <uac-user>]',
    );
    expect(reply.private).toBe(true);
  });

  it('answers an unterminated quote', async () => {
    const { send } = setup();
    expect(said(await send('echo "ams'))).toContain('A double quote is not closed.');
  });

  it('takes typed Discord options', async () => {
    const { send } = setup();
    expect(said(await send('echo', { server: 'ams-sw-2', verbose: true }))).toContain('verbose: true');
  });
});

describe('router: commands that answer themselves', () => {
  it('gives the command the gesture and the responder, and sends nothing more', async () => {
    const { router, responder } = setup();
    await router.handle({ actor: alice, text: 'ack', sourceMessage: 'm7' }, responder);
    expect(responder.sent).toEqual([]);
    expect(responder.edits.map((edit) => [edit.ref, said(edit.reply)])).toEqual([
      ['m7', 'Acknowledged by alice.'],
    ]);
  });
});

describe('router: --share', () => {
  it('posts a read answer in the channel', async () => {
    const { send } = setup();
    expect((await send('echo ams-sw-1 --share')).private).toBe(false);
  });
});

describe('router: failures never escape', () => {
  it('shows a UserError as it is, with its hint', async () => {
    const { send } = setup();
    expect(said(await send('refuse'))).toBe('No server "ams-sw-9".\nType /cx servers to list them.');
  });

  it('shows a control-plane failure by its message and logs it', async () => {
    const { send, lines } = setup();
    expect(said(await send('balance-check'))).toBe(UNREACHABLE);
    expect(lines.find((line) => line.msg === 'control plane failed')).toMatchObject({ kind: 'network' });
  });

  it('logs a bug with its stack and shows the user only a reference', async () => {
    const { send, lines } = setup();
    const reply = await send('explode');
    const text = said(reply);
    const match =
      /^Something went wrong running \/cx explode; it has been logged \(ref ([0-9a-f]{8})\)\.$/.exec(text);
    expect(match).not.toBeNull();
    expect(text).not.toContain('TypeError');
    const logged = lines.find((line) => line.msg === 'command failed') as {
      req: string;
      level: number;
      err: { stack: string };
    };
    expect(logged.level).toBe(50);
    expect(logged.req).toBe(match![1]);
    expect(logged.err.stack).toContain('cannot read properties of undefined');
  });

  it('survives a responder that cannot deliver', async () => {
    const { log, lines } = memoryLogger();
    const router = createRouter({ catalog, context: services.contextFor(log), log });
    const broken: Responder = {
      send: () => Promise.reject(new Error('socket closed')),
      edit: () => Promise.reject(new Error('socket closed')),
    };
    await expect(router.handle({ actor: alice, text: 'echo ams-sw-1' }, broken)).resolves.toBeUndefined();
    expect(lines.map((line) => line.msg)).toContain('could not deliver the error reply');
  });

  it('survives a context that cannot be built', async () => {
    const { log } = memoryLogger();
    const router = createRouter({
      catalog,
      context: () => {
        throw new Error('no database');
      },
      log,
    });
    const responder = new RecordingResponder();
    await router.handle({ actor: alice, text: 'echo ams-sw-1' }, responder);
    expect(said(responder.sent[0]!)).toMatch(
      /^Something went wrong running that command; it has been logged/,
    );
  });
});

describe('router: logging', () => {
  it('tags every line of a request with its id, and never logs a secret', async () => {
    const { send, lines } = setup({ guard: new CardGuard() });
    await send('uac set ams-sw-1 carrier1 --password hunter2');
    expect(lines.length).toBeGreaterThan(0);
    const ids = new Set(lines.map((line) => line.req));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^[0-9a-f]{8}$/);
    expect(JSON.stringify(lines)).not.toContain('hunter2');
    expect(lines.find((line) => line.msg === 'command')).toMatchObject({
      command: 'uac set',
      args: { server: 'ams-sw-1', user: 'carrier1', password: '[secret]' },
      surface: 'console',
      user: 'alice',
    });
  });

  it('gives each request its own id', async () => {
    const { send, lines } = setup();
    await send('echo a');
    await send('echo b');
    expect(new Set(lines.map((line) => line.req)).size).toBe(2);
  });
});

describe('router: guarded commands', () => {
  it('hands a change or disruptive command to the guard with its bound arguments', async () => {
    const guard = new CardGuard();
    const { send } = setup({ guard });
    const card = await send('reboot server=ams-sw-1');
    expect(guard.requests).toEqual([
      {
        command: 'reboot',
        args: { server: 'ams-sw-1' },
        invocation: { actor: alice, channelId: 'C1', text: 'reboot server=ams-sw-1' },
      },
    ]);
    expect(said(card)).toBe('Reboot ams-sw-1\n[Confirm] /cx confirm 7f3a9c');
  });

  it('without a guard, says changes are not enabled here', async () => {
    const { send } = setup();
    expect(said(await send('reboot ams-sw-1'))).toBe(NOT_ENABLED);
  });

  it('runs the read view of a guarded command without the guard', async () => {
    const guard = new CardGuard();
    const { send } = setup({ guard });
    const shown = await send('tune ams-sw-1 --share');
    expect(said(shown)).toContain('TLS:    off');
    expect(shown.private).toBe(false);
    expect(guard.requests).toEqual([]);
    await send('tune ams-sw-1 --tls on');
    expect(guard.requests.map((r) => r.args)).toEqual([{ server: 'ams-sw-1', tls: true }]);
  });
});

describe('router: who may run what', () => {
  const viewerOnly = (_actor: unknown, command: Command, args?: Record<string, unknown>) =>
    command.risk === 'read' || (command.name === 'tune' && args?.tls === undefined);

  it('refuses what canRun denies, with the refusal line when there is one', async () => {
    const guard = new CardGuard();
    const { send } = setup({ guard, canRun: viewerOnly });
    expect(said(await send('reboot ams-sw-1'))).toBe(
      'You may not run /cx reboot.\nType /cx help to see the commands you can run.',
    );
    expect(said(await send('tune ams-sw-1'))).toContain('TLS:');
    const refusing = setup({ guard, canRun: viewerOnly, refusal: () => 'You are not an operator.' });
    expect(said(await refusing.send('tune ams-sw-1 --tls on'))).toMatch(/^You are not an operator\./);
    expect(guard.requests).toEqual([]);
  });

  it('suggests only commands the actor may run', async () => {
    const { send } = setup({ canRun: viewerOnly });
    expect(said(await send('rebot ams-sw-1'))).toBe('Unknown command "rebot". Type /cx help.');
  });
});
