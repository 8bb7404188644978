import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindArgs } from '../../src/core/bind.js';
import type { Actor, Invocation } from '../../src/core/invocation.js';
import { tokenize } from '../../src/core/parse.js';
import { ApprovalsRepo } from '../../src/store/approvals-repo.js';
import { type FaultyPlane, isWrite, startFaultyPlane } from '../faults/faulty-plane.js';
import { type RemoteSwitchboard, startRemoteSwitchboard } from '../faults/remote-switchboard.js';
import { Recorder } from '../flows/switchboard.js';

const SLACK_APPROVER_GROUP = 'S0APPROVERS';
const DISCORD_APPROVER_ROLE = '222222222222222222';
const ROLES = {
  SWITCHBOARD_OPERATORS: 'console:alice,slack:U0OPERATOR,discord:111111111111111111',
  SWITCHBOARD_APPROVERS: `console:bob,slack:U0APPROVER,slack-group:${SLACK_APPROVER_GROUP},discord-role:${DISCORD_APPROVER_ROLE}`,
};

const person = (surface: Actor['surface'], id: string, roles: string[] = []): Actor => ({
  surface,
  id,
  name: id,
  roles,
});

/** Viewers only (SWITCHBOARD_VIEWERS is `*`), one per surface. */
const VIEWERS = [
  person('console', 'erin'),
  person('slack', 'U0VIEWER'),
  person('discord', '333333333333333333'),
];

let plane: FaultyPlane;
let board: RemoteSwitchboard;

beforeEach(async () => {
  plane = await startFaultyPlane();
  board = await startRemoteSwitchboard(plane, ROLES);
});

afterEach(async () => {
  await board.close();
  await plane.close();
});

async function as(actor: Actor, gesture: Omit<Invocation, 'actor'>): Promise<string> {
  const out = new Recorder();
  await board.app.router.handle({ actor, channelId: 'C0OPS', ...gesture }, out);
  return out.textSince(0);
}

const writes = () => plane.requests.filter(isWrite).length;

/** A pending request of `line`, made by `requester`; returns its id and the ref of its card. */
async function pendingRequest(requester: Actor, line: string): Promise<{ id: string; card: string }> {
  const out = new Recorder();
  await board.app.router.handle({ actor: requester, channelId: 'C0OPS', text: line }, out);
  const pending = board.app.approvals.listPending().at(-1);
  if (!pending) throw new Error(`no pending request after "${line}": ${out.textSince(0)}`);
  return { id: pending.id, card: out.seen[0]!.ref };
}

const statusOf = (id: string) => new ApprovalsRepo(board.app.db).get(id)?.status;

describe('a viewer', () => {
  it('cannot request any change, on any surface, with any example the catalog gives', async () => {
    const changes = board.app.catalog.list().filter((command) => command.risk !== 'read');
    expect(changes.length).toBeGreaterThan(5);
    let tried = 0;
    for (const command of changes) {
      for (const example of command.examples) {
        const words = tokenize(example).slice(command.name.split(' ').length);
        const { args } = bindArgs(command, words);
        // `config <server>` with no keys only shows the config: a viewer may.
        if (command.isReadOnly?.(args)) continue;
        for (const viewer of VIEWERS) {
          const answer = await as(viewer, { text: example });
          expect(answer, `${viewer.surface}: ${example}`).toMatch(
            /You are not an operator\. Ask an admin to add .+ to SWITCHBOARD_OPERATORS/,
          );
          tried += 1;
        }
      }
    }
    expect(tried).toBeGreaterThan(15);
    expect(board.app.approvals.listPending()).toEqual([]);
    expect(writes()).toBe(0);
  });

  it('cannot turn a read-only view into a change with typed options', async () => {
    const discordViewer = VIEWERS[2]!;
    expect(await as(discordViewer, { text: 'config', options: { server: 'ams-sw-1' } })).toContain(
      'ams-sw-1',
    );
    const sneaked = await as(discordViewer, { text: 'config', options: { server: 'ams-sw-1', tls: true } });
    expect(sneaked).toContain('SWITCHBOARD_OPERATORS');
    expect(board.app.approvals.listPending()).toEqual([]);
  });
});

describe("someone else's pending request", () => {
  const operator = person('slack', 'U0OPERATOR');

  it('cannot be confirmed or cancelled by a viewer, however the confirm is sent', async () => {
    const { id, card } = await pendingRequest(operator, 'restart ams-sw-1');
    const gestures: Omit<Invocation, 'actor'>[] = [
      { text: `confirm ${id}` },
      { text: `/cx confirm ${id.toUpperCase()}` },
      { text: `confirm ${id}`, sourceMessage: card },
      { text: 'confirm', options: { id } },
      { text: `cancel ${id}`, sourceMessage: card },
    ];
    for (const viewer of VIEWERS) {
      for (const gesture of gestures) {
        const answer = await as(viewer, gesture);
        expect(answer, `${viewer.surface}: ${gesture.text}`).toMatch(
          /Only approvers can confirm requests|Only the requester or an approver can cancel/,
        );
      }
    }
    expect(statusOf(id)).toBe('pending');
    expect(writes()).toBe(0);
  });

  it('cannot be confirmed with roles or ids borrowed from another surface', async () => {
    const { id } = await pendingRequest(operator, 'restart ams-sw-1');
    const forged = [
      person('slack', 'U0VIEWER', [DISCORD_APPROVER_ROLE]),
      person('discord', '333333333333333333', [SLACK_APPROVER_GROUP]),
      person('console', 'U0APPROVER'),
      person('discord', 'bob'),
      person('console', 'erin', [SLACK_APPROVER_GROUP, DISCORD_APPROVER_ROLE]),
    ];
    for (const actor of forged) {
      expect(await as(actor, { text: `confirm ${id}` }), `${actor.surface}:${actor.id}`).toContain(
        'Only approvers can confirm requests',
      );
    }
    expect(statusOf(id)).toBe('pending');
    expect(writes()).toBe(0);

    // The same request goes through for a real approver: the refusals above were about who asked.
    const approver = person('slack', 'U0SOMEONE', [SLACK_APPROVER_GROUP]);
    expect(await as(approver, { text: `confirm ${id}` })).toContain('approved by @U0SOMEONE');
    expect(statusOf(id)).toBe('executed');
    expect(writes()).toBe(1);
    await plane.sim.tick(120);
    await board.app.approvals.settled();
  });

  it('cannot be confirmed by its own requester under four eyes, even an approver, on any gesture', async () => {
    const approver = person('discord', '444444444444444444', [DISCORD_APPROVER_ROLE]);
    const { id, card } = await pendingRequest(approver, 'stop ams-sw-2');
    for (const gesture of [
      { text: `confirm ${id}` },
      { text: 'confirm', options: { id } },
      { text: `confirm ${id}`, sourceMessage: card },
    ]) {
      expect(await as(approver, gesture)).toContain('another approver must confirm it');
    }
    expect(statusOf(id)).toBe('pending');
    expect(writes()).toBe(0);
  });

  it('cannot be reached by guessing ids next to a real one', async () => {
    const { id } = await pendingRequest(operator, 'restart ams-sw-1');
    const value = BigInt(`0x${id}`);
    const approver = person('console', 'bob');
    for (const guess of [value + 1n, value - 1n, value ^ 1n]) {
      const near = guess.toString(16).padStart(16, '0');
      expect(await as(approver, { text: `confirm ${near}` })).toContain(`No request with id "${near}"`);
    }
    expect(statusOf(id)).toBe('pending');
    expect(writes()).toBe(0);
  });
});
