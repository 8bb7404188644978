import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeployOk, Job } from '../../src/domain/schemas.js';
import { DEPLOY_SECONDS } from '../../src/domain/status.js';
import { type Api, startTestPlane } from './helpers.js';

let api: Api;
beforeEach(async () => {
  api = await startTestPlane();
});
afterEach(() => api.plane.close());

const deploy = (body: unknown) => api.post('setup/server', body);
const job = async (id: number) => Job.parse((await api.get(`setup/job/${id}`)).json);

describe('POST setup/server', () => {
  it('creates a deploying server with a job that delivers it in about five simulated minutes', async () => {
    const answer = await deploy({ zone: 'UK', alias: 'lon-sw-2', type: 'switch' });
    expect(answer.status).toBe(201);
    const { id, job_id } = DeployOk.parse(answer.json);
    const fresh = await api.server(id);
    expect(fresh).toMatchObject({ alias: 'lon-sw-2', zone: 'UK', status: 'deploying', ip: '', channels: 0 });
    expect(await job(job_id)).toMatchObject({
      server_id: id,
      action: 'deploy',
      status: 'queued',
      progress: 0,
    });

    await api.tick(DEPLOY_SECONDS / 2);
    expect(await job(job_id)).toMatchObject({ status: 'running', progress: 50, finished: null });
    expect((await api.server(id)).status).toBe('deploying');

    await api.tick(DEPLOY_SECONDS / 2);
    const done = await job(job_id);
    expect(done).toMatchObject({ status: 'done', progress: 100, error: null });
    expect(Date.parse(done.finished!) - Date.parse(done.created)).toBe(DEPLOY_SECONDS * 1000);
    const delivered = await api.server(id);
    expect(delivered.status).toBe('active');
    expect(delivered.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const others = (await api.servers()).filter((s) => s.id !== id);
    expect(others.map((s) => s.ip)).not.toContain(delivered.ip);
    expect(delivered.sip_latency_ms).not.toBeNull();
  });

  it('joins the requested cluster and takes its shared CPS limit', async () => {
    const usCore = (await api.get('setup/cluster')).json.find((c: { name: string }) => c.name === 'us-core');
    const { id } = DeployOk.parse(
      (await deploy({ zone: 'usa east', alias: 'nyc-sw-2', type: 'switch', cluster_id: usCore.id })).json,
    );
    const server = await api.server(id);
    expect(server).toMatchObject({ cluster_id: usCore.id, zone: 'USA East', cps_max: 40 });
  });

  it('needs the Getting Started checklist done (409)', async () => {
    await api.post('_sim/account', { getting_started_done: false });
    const answer = await deploy({ zone: 'UK', alias: 'lon-sw-2', type: 'switch' });
    expect(answer.status).toBe(409);
    expect(answer.json.error).toMatch(/Getting Started checklist/);
  });

  it('answers 402 saying how much is needed and how much is missing', async () => {
    // 8 servers on the demo account: $20 + $20 x 8 = $180.
    await api.post('_sim/account', { balance: 38.2 });
    const answer = await deploy({ zone: 'UK', alias: 'lon-sw-2', type: 'switch' });
    expect(answer.status).toBe(402);
    expect(answer.json.error).toBe(
      'Deploying a server needs $180.00 of available balance ($20.00 + $20.00 × 8 other servers on the account); ' +
        'the balance is $38.20: add at least $141.80.',
    );
    await api.post('_sim/account', { balance: 180 });
    expect((await deploy({ zone: 'UK', alias: 'lon-sw-2', type: 'switch' })).status).toBe(201);
  });

  it('refuses an unknown zone or cluster (400) and a taken alias (409)', async () => {
    const zone = await deploy({ zone: 'Mars', alias: 'x-1', type: 'switch' });
    expect(zone.status).toBe(400);
    expect(zone.json.error).toMatch(/^zone: unknown zone "Mars"; choose one of UK, USA East/);
    const cluster = await deploy({ zone: 'UK', alias: 'x-1', type: 'switch', cluster_id: 99 });
    expect(cluster.status).toBe(400);
    expect(cluster.json.error).toMatch(/^cluster_id: there is no cluster 99/);
    expect((await deploy({ zone: 'UK', alias: 'x-1', type: 'switch' })).status).toBe(201);
    const again = await deploy({ zone: 'UK', alias: 'X-1', type: 'switch' });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatch(/"X-1" already exists/);
  });

  it('parses the body: missing, wrong and unknown fields are 400s naming the field', async () => {
    expect((await deploy({ zone: 'UK', type: 'switch' })).json.error).toBe('alias is required');
    expect((await deploy({ zone: 'UK', alias: 'a', type: 'router' })).json.error).toMatch(/^type: /);
    expect((await deploy({ zone: 'UK', alias: 'a', type: 'switch', size: 'xl' })).json.error).toMatch(
      /"size"/,
    );
  });
});
