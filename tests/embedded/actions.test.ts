import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ActionOk, Job, type Server } from '../../src/domain/schemas.js';
import { ACTION_RULES } from '../../src/domain/status.js';
import { type Api, startTestPlane } from './helpers.js';

let api: Api;
let fleet: Server[];
const byAlias = (alias: string) => fleet.find((s) => s.alias === alias)!;
beforeEach(async () => {
  api = await startTestPlane();
  fleet = await api.servers();
});
afterEach(() => api.plane.close());

const act = (alias: string, action: string) =>
  api.post(`setup/server/${byAlias(alias).id}/action`, { action });
const job = async (id: number) => Job.parse((await api.get(`setup/job/${id}`)).json);
const status = async (alias: string) => (await api.server(byAlias(alias).id)).status;

async function started(alias: string, action: string): Promise<number> {
  const answer = await act(alias, action);
  expect(answer.status).toBe(202);
  return ActionOk.parse(answer.json).job_id;
}

describe('POST setup/server/:id/action', () => {
  it('stops a server: stopping, then stopped, with its calls dropped at once', async () => {
    const jobId = await started('ams-sw-1', 'stop');
    const stopping = await api.server(byAlias('ams-sw-1').id);
    expect(stopping).toMatchObject({ status: 'stopping', channels: 0, cps: 0 });
    expect(await job(jobId)).toMatchObject({ action: 'stop', status: 'queued', server_id: stopping.id });
    await api.tick(ACTION_RULES.stop.seconds / 2);
    expect((await job(jobId)).status).toBe('running');
    expect(await status('ams-sw-1')).toBe('stopping');
    await api.tick(ACTION_RULES.stop.seconds / 2);
    expect((await job(jobId)).status).toBe('done');
    expect(await api.server(byAlias('ams-sw-1').id)).toMatchObject({
      status: 'stopped',
      channels: 0,
      sip_latency_ms: null,
    });

    await started('ams-sw-1', 'start');
    expect(await status('ams-sw-1')).toBe('starting');
    await api.tick(ACTION_RULES.start.seconds);
    expect(await status('ams-sw-1')).toBe('active');
  });

  it('restarts through restarting back to active, with progress moving in between', async () => {
    const jobId = await started('nyc-sw-1', 'restart');
    expect(await status('nyc-sw-1')).toBe('restarting');
    await api.tick(ACTION_RULES.restart.seconds / 4);
    const quarter = (await job(jobId)).progress;
    await api.tick(ACTION_RULES.restart.seconds / 4);
    expect((await job(jobId)).progress).toBeGreaterThan(quarter);
    await api.tick(ACTION_RULES.restart.seconds / 2);
    expect(await status('nyc-sw-1')).toBe('active');
    expect((await job(jobId)).progress).toBe(100);
  });

  it('refuses actions that make no sense in the state (409)', async () => {
    const startActive = await act('ams-sw-1', 'start');
    expect(startActive.status).toBe(409);
    expect(startActive.json.error).toMatch(/cannot start a server that is active/);
    await started('ams-sw-1', 'restart');
    const busy = await act('ams-sw-1', 'stop');
    expect(busy.status).toBe(409);
    expect(busy.json.error).toMatch(/restarting: wait for its current job/);
    expect((await act('sgp-sw-9', 'start')).json.error).toMatch(/expired: reactivate it first/);
    expect((await act('lon-sw-1', 'reactivate')).json.error).toMatch(
      /only expired servers can be reactivated/,
    );
  });

  it('flushes dispatchers only, and a flush brings their switches up to date', async () => {
    const onSwitch = await act('ams-sw-1', 'flush');
    expect(onSwitch.status).toBe(409);
    expect(onSwitch.json.error).toMatch(/dispatchers only/);
    expect(byAlias('fra-sw-1').stale).toBe(true);
    const jobId = await started('ams-lb-1', 'flush');
    expect(await status('ams-lb-1')).toBe('active');
    await api.tick(ACTION_RULES.flush.seconds);
    expect((await job(jobId)).status).toBe('done');
    expect((await api.server(byAlias('fra-sw-1').id)).stale).toBe(false);
  });

  it('installs the latest script, which clears a pending update', async () => {
    await started('fra-sw-1', 'install');
    expect(await status('fra-sw-1')).toBe('installing');
    await api.tick(ACTION_RULES.install.seconds);
    expect(await api.server(byAlias('fra-sw-1').id)).toMatchObject({ status: 'active', stale: false });
  });

  it('reactivates an expired server only with the balance for it (402 with the amount)', async () => {
    // 8 servers: reactivating one needs $20 + $20 x 7 = $160.
    await api.post('_sim/account', { balance: 100 });
    const poor = await act('sgp-sw-9', 'reactivate');
    expect(poor.status).toBe(402);
    expect(poor.json.error).toBe(
      'Reactivating sgp-sw-9 needs $160.00 of available balance ($20.00 + $20.00 × 7 other servers on the account); ' +
        'the balance is $100.00: add at least $60.00.',
    );
    await api.post('_sim/account', { balance: 160 });
    await started('sgp-sw-9', 'reactivate');
    expect(await api.server(byAlias('sgp-sw-9').id)).toMatchObject({ status: 'starting', expires: null });
    await api.tick(ACTION_RULES.reactivate.seconds);
    expect(await status('sgp-sw-9')).toBe('active');
  });

  it('answers 404 for an unknown server and 400 for an unknown action', async () => {
    expect((await api.post('setup/server/9999/action', { action: 'stop' })).status).toBe(404);
    const bad = await act('ams-sw-1', 'explode');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/^action: .*"install"/);
  });

  it('lets _sim/job fail a running job, leaving the server as it was', async () => {
    const jobId = await started('lon-sw-1', 'restart');
    await api.tick(10);
    expect((await api.post(`_sim/job/${jobId}`, { error: 'disk full' })).status).toBe(200);
    expect(await job(jobId)).toMatchObject({ status: 'failed', error: 'disk full' });
    expect(await status('lon-sw-1')).toBe('active');
    expect((await api.post(`_sim/job/${jobId}`, { error: 'again' })).status).toBe(409);
  });
});

describe('dispatcher members', () => {
  const members = async (alias: string) => (await api.server(byAlias(alias).id)).members;
  const add = (dispatcher: string, serverId: number) =>
    api.post(`setup/server/${byAlias(dispatcher).id}/member`, { server_id: serverId });

  it('adds and removes a switch', async () => {
    expect((await add('ams-lb-1', byAlias('lon-sw-1').id)).status).toBe(200);
    expect(await members('ams-lb-1')).toContain(byAlias('lon-sw-1').id);
    const removed = await api.delete(
      `setup/server/${byAlias('ams-lb-1').id}/member/${byAlias('lon-sw-1').id}`,
    );
    expect(removed.status).toBe(200);
    expect(await members('ams-lb-1')).not.toContain(byAlias('lon-sw-1').id);
  });

  it('refuses members on a switch (409), a dispatcher as member (400), duplicates (409), unknown ids (404)', async () => {
    const onSwitch = await add('ams-sw-1', byAlias('lon-sw-1').id);
    expect(onSwitch.status).toBe(409);
    expect(onSwitch.json.error).toMatch(/ams-sw-1 is a switch/);
    expect((await add('ams-lb-1', byAlias('ams-lb-1').id)).status).toBe(400);
    const duplicate = await add('ams-lb-1', byAlias('ams-sw-1').id);
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error).toMatch(/already a member/);
    expect((await add('ams-lb-1', 9999)).status).toBe(404);
    expect((await api.post('setup/server/9999/member', { server_id: byAlias('lon-sw-1').id })).status).toBe(
      404,
    );
    expect(
      (await api.delete(`setup/server/${byAlias('ams-lb-1').id}/member/${byAlias('lon-sw-1').id}`)).status,
    ).toBe(404);
    expect(
      (await api.delete(`setup/server/${byAlias('ams-sw-1').id}/member/${byAlias('lon-sw-1').id}`)).status,
    ).toBe(409);
  });
});

describe('clusters', () => {
  it('creates a cluster with a unique name', async () => {
    const created = await api.post('setup/cluster', { name: 'apac-core' });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ status: 'OK', id: expect.any(Number) });
    expect((await api.get('setup/cluster')).json).toContainEqual({ id: created.json.id, name: 'apac-core' });
    const again = await api.post('setup/cluster', { name: 'APAC-core' });
    expect(again.status).toBe(409);
  });
});
