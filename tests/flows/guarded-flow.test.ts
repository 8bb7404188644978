import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Switchboard, startSwitchboard } from './switchboard.js';

const ROLES = {
  SWITCHBOARD_OPERATORS: 'console:alice,console:carol',
  SWITCHBOARD_APPROVERS: 'console:bob,console:dave',
};

let board: Switchboard | undefined;
afterEach(async () => {
  await board?.close();
  board = undefined;
});

async function restartJobs(b: Switchboard, alias: string) {
  const server = await b.app.fleet.resolveServer(alias);
  return (await b.app.controlPlane.listJobs(server.id)).filter((job) => job.action === 'restart');
}

describe('a disruptive request, confirmed by a second person', () => {
  it('shows a card, refuses the requester, executes once for the approver and follows the job', async () => {
    board = await startSwitchboard(ROLES);
    const card = await board.run('restart ams-sw-1');
    expect(card).toContain('Restart ams-sw-1 (203.0.113.42)');
    expect(card).toContain('611 calls in progress right now will be cut');
    expect(card).toContain('needs an approver other than @alice');
    const id = board.lastRequestId();
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(card).toContain(`[Confirm restart] /cx confirm ${id}`);
    expect(card).toContain(`/cx cancel ${id}`);

    const own = await board.run(`confirm ${id}`, 'alice');
    expect(own).toContain('another approver must confirm it');
    expect(await restartJobs(board, 'ams-sw-1')).toHaveLength(0);

    const approved = await board.run(`confirm ${id}`, 'bob');
    expect(approved).toContain('approved by @bob');
    expect(await restartJobs(board, 'ams-sw-1')).toHaveLength(1);

    await board.advance(70);
    const last = board.out.latest('msg-1');
    expect(last).toContain('ams-sw-1 (203.0.113.42) is back: active');
    expect(board.out.seen.at(-1)?.reply.notify?.[0]?.name).toBe('alice');

    const again = await board.run(`confirm ${id}`, 'dave');
    expect(again).toContain('already approved by bob');
    expect(await restartJobs(board, 'ams-sw-1')).toHaveLength(1);

    const audit = await board.run('audit 20 ams-sw-1');
    for (const event of ['request', 'refuse', 'confirm', 'execute', 'result']) expect(audit).toContain(event);
    expect(audit).toContain('four-eyes');
  });

  it('executes exactly once when two approvers confirm at the same moment', async () => {
    board = await startSwitchboard(ROLES);
    await board.run('restart ams-sw-2');
    const id = board.lastRequestId();
    const [first, second] = await Promise.all([
      board.run(`confirm ${id}`, 'bob'),
      board.run(`confirm ${id}`, 'dave'),
    ]);
    expect(await restartJobs(board, 'ams-sw-2')).toHaveLength(1);
    const loser = first.includes('already approved') ? first : second;
    expect(loser).toMatch(/already approved by (bob|dave)/);
  });
});

describe('who may do what', () => {
  it('refuses a viewer and names the variable to set', async () => {
    board = await startSwitchboard(ROLES);
    const refused = await board.run('restart ams-sw-1', 'erin');
    expect(refused).toContain('SWITCHBOARD_OPERATORS');
    expect(board.app.approvals.listPending()).toHaveLength(0);
  });

  it('lets nobody change anything when no operators are set on a platform-like setup', async () => {
    board = await startSwitchboard({ SWITCHBOARD_APPROVERS: 'console:bob' });
    const refused = await board.run('stop ams-sw-1', 'alice');
    expect(refused).toMatch(/SWITCHBOARD_OPERATORS/);
  });

  it('only lists in help what the asker may run', async () => {
    board = await startSwitchboard(ROLES);
    const viewer = await board.run('help', 'erin');
    expect(viewer).toContain('servers');
    expect(viewer).not.toMatch(/^restart:/m);
    const operator = await board.run('help', 'alice');
    expect(operator).toMatch(/^restart:/m);
  });

  it('refuses a confirm from an operator who is not an approver', async () => {
    board = await startSwitchboard(ROLES);
    await board.run('restart ams-sw-1', 'alice');
    const refused = await board.run(`confirm ${board.lastRequestId()}`, 'carol');
    expect(refused).toContain('SWITCHBOARD_APPROVERS');
  });
});

describe('cancel, expiry and restarts', () => {
  it('lets the requester cancel, and a later confirm changes nothing', async () => {
    board = await startSwitchboard(ROLES);
    await board.run('restart ams-sw-1');
    const id = board.lastRequestId();
    expect(await board.run(`cancel ${id}`, 'alice')).toContain('Cancelled');
    expect(await board.run(`confirm ${id}`, 'bob')).toContain('already cancelled by alice');
    expect(await restartJobs(board, 'ams-sw-1')).toHaveLength(0);
  });

  it('answers an unknown id clearly', async () => {
    board = await startSwitchboard(ROLES);
    expect(await board.run('confirm 0123456789abcdef', 'bob')).toContain(
      'No request with id "0123456789abcdef"',
    );
    expect(await board.run('confirm nonsense', 'bob')).toContain('/cx approvals');
  });

  it('refuses an expired request and the sweep marks its card', async () => {
    board = await startSwitchboard({ ...ROLES, SWITCHBOARD_APPROVAL_TTL: '1s' });
    await board.run('restart ams-sw-1');
    const id = board.lastRequestId();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await board.run(`confirm ${id}`, 'bob')).toContain('expired');
    expect(await restartJobs(board, 'ams-sw-1')).toHaveLength(0);
    expect(await board.run('audit 5')).toContain('expire');
  });

  it('confirms a pending request after the bot restarts', async () => {
    board = await startSwitchboard(ROLES);
    await board.run('restart ams-sw-1');
    const id = board.lastRequestId();
    await board.restart();
    expect(await board.run(`confirm ${id}`, 'bob')).toContain('approved by @bob');
    expect(await restartJobs(board, 'ams-sw-1')).toHaveLength(1);
  });

  it('checks the plan again at execution and sends nothing when it no longer holds', async () => {
    board = await startSwitchboard(ROLES);
    await board.run('stop ams-sw-1');
    const id = board.lastRequestId();
    const server = await board.app.fleet.resolveServer('ams-sw-1');
    await board.sim.setServer(server.id, { status: 'stopped' });
    const outcome = await board.run(`confirm ${id}`, 'bob');
    expect(outcome).toContain('nothing was sent');
    expect(
      (await board.app.controlPlane.listJobs(server.id)).filter((j) => j.action === 'stop'),
    ).toHaveLength(0);
  });
});

describe('deploys', () => {
  it('says exactly how much is missing before any card', async () => {
    board = await startSwitchboard(ROLES);
    await board.sim.setAccount({ balance: 35 });
    const refused = await board.run('deploy zone=Singapore alias=sgp-sw-2');
    expect(refused).toMatch(/\$35\.00/);
    expect(refused).toMatch(/\$1[0-9]{2}\.00/);
    expect(board.app.approvals.listPending()).toHaveLength(0);
  });

  it('follows a confirmed deploy until the server is ready with its IP', async () => {
    board = await startSwitchboard(ROLES);
    await board.sim.setAccount({ balance: 5_000 });
    await board.run('deploy zone=Singapore alias=sgp-sw-2 type=switch');
    await board.run(`confirm ${board.lastRequestId()}`, 'bob');
    await board.advance(400);
    const deployed = await board.app.fleet.resolveServer('sgp-sw-2');
    expect(deployed.status).toBe('active');
    expect(board.out.textSince(0)).toContain(`sgp-sw-2 is ready at ${deployed.ip}`);
  });
});

describe('the UAC password', () => {
  const PASSWORD = 'Tr0ub4dor&3-never-shown';

  function filesUnder(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  }

  it('reaches the control plane and nothing else: no output, log line or database row', async () => {
    board = await startSwitchboard(ROLES);
    await board.run(`config ams-sw-1 uac-user=trunk-2 uac-password=${PASSWORD}`);
    await board.run(`confirm ${board.lastRequestId()}`, 'bob');
    await board.run('audit 10');
    const server = await board.app.fleet.resolveServer('ams-sw-1');
    expect(server.config.uac_auth).toEqual({ username: 'trunk-2', password_set: true });
    expect(board.out.textSince(0)).not.toContain(PASSWORD);
    expect(JSON.stringify(board.out.seen.map((s) => s.reply))).not.toContain(PASSWORD);
    expect(board.logLines.join('\n')).not.toContain(PASSWORD);
    const switchboardFiles = filesUnder(board.dataDir).filter((file) => file.includes('switchboard.db'));
    expect(switchboardFiles.length).toBeGreaterThan(0);
    for (const file of switchboardFiles) expect(readFileSync(file).includes(PASSWORD)).toBe(false);
  });

  it('asks for it again when a restart lost it, instead of executing without it', async () => {
    board = await startSwitchboard(ROLES);
    await board.run(`config ams-sw-1 uac-user=trunk-2 uac-password=${PASSWORD}`);
    const id = board.lastRequestId();
    await board.restart();
    const answer = await board.run(`confirm ${id}`, 'bob');
    expect(answer).toContain('lost when Switchboard restarted');
    const server = await board.app.fleet.resolveServer('ams-sw-1');
    expect(server.config.uac_auth?.username).not.toBe('trunk-2');
  });
});
