import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Server } from '../../src/domain/schemas.js';
import { ApprovalsRepo } from '../../src/store/approvals-repo.js';
import {
  type Fault,
  type FaultyPlane,
  FORWARDING_FAULTS,
  isWrite,
  startFaultyPlane,
} from './faulty-plane.js';
import { type RemoteSwitchboard, startRemoteSwitchboard } from './remote-switchboard.js';

const ROLES = { SWITCHBOARD_OPERATORS: 'console:alice', SWITCHBOARD_APPROVERS: 'console:bob' };
const WRITES = ['POST', 'PUT', 'DELETE'];
const MAYBE = /\(the change may or may not have been made: check before trying again\)/;
/** What no user should ever see: a stack frame, an HTML page, a JavaScript artefact. */
const LEAKED_INTERNALS = /<html|<!doctype|nginx|\bat .+:\d+:\d+|undefined|\[object /i;

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

/** The ways a control plane fails on its own (the others are tools of particular tests). */
type BrokenAnswer = Exclude<Fault, 'echo-auth' | 'hold'>;

const faultyRequests = (fault: Fault) => plane.requests.filter((request) => request.fault === fault);

describe('reads through control-plane faults', () => {
  const RETRIED: Fault[] = ['reset', 'slow', 'status-500', 'status-429', 'cut'];

  it.each(RETRIED)('%s once: the read is tried again and answers as if nothing happened', async (fault) => {
    plane.inject(fault, { times: 1, methods: ['GET'] });
    const shown = await board.run('servers');
    expect(shown).toContain('ams-sw-1');
    expect(shown).not.toMatch(/control plane/i);
    expect(faultyRequests(fault)).toHaveLength(1);
  });

  const READ_FAILURE: Record<BrokenAnswer, RegExp> = {
    reset: /The connection to the control plane at http:\/\/127\.0\.0\.1:\d+\/api\/cp\/ broke/,
    slow: /did not answer within 400 ms \(tried 3 times\)/,
    'status-500': /answered 500 Internal Server Error \(tried 3 times\)/,
    'status-429': /rate limiting requests: Too many requests \(tried 3 times\): try again in 1 s/,
    garbage: /answered GET setup\/server with something that is not JSON/,
    cut: /The connection to the control plane at .* broke/,
  };

  it.each(Object.keys(READ_FAILURE) as (keyof typeof READ_FAILURE)[])(
    '%s on every read: says what is wrong, then works again by itself once the fault clears',
    async (fault) => {
      plane.inject(fault, { methods: ['GET'] });
      const failed = await board.run('servers');
      expect(failed).toMatch(READ_FAILURE[fault]);
      expect(failed).not.toMatch(LEAKED_INTERNALS);
      plane.clear();
      expect(await board.run('servers')).toContain('ams-sw-1');
    },
  );

  it('down: says the control plane cannot be reached, and works again once it is back', async () => {
    await plane.goDown();
    const failed = await board.run('servers');
    expect(failed).toMatch(
      /Could not reach the control plane at http:\/\/127\.0\.0\.1:\d+\/api\/cp\/: connection refused/,
    );
    expect(failed).not.toMatch(LEAKED_INTERNALS);
    await plane.comeBack();
    expect(await board.run('servers')).toContain('ams-sw-1');
  });
});

/** What the plane really holds, read past the proxy. */
async function planeState() {
  const servers = await plane.direct.listServers();
  const jobs = await plane.direct.listJobs();
  return { servers, jobs };
}

const withoutServer = (servers: Server[], id: number) => servers.filter((server) => server.id !== id);

/** Requests a stop of `alias` as alice and returns the pending request's id. */
async function requestStop(alias: string): Promise<string> {
  const card = await board.run(`stop ${alias}`, 'alice');
  expect(card).toContain(`Stop ${alias}`);
  const newest = board.app.approvals.listPending().at(-1);
  if (!newest) throw new Error('no pending request');
  return newest.id;
}

function approvalRow(id: string) {
  const row = new ApprovalsRepo(board.app.db).get(id);
  if (!row) throw new Error(`no approval ${id}`);
  return row;
}

function statusesInStore(): string[] {
  return board.app.db
    .prepare('SELECT status FROM approvals')
    .all()
    .map((row) => (row as { status: string }).status);
}

describe('a confirmed change whose write meets a fault', () => {
  const WRITE_FAILURE: Record<BrokenAnswer, RegExp> = {
    reset: MAYBE,
    slow: /did not answer within 400 ms \(the change may or may not have been made/,
    'status-500': /answered 500 Internal Server Error \(the change may or may not have been made/,
    'status-429': /rate limiting requests: Too many requests: try again in 1 s/,
    garbage: /answered POST setup\/server\/\d+\/action with something that is not JSON/,
    cut: MAYBE,
  };

  it.each(Object.keys(WRITE_FAILURE) as (keyof typeof WRITE_FAILURE)[])(
    '%s: sent once, the card says it was not done and why, the request ends failed, nothing else moves',
    async (fault) => {
      const id = await requestStop('ams-sw-1');
      const target = approvalRow(id).serverId!;
      const before = await planeState();
      plane.inject(fault, { methods: WRITES });

      const shown = await board.run(`confirm ${id}`, 'bob');

      expect(shown).toContain('approved by @bob');
      expect(shown).toMatch(new RegExp(`Not done: .*${WRITE_FAILURE[fault].source}`));
      expect(shown).not.toMatch(LEAKED_INTERNALS);
      const row = approvalRow(id);
      expect(row.status).toBe('failed');
      expect(shown).toContain((row.result as { error: string }).error);
      expect(plane.requests.filter(isWrite)).toHaveLength(1);

      const after = await planeState();
      expect(withoutServer(after.servers, target)).toEqual(withoutServer(before.servers, target));
      const newJobs = after.jobs.filter((job) => !before.jobs.some((old) => old.id === job.id));
      if (FORWARDING_FAULTS.includes(fault)) {
        // The plane got the write before its answer broke: made once, never repeated.
        expect(newJobs.map((job) => [job.server_id, job.action])).toEqual([[target, 'stop']]);
      } else {
        expect(after).toEqual(before);
      }
      expect(statusesInStore()).not.toContain('approved');

      plane.clear();
      const next = await requestStop('ams-sw-2');
      expect(await board.run(`confirm ${next}`, 'bob')).toMatch(/job \d+/);
      expect(approvalRow(next).status).toBe('executed');
      await plane.sim.tick(120);
      await board.app.approvals.settled();
    },
  );

  it('down between the card and the click: the re-check fails, nothing is sent, the request ends failed', async () => {
    const id = await requestStop('ams-sw-1');
    const before = await planeState();
    await plane.goDown();
    const shown = await board.run(`confirm ${id}`, 'bob');
    expect(shown).toMatch(/Not done: Could not reach the control plane at .*: connection refused/);
    expect(approvalRow(id).status).toBe('failed');
    expect(await planeState()).toEqual(before);
    await plane.comeBack();
    expect(plane.requests.filter(isWrite)).toHaveLength(0);
    expect(statusesInStore()).toEqual(['failed']);
  });

  it('a job whose looks fail for a while still ends on the card once the plane answers again', async () => {
    const id = await requestStop('ams-sw-1');
    await board.run(`confirm ${id}`, 'bob');
    // Two looks at the job fail outright (each GET is tried three times).
    plane.inject('status-500', { methods: ['GET'], times: 6 });
    await plane.sim.tick(120);
    await board.app.approvals.settled();
    expect(approvalRow(id).status).toBe('executed');
    expect(board.out.latest('msg-1')).toMatch(/ams-sw-1 .* is stopped/);
  });
});
