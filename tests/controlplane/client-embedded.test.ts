import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ControlPlaneClient, type ControlPlaneClientOptions } from '../../src/controlplane/client.js';
import type { RequestEvent } from '../../src/controlplane/http.js';
import { SimControl } from '../../src/controlplane/sim.js';
import { type EmbeddedControlPlane, startEmbeddedControlPlane } from '../../src/embedded/server.js';
import { failureOf } from './harness.js';

let plane: EmbeddedControlPlane;
let sim: SimControl;
const clients: ControlPlaneClient[] = [];

function clientFor(options: Partial<ControlPlaneClientOptions> = {}): ControlPlaneClient {
  const client = new ControlPlaneClient({
    baseUrl: plane.url,
    auth: { username: plane.username, password: plane.password },
    backoff: { baseMs: 1, maxMs: 5 },
    ...options,
  });
  clients.push(client);
  return client;
}

beforeEach(async () => {
  plane = await startEmbeddedControlPlane({
    dbPath: ':memory:',
    port: 0,
    clock: { running: false },
    seed: 'demo',
  });
  sim = new SimControl({ baseUrl: plane.url, auth: { username: plane.username, password: plane.password } });
});

afterEach(async () => {
  await Promise.all([...clients.splice(0).map((c) => c.close()), sim.close()]);
  await plane.close();
});

describe('the client against the embedded control plane', () => {
  it('reads every collection and record of the demo account', async () => {
    const client = clientFor();
    const servers = await client.listServers();
    expect(servers.length).toBeGreaterThan(0);
    const first = servers[0]!;
    expect(await client.getServer(first.id)).toEqual(first);
    const uk = await client.listServers({ zone: first.zone });
    expect(uk.length).toBeGreaterThan(0);
    expect(uk.every((s) => s.zone === first.zone)).toBe(true);
    expect((await client.listZones()).map((z) => z.name)).toContain('UK');
    expect((await client.listRtpServers()).length).toBeGreaterThan(0);
    expect(Array.isArray(await client.listClusters())).toBe(true);
    expect(typeof (await client.getAccount()).balance).toBe('number');
    expect(Array.isArray(await client.listJobs())).toBe(true);
  });

  it('changes config, runs an action and follows its job', async () => {
    const client = clientFor();
    const target = (await client.listServers({ type: 'switch', status: 'active' }))[0]!;
    await client.updateServer(target.id, { auto_upgrade: !target.config.auto_upgrade });
    expect((await client.getServer(target.id)).config.auto_upgrade).toBe(!target.config.auto_upgrade);

    const { job_id } = await client.serverAction(target.id, 'restart');
    const job = await client.getJob(job_id);
    expect(job).toMatchObject({ id: job_id, server_id: target.id, action: 'restart' });
    expect((await client.listJobs(target.id)).map((j) => j.id)).toContain(job_id);
  });

  it('creates a cluster, deploys into it, and balances a switch behind a dispatcher', async () => {
    const client = clientFor();
    await sim.setAccount({ balance: 100_000, getting_started_done: true });
    const { id: clusterId } = await client.createCluster('test-east');
    expect((await client.listClusters()).find((c) => c.id === clusterId)?.name).toBe('test-east');

    const deployed = await client.deployServer({
      zone: 'UK',
      alias: 'test-lb',
      type: 'dispatcher',
      cluster_id: clusterId,
    });
    expect((await client.getJob(deployed.job_id)).server_id).toBe(deployed.id);

    const aSwitch = (await client.listServers({ type: 'switch' }))[0]!;
    await client.addMember(deployed.id, aSwitch.id);
    expect((await client.getServer(deployed.id)).members).toContain(aSwitch.id);
    await client.removeMember(deployed.id, aSwitch.id);
    expect((await client.getServer(deployed.id)).members).not.toContain(aSwitch.id);
  });

  it('surfaces the 402 of a deploy the balance cannot pay, with the amount needed', async () => {
    const client = clientFor();
    await sim.setAccount({ balance: 1, getting_started_done: true });
    const error = await failureOf(client.deployServer({ zone: 'UK', alias: 'too-dear', type: 'switch' }));
    expect(error).toMatchObject({ kind: 'rejected', status: 402 });
    expect(error.message).toMatch(/needs \$[\d,.]+ of available balance/);
    expect(error.message).not.toMatch(/<|\{/);
  });

  it('recovers GETs by retrying when the API fails now and then', async () => {
    const events: RequestEvent[] = [];
    // 30% failures, 10 retries: a call fails outright with odds of 0.3^11, while 40 calls
    // that never needed a retry have odds of 0.7^40; both are below one in a million.
    const client = clientFor({ retries: 10, onRequest: (event) => events.push(event) });
    await sim.setFaults({ error_rate: 0.3, status: 500 });
    for (let i = 0; i < 40; i++) await expect(client.listZones()).resolves.not.toHaveLength(0);
    expect(events.some((e) => e.status === 500)).toBe(true);
    expect(events.some((e) => e.attempt > 1 && e.status === 200)).toBe(true);
  });

  it('reports a failing write once instead of retrying it', async () => {
    const events: RequestEvent[] = [];
    const client = clientFor({ onRequest: (event) => events.push(event) });
    await sim.setFaults({ error_rate: 1, status: 503 });
    const error = await failureOf(client.createCluster('never'));
    expect(error).toMatchObject({ kind: 'server', status: 503 });
    expect(error.message).toContain('may or may not have been made');
    expect(events).toHaveLength(1);
  });

  it('rejects wrong credentials with the message that says what to check', async () => {
    const client = clientFor({ auth: { username: plane.username, password: 'wrong-password' } });
    const error = await failureOf(client.getAccount());
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(error.message).toMatch(/^ConnexCS rejected the credentials: check CONNEXCS_USERNAME/);
    expect(error.message).not.toContain('wrong-password');
  });
});
