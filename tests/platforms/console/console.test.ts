import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/core/catalog.js';
import type { CommandContext, GuardedCommand } from '../../../src/core/command.js';
import type { Invocation, Responder } from '../../../src/core/invocation.js';
import { createRouter, type Guard } from '../../../src/core/router.js';
import { type ConsoleOptions, PROMPT, startConsole } from '../../../src/platforms/console/console.js';
import { actions, header, type Reply, text } from '../../../src/render/reply.js';
import { type FixtureServices, fixtureServices, memoryLogger } from '../../core/helpers.js';

/** Posts a card, then edits it once the "job" is done, as the approval flow does after a Confirm. */
class EditingGuard implements Guard {
  readonly refs: string[] = [];

  async request(
    ctx: CommandContext,
    command: GuardedCommand,
    args: Record<string, unknown>,
    _invocation: Invocation,
    responder: Responder,
  ): Promise<void> {
    const plan = await command.plan(ctx, args);
    const ref = await responder.send({
      tone: 'warning',
      blocks: [
        header(plan.title),
        actions(
          { label: 'Confirm', command: '/cx confirm 7f3a9c' },
          { label: 'Cancel', command: '/cx cancel 7f3a9c' },
        ),
      ],
    });
    this.refs.push(ref!);
    const outcome = await command.execute(ctx, args);
    await responder.edit(ref!, { tone: outcome.tone, blocks: [header(plan.title), ...outcome.blocks] });
  }
}

let services: FixtureServices;
let catalog: Catalog;
beforeAll(async () => {
  services = await fixtureServices();
  catalog = services.catalog;
});
afterAll(() => services.close());

/** A console on streams, with what it has printed so far. */
function openConsole(extra: Partial<ConsoleOptions> = {}, guard: Guard = new EditingGuard()) {
  const { log } = memoryLogger();
  const router = createRouter({ catalog, context: services.contextFor(log), log, guard });
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
  });
  const done = startConsole({ router, catalog, input, output, interactive: false, user: 'alice', ...extra });
  return { input, done, printed: () => printed };
}

/** Feeds lines to a console and returns everything it printed once it is done. */
async function runConsole(lines: string[], extra: Partial<ConsoleOptions> = {}, end = true): Promise<string> {
  const session = openConsole(extra);
  session.input.write(lines.map((line) => `${line}\n`).join(''));
  if (end) session.input.end();
  await session.done;
  return session.printed();
}

describe('console, piped', () => {
  it('runs each line in order, echoing it, and ends with the input', async () => {
    const printed = await runConsole(['echo ams-sw-1', '/cx balance-check', 'whoami']);
    expect(printed).toBe(
      [
        `${PROMPT}echo ams-sw-1`,
        'Echo ams-sw-1',
        'server: "ams-sw-1"',
        `${PROMPT}/cx balance-check`,
        'The control plane did not answer: connect ECONNREFUSED 127.0.0.1:9',
        `${PROMPT}whoami`,
        'You are alice on the console.',
        '',
      ].join('\n'),
    );
  });

  it('skips blank lines and # comments', async () => {
    const printed = await runConsole(['', '   ', '# a note', 'whoami']);
    expect(printed).toBe(`${PROMPT}whoami\nYou are alice on the console.\n`);
  });

  it('runs "as <name>:" lines as that console user', async () => {
    const printed = await runConsole(['as marco: /cx whoami', 'whoami']);
    expect(printed).toContain('You are marco on the console.\n');
    expect(printed).toContain('You are alice on the console.\n');
  });

  it('stops at exit, even before the input ends', async () => {
    const printed = await runConsole(['whoami', 'exit', 'echo never'], {}, false);
    expect(printed).toBe(`${PROMPT}whoami\nYou are alice on the console.\n${PROMPT}exit\n`);
  });

  it('prints an edited card again, saying which card it replaces', async () => {
    const printed = await runConsole(['reboot ams-sw-1']);
    expect(printed.split('\n')).toEqual([
      `${PROMPT}reboot ams-sw-1`,
      'Reboot ams-sw-1',
      '[Confirm] /cx confirm 7f3a9c',
      '[Cancel]  /cx cancel 7f3a9c',
      '↻ Updated, replaces the card "Reboot ams-sw-1" above:',
      'Reboot ams-sw-1',
      'ams-sw-1 rebooted.',
      '',
    ]);
  });

  it('hands out its card editor, for edits no line asked for', async () => {
    const guard = new EditingGuard();
    let edit: ((ref: string, reply: Reply) => Promise<void>) | undefined;
    const session = openConsole({ registerEditor: (editor) => (edit = editor) }, guard);
    session.input.end('reboot ams-sw-1\n');
    await session.done;
    await edit!(guard.refs[0]!, { tone: 'neutral', blocks: [text('Expired: nobody confirmed in time.')] });
    expect(session.printed()).toMatch(
      /↻ Updated, replaces the card "Reboot ams-sw-1" above:\nExpired: nobody confirmed in time\.\n$/,
    );
  });

  it('prints the banner first, and no colour when the output is not a terminal', async () => {
    const printed = await runConsole(['echo ams-sw-1 --clustr x'], { banner: ['Switchboard 0.1 · console'] });
    expect(printed.split('\n').slice(0, 3)).toEqual([
      'Switchboard 0.1 · console',
      `${PROMPT}echo ams-sw-1 --clustr x`,
      'Unknown option --clustr. Did you mean --cluster?',
    ]);
    expect(printed).not.toContain('\u001b');
  });
});

describe('console, interactive', () => {
  it('prompts, runs what is typed and ends on quit', async () => {
    const raw = await runConsole(['whoami', 'quit', 'whoami'], { interactive: true }, false);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: readline's cursor moves are not what we read
    const printed = raw.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
    expect(printed.startsWith(PROMPT)).toBe(true);
    expect(printed.match(/You are alice on the console\./g)).toHaveLength(1);
    expect(printed.trimEnd().endsWith(PROMPT.trimEnd())).toBe(true);
  });
});
