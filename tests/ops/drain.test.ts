import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Responder } from '../../src/core/invocation.js';
import { type CommandOutcome, createRouter, SHUTTING_DOWN } from '../../src/core/router.js';
import type { Reply } from '../../src/render/reply.js';
import {
  alice,
  type FixtureServices,
  fixtureServices,
  memoryLogger,
  plain,
  RecordingResponder,
} from '../core/helpers.js';
import { consoleUser, type Switchboard, startSwitchboard } from '../flows/switchboard.js';

/** A responder whose first `send` waits until `open()`: the invocation stays in flight until then. */
class GatedResponder implements Responder {
  readonly sent: Reply[] = [];
  waiting = false;
  private opened = false;
  private openGate: (() => void) | undefined;
  private readonly gate = new Promise<void>((resolve) => {
    this.openGate = resolve;
  });

  constructor(private readonly inner?: Responder) {}

  async send(reply: Reply): Promise<string | undefined> {
    if (!this.opened) {
      this.waiting = true;
      await this.gate;
    }
    this.sent.push(reply);
    return this.inner?.send(reply) ?? `m${this.sent.length}`;
  }

  async edit(ref: string, reply: Reply): Promise<void> {
    await this.inner?.edit(ref, reply);
  }

  open(): void {
    this.opened = true;
    this.openGate?.();
  }
}

async function untilWaiting(responder: GatedResponder): Promise<void> {
  for (let i = 0; i < 500 && !responder.waiting; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(responder.waiting).toBe(true);
}

describe('router.drain', () => {
  let services: FixtureServices;
  beforeAll(async () => {
    services = await fixtureServices();
  });
  afterAll(() => services.close());

  function setup() {
    const { log, lines } = memoryLogger();
    const outcomes: [string | undefined, CommandOutcome][] = [];
    const router = createRouter({
      catalog: services.catalog,
      context: services.contextFor(log),
      log,
      onOutcome: (command, outcome) => outcomes.push([command, outcome]),
    });
    return { router, outcomes, lines };
  }

  it('turns late arrivals away, lets the one in flight finish, and says when all are done', async () => {
    const { router, outcomes, lines } = setup();
    const slow = new GatedResponder();
    const inFlight = router.handle({ actor: alice, text: 'help' }, slow);
    await untilWaiting(slow);

    const drained = router.drain(5_000);
    expect(router.draining).toBe(true);
    const late = new RecordingResponder();
    await router.handle({ actor: alice, text: 'help' }, late);
    expect(late.sent.map(plain)).toEqual([SHUTTING_DOWN]);
    expect(late.sent[0]?.private).toBe(true);

    slow.open();
    await inFlight;
    expect(await drained).toBe(true);
    expect(plain(slow.sent[0]!)).toContain('help');
    expect(outcomes).toEqual([
      [undefined, 'shutting-down'],
      ['help', 'ok'],
    ]);
    expect(
      lines.some(
        (line) =>
          line.msg === 'shutting down: taking no new commands, finishing those in flight' &&
          line.inFlight === 1,
      ),
    ).toBe(true);
  });

  it('gives up waiting after the time given, and reports that not everything finished', async () => {
    const { router } = setup();
    const stuck = new GatedResponder();
    const inFlight = router.handle({ actor: alice, text: 'help' }, stuck);
    await untilWaiting(stuck);
    expect(await router.drain(30)).toBe(false);
    stuck.open();
    await inFlight;
    expect(await router.drain(30)).toBe(true);
  });

  it('resolves at once with nothing in flight', async () => {
    const { router } = setup();
    expect(await router.drain(60_000)).toBe(true);
  });
});

describe('app.close', () => {
  let board: Switchboard | undefined;
  afterEach(async () => {
    await board?.close();
    board = undefined;
  });

  it('drains the router first: the command in flight answers, a late one is told to come back', async () => {
    board = await startSwitchboard();
    const slow = new GatedResponder(board.out);
    const inFlight = board.app.router.handle({ actor: consoleUser('alice'), text: 'servers' }, slow);
    await untilWaiting(slow);

    const closing = board.app.close();
    expect(await board.run('balance')).toBe(SHUTTING_DOWN);
    expect(board.app.db.open).toBe(true);

    slow.open();
    await inFlight;
    await closing;
    expect(plain(slow.sent[0]!)).toContain('ams-sw-1');
    expect(board.app.db.open).toBe(false);
  });
});
