import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import type { Actor, Invocation, Responder } from '../../src/core/invocation.js';
import { tokenize } from '../../src/core/parse.js';
import { checkBlockKitLimits, renderBlockKit } from '../../src/render/blockkit.js';
import { checkDiscordLimits, renderDiscord } from '../../src/render/discord.js';
import { renderPlain } from '../../src/render/plain.js';
import type { Reply } from '../../src/render/reply.js';
import { type Approval, ApprovalsRepo } from '../../src/store/approvals-repo.js';
import { type FaultyPlane, isWrite, startFaultyPlane } from '../faults/faulty-plane.js';
import { type RemoteSwitchboard, startRemoteSwitchboard } from '../faults/remote-switchboard.js';
import { anyText, lineArbitrary, optionsArbitrary } from './arbitraries.js';

/**
 * Each run goes through the whole app (router, RBAC, approvals, commands, client, HTTP) to a real
 * embedded control plane, so there are far fewer of them than of the parser's.
 */
const RUNS = 1_000;

const APPROVER_GROUP = 'SAPPROVERS';
const DISCORD_APPROVER = '333333333333333333';
const DISCORD_OPERATOR_ROLE = '222222222222222222';
const ROLES = {
  SWITCHBOARD_OPERATORS: `console:alice,slack:UOPERATOR1,discord-role:${DISCORD_OPERATOR_ROLE}`,
  SWITCHBOARD_APPROVERS: `console:bob,slack-group:${APPROVER_GROUP},discord:${DISCORD_APPROVER}`,
};

/** Who may confirm, worked out here from ROLES rather than by the code under test. */
function isApprover(actor: Actor): boolean {
  if (actor.surface === 'console') return actor.id === 'bob';
  if (actor.surface === 'slack') return actor.roles.includes(APPROVER_GROUP);
  return actor.id === DISCORD_APPROVER;
}

const actorArbitrary: fc.Arbitrary<Actor> = fc.record({
  surface: fc.constantFrom('slack', 'discord', 'console'),
  id: fc.oneof(
    fc.constantFrom(
      'alice',
      'bob',
      'erin',
      'UOPERATOR1',
      'UAPPROVER1',
      DISCORD_APPROVER,
      DISCORD_OPERATOR_ROLE,
    ),
    // Slack and Discord always say who acted: an empty id is not a payload they send.
    fc.string({ minLength: 1, maxLength: 20 }),
  ),
  name: fc.oneof(fc.constantFrom('alice', 'bob', 'Ωmega <@U1> *bold*'), anyText),
  roles: fc.array(fc.oneof(fc.constantFrom(APPROVER_GROUP, DISCORD_OPERATOR_ROLE, 'S0000'), fc.string()), {
    maxLength: 3,
  }),
});

/** A Confirm or Cancel of a request that really is pending (picked when the run starts). */
interface Decision {
  verb: 'confirm' | 'cancel';
  pick: number;
  /** How the id is sent: typed, as a Discord option, or mangled. */
  form: 'typed' | 'option' | 'upper' | 'padded';
}

interface Gesture {
  actor: Actor;
  what: string | Decision;
  options: Record<string, unknown> | undefined;
  channelId: string | undefined;
  sourceMessage: string | undefined;
}

/** Every reply the router gives, rendered for every platform as it arrives. */
class CheckingResponder implements Responder {
  readonly problems: string[] = [];
  readonly texts: string[] = [];
  private next = 0;

  async send(reply: Reply): Promise<string> {
    this.check(reply);
    return `fuzz-${++this.next}`;
  }

  async edit(_ref: string, reply: Reply): Promise<void> {
    this.check(reply);
  }

  private check(reply: Reply): void {
    this.texts.push(renderPlain(reply, { color: false }));
    this.problems.push(
      ...checkBlockKitLimits(renderBlockKit(reply)),
      ...checkDiscordLimits(renderDiscord(reply)),
    );
  }
}

let plane: FaultyPlane;
let board: RemoteSwitchboard;
let repo: ApprovalsRepo;

beforeAll(async () => {
  plane = await startFaultyPlane();
  board = await startRemoteSwitchboard(plane, ROLES);
  repo = new ApprovalsRepo(board.app.db);
});

afterAll(async () => {
  await board.close();
  await plane.close();
});

function allApprovals(): Approval[] {
  const ids = board.app.db.prepare('SELECT id FROM approvals').all() as { id: string }[];
  return ids.map(({ id }) => repo.get(id)!);
}

function invocationOf(gesture: Gesture): Invocation {
  const { what, actor } = gesture;
  const base = {
    actor,
    ...(gesture.channelId !== undefined ? { channelId: gesture.channelId } : {}),
    ...(gesture.sourceMessage !== undefined ? { sourceMessage: gesture.sourceMessage } : {}),
  };
  if (typeof what === 'string')
    return { ...base, text: what, ...(gesture.options ? { options: gesture.options } : {}) };
  const pending = board.app.approvals.listPending();
  const id = pending.length > 0 ? pending[what.pick % pending.length]!.id : '0123456789abcdef';
  switch (what.form) {
    case 'option':
      return { ...base, text: what.verb, options: { id } };
    case 'upper':
      return { ...base, text: `${what.verb.toUpperCase()} ${id.toUpperCase()}` };
    case 'padded':
      return { ...base, text: `/cx  ${what.verb}\t"${id}" ` };
    default:
      return { ...base, text: `${what.verb} ${id}` };
  }
}

function isConfirm(invocation: Invocation): boolean {
  try {
    return board.app.catalog.resolve(tokenize(invocation.text))?.command.name === 'confirm';
  } catch (error) {
    if (error instanceof UserError) return false;
    throw error;
  }
}

describe('the router, fuzzed through the whole app', () => {
  it(`answers ${RUNS} random gestures within platform limits, and changes nothing without a confirm`, async () => {
    const catalog = board.app.catalog;
    const guardedExamples = catalog
      .list()
      .filter((command) => command.risk !== 'read')
      .flatMap((command) => command.examples);
    const decision: fc.Arbitrary<Decision> = fc.record({
      verb: fc.constantFrom('confirm', 'cancel'),
      pick: fc.nat(),
      form: fc.constantFrom('typed', 'option', 'upper', 'padded'),
    });
    const gesture: fc.Arbitrary<Gesture> = fc.record({
      actor: actorArbitrary,
      what: fc.oneof(
        { arbitrary: lineArbitrary(catalog), weight: 5 },
        { arbitrary: fc.constantFrom(...guardedExamples), weight: 2 },
        { arbitrary: decision, weight: 3 },
      ),
      options: optionsArbitrary(catalog),
      channelId: fc.option(anyText, { nil: undefined }),
      sourceMessage: fc.option(fc.oneof(fc.constant('fuzz-1'), anyText), { nil: undefined }),
    });

    let writes = 0;
    const property = fc.asyncProperty(gesture, async (g) => {
      const invocation = invocationOf(g);
      const before = new Map(allApprovals().map((a) => [a.id, a.status]));
      const seen = plane.requests.length;
      const responder = new CheckingResponder();

      await expect(board.app.router.handle(invocation, responder)).resolves.toBeUndefined();

      expect(responder.texts.length).toBeGreaterThan(0);
      expect(responder.problems).toEqual([]);
      for (const text of responder.texts) expect(text).not.toContain('Something went wrong');

      const after = allApprovals();
      for (const approval of after) {
        expect(approval.status).not.toBe('approved');
        const command = catalog.get(approval.command);
        expect(command?.args.safeParse(approval.args).success, approval.command).toBe(true);
      }
      const sent = plane.requests.slice(seen).filter(isWrite);
      if (sent.length === 0) return;
      writes += sent.length;
      expect(isConfirm(invocation), invocation.text).toBe(true);
      expect(isApprover(invocation.actor)).toBe(true);
      const decided = after.filter((a) => before.get(a.id) === 'pending' && a.status !== 'pending');
      expect(decided).toHaveLength(1);
      const [approval] = decided;
      expect(approval!.decidedBy).toMatchObject({
        surface: invocation.actor.surface,
        id: invocation.actor.id,
      });
      if (approval!.risk === 'disruptive') {
        expect(approval!.requester).not.toMatchObject({
          surface: invocation.actor.surface,
          id: invocation.actor.id,
        });
      }
    });
    await fc.assert(property, { numRuns: RUNS });
    // The runs must have reached the control plane's writes, or the checks above proved nothing.
    expect(writes).toBeGreaterThan(0);
    await board.app.approvals.settled();
  }, 90_000);
});
