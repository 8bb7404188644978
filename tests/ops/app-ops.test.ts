import { afterEach, describe, expect, it } from 'vitest';
import type { OpsServer } from '../../src/ops/server.js';
import { startOps } from '../../src/ops/start.js';
import { type FaultyPlane, startFaultyPlane } from '../faults/faulty-plane.js';
import { type RemoteSwitchboard, startRemoteSwitchboard } from '../faults/remote-switchboard.js';
import { type Switchboard, startSwitchboard } from '../flows/switchboard.js';
import { metric } from './exposition.js';

const ROLES = {
  SWITCHBOARD_OPERATORS: 'console:alice',
  SWITCHBOARD_APPROVERS: 'console:bob',
  METRICS_PORT: '0',
};

let board: Switchboard | undefined;
let remote: RemoteSwitchboard | undefined;
let plane: FaultyPlane | undefined;
let ops: OpsServer | undefined;

afterEach(async () => {
  await ops?.close();
  await board?.close();
  await remote?.close();
  await plane?.close();
  board = remote = plane = ops = undefined;
});

const scrape = async (server: OpsServer) => (await fetch(`${server.url}/metrics`)).text();
const readiness = async (server: OpsServer) => {
  const response = await fetch(`${server.url}/readyz`);
  return { status: response.status, ...((await response.json()) as { checks: Record<string, boolean> }) };
};

describe('the metrics of a running app', () => {
  it('counts commands, approval steps and control-plane calls as they happen', async () => {
    board = await startSwitchboard(ROLES);
    ops = await startOps(board.app);
    expect(ops.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    await board.run('servers');
    await board.run('servers --cluster nowhere');
    await board.run('frobnicate');
    await board.run('restart ams-sw-1', 'alice');
    const id = board.lastRequestId();
    await board.run(`confirm ${id}`, 'alice');
    await board.run(`confirm ${id}`, 'bob');
    await board.advance(70);

    const text = await scrape(ops);
    const commands = (command: string, outcome: string) =>
      metric(text, 'switchboard_commands_total', { command, outcome });
    expect(commands('servers', 'ok')).toBe(1);
    expect(commands('servers', 'refused')).toBe(1);
    expect(commands('unknown', 'refused')).toBe(1);
    expect(commands('restart', 'ok')).toBe(1);
    expect(commands('confirm', 'refused')).toBe(1);
    expect(commands('confirm', 'ok')).toBe(1);

    const steps = (event: string, outcome: string) =>
      metric(text, 'switchboard_approvals_total', { event, outcome });
    expect(steps('request', 'pending')).toBe(1);
    expect(steps('refuse', 'four-eyes')).toBe(1);
    expect(steps('confirm', 'approved')).toBe(1);
    expect(steps('execute', 'ok')).toBe(1);
    expect(steps('result', 'ok')).toBe(1);

    const calls = 'switchboard_controlplane_request_duration_seconds_count';
    expect(metric(text, calls, { method: 'GET', route: 'setup/server' })).toBeGreaterThanOrEqual(4);
    expect(metric(text, calls, { method: 'POST', route: 'setup/server/:id/action' })).toBe(1);
    expect(metric(text, calls, { method: 'GET', route: 'setup/job/:id' })).toBeGreaterThanOrEqual(1);
  });

  it('counts control-plane errors by status and a failed command by its outcome', async () => {
    plane = await startFaultyPlane();
    remote = await startRemoteSwitchboard(plane, ROLES);
    ops = await startOps(remote.app);
    plane.inject('status-500', { paths: ['setup/account'] });
    expect(await remote.run('balance')).toContain('answered 500 Internal Server Error (tried 3 times)');
    const text = await scrape(ops);
    expect(metric(text, 'switchboard_controlplane_errors_total', { method: 'GET', status: '500' })).toBe(3);
    expect(
      metric(text, 'switchboard_commands_total', { command: 'balance', outcome: 'control-plane-error' }),
    ).toBe(1);
  });
});

describe('the readiness of a running app', () => {
  it('is ready with the store open, the plane answering and commands taken, and not once closing', async () => {
    board = await startSwitchboard(ROLES);
    ops = await startOps(board.app);
    expect(await readiness(ops)).toEqual({
      status: 200,
      ready: true,
      checks: { store: true, 'control-plane': true, commands: true },
    });
    await board.app.close();
    expect(await readiness(ops)).toMatchObject({
      status: 503,
      ready: false,
      checks: { store: false, commands: false },
    });
  });

  it('asks a quiet control plane itself, and follows it going down and coming back', async () => {
    plane = await startFaultyPlane();
    remote = await startRemoteSwitchboard(plane, ROLES);
    ops = await startOps(remote.app);
    await plane.goDown();
    expect((await readiness(ops)).checks['control-plane']).toBe(false);
    await plane.comeBack();
    expect(await readiness(ops)).toMatchObject({ status: 200, checks: { 'control-plane': true } });
    expect(plane.requests.map((request) => request.path)).toEqual(['setup/account']);
  });

  it('takes the checks a surface registers', async () => {
    board = await startSwitchboard(ROLES);
    ops = await startOps(board.app);
    let connected = false;
    board.app.ready.register('slack', () => connected);
    expect(await readiness(ops)).toMatchObject({ status: 503, checks: { slack: false } });
    connected = true;
    expect(await readiness(ops)).toMatchObject({ status: 200, checks: { slack: true } });
  });
});
