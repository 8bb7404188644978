import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Account, ClusterList, JobList, type Server, ServerList } from '../../src/domain/schemas.js';
import { DAILY_COST_PER_SERVER } from '../../src/embedded/sim/billing.js';
import { type Api, startTestPlane } from './helpers.js';

let api: Api;
let fleet: Server[];
const byAlias = (alias: string) => fleet.find((s) => s.alias === alias)!;
beforeEach(async () => {
  api = await startTestPlane();
  fleet = await api.servers();
});
afterEach(() => api.plane.close());

const DAY = 86_400;
const balance = async () => Account.parse((await api.get('setup/account')).json).balance;

describe('_sim/server and a stopped clock', () => {
  it('sets live fields exactly, and ticks leave them exactly as set', async () => {
    const id = byAlias('ams-sw-1').id;
    const expires = new Date(Date.now() + 5 * DAY * 1000).toISOString();
    const patch = {
      channels: 650,
      channels_max: 720,
      cps: 33.5,
      cps_max: 160,
      sip_latency_ms: 9,
      icmp_latency_ms: 7,
      stale: true,
      expires,
      status: 'active',
    };
    expect((await api.post(`_sim/server/${id}`, patch)).status).toBe(200);
    const set = await api.server(id);
    expect(set).toMatchObject(patch);
    await api.tick(3600);
    expect(await api.server(id)).toEqual(set);
  });

  it('leaves every server’s traffic alone while the clock is stopped', async () => {
    await api.tick(6 * 3600);
    const after = await api.servers();
    const traffic = (servers: Server[]) => servers.map((s) => [s.channels, s.cps, s.sip_latency_ms]);
    expect(traffic(after)).toEqual(traffic(fleet));
  });

  it('answers 404 for an unknown server and 400 for a field it cannot set', async () => {
    expect((await api.post('_sim/server/9999', { channels: 1 })).status).toBe(404);
    expect((await api.post(`_sim/server/${byAlias('ams-sw-1').id}`, { channels: -1 })).status).toBe(400);
    expect((await api.post(`_sim/server/${byAlias('ams-sw-1').id}`, { alias: 'x' })).status).toBe(400);
    expect((await api.post(`_sim/server/${byAlias('ams-sw-1').id}`, { expires: 'tomorrow' })).status).toBe(
      400,
    );
  });
});

describe('simulated time', () => {
  it('drains the balance with the cost of every server that has not expired', async () => {
    const billable = fleet.filter((s) => s.status !== 'expired').length;
    await api.tick(DAY);
    expect(await balance()).toBeCloseTo(412.5 - billable * DAILY_COST_PER_SERVER, 2);
    expect((await api.post('_sim/account', { balance: 50 })).status).toBe(200);
    expect(await balance()).toBe(50);
  });

  it('expires a server when its test period ends', async () => {
    const expiring = byAlias('ams-sw-2');
    const untilExpiry =
      (Date.parse(expiring.expires!) - Date.parse((await api.get('_sim/clock')).json.now)) / 1000;
    await api.tick(untilExpiry - 60);
    expect((await api.server(expiring.id)).status).toBe('active');
    await api.tick(120);
    expect(await api.server(expiring.id)).toMatchObject({
      status: 'expired',
      channels: 0,
      sip_latency_ms: null,
    });
  });

  it('expires every server when the balance runs out', async () => {
    await api.post('_sim/account', { balance: 1 });
    await api.tick(DAY);
    expect(new Set((await api.servers()).map((s) => s.status))).toEqual(new Set(['expired']));
  });

  it('reports and sets the clock', async () => {
    const clock = (await api.get('_sim/clock')).json;
    expect(clock).toMatchObject({ running: false, speed: 1 });
    await api.tick(90);
    expect(Date.parse((await api.get('_sim/clock')).json.now) - Date.parse(clock.now)).toBe(90_000);
    const set = await api.post('_sim/clock', { running: true, speed: 60 });
    expect(set.json).toMatchObject({ status: 'OK', running: true, speed: 60 });
    expect((await api.post('_sim/clock', { running: false })).json).toMatchObject({
      running: false,
      speed: 60,
    });
    expect((await api.post('_sim/clock', { speed: 2 })).status).toBe(400);
    expect((await api.post('_sim/clock', { running: true, speed: 0 })).status).toBe(400);
    expect((await api.post('_sim/tick', { seconds: 0 })).status).toBe(400);
  });

  it('moves traffic within limits, on active servers only, while the clock runs', async () => {
    await api.post(`setup/server/${byAlias('lon-sw-1').id}/action`, { action: 'stop' });
    await api.tick(60);
    await api.post('_sim/clock', { running: true, speed: 1 });
    await api.tick(3600);
    await api.post('_sim/clock', { running: false });
    const after = await api.servers();
    const activeSwitches = after.filter((s) => s.status === 'active' && s.type === 'switch');
    expect(activeSwitches.some((s) => s.channels !== fleet.find((f) => f.id === s.id)!.channels)).toBe(true);
    for (const server of after) {
      expect(server.channels).toBeGreaterThanOrEqual(0);
      expect(server.channels).toBeLessThanOrEqual(server.channels_max);
      expect(server.cps).toBeLessThanOrEqual(server.cps_max);
    }
    for (const server of after.filter((s) => s.status !== 'active'))
      expect([server.channels, server.cps]).toEqual([0, 0]);
    const euCore = after.filter(
      (s) => s.cluster_id === byAlias('ams-sw-1').cluster_id && s.type === 'switch',
    );
    expect(euCore.reduce((sum, s) => sum + s.cps, 0)).toBeLessThanOrEqual(euCore[0]!.cps_max);
    const dispatcher = after.find((s) => s.alias === 'ams-lb-1')!;
    const routed = after.filter((s) => dispatcher.members.includes(s.id)).reduce((sum, s) => sum + s.cps, 0);
    expect(dispatcher.cps).toBe(Math.min(dispatcher.cps_max, routed));
  });
});

describe('_sim/fleet', () => {
  it('replaces the fleet with 10,000 generated servers', async () => {
    const generated = await api.post('_sim/fleet', { count: 10_000, seed: 7 });
    expect(generated.json).toEqual({ status: 'OK', count: 10_000 });
    const servers = ServerList.parse((await api.get('setup/server')).json);
    expect(servers).toHaveLength(10_000);
    expect(new Set(servers.map((s) => s.ip)).size).toBe(10_000);
    expect(new Set(servers.map((s) => s.alias.toLowerCase())).size).toBe(10_000);
    expect(new Set(servers.map((s) => s.zone)).size).toBe(6);
    expect(servers.some((s) => s.type === 'dispatcher' && s.members.length > 0)).toBe(true);
    expect(JobList.parse((await api.get('setup/job')).json)).toEqual([]);
    const clusterIds = ClusterList.parse((await api.get('setup/cluster')).json).map((c) => c.id);
    expect(clusterIds).toEqual(
      expect.arrayContaining([...new Set(servers.flatMap((s) => s.cluster_id ?? []))]),
    );
    expect(await api.servers('?_limit=25')).toHaveLength(25);
  });

  it('generates the same fleet for the same seed, another for another seed', async () => {
    await api.post('_sim/fleet', { count: 300, seed: 7 });
    const first = (await api.get('setup/server')).text;
    await api.post('_sim/fleet', { count: 300, seed: 7 });
    expect((await api.get('setup/server')).text).toBe(first);
    await api.post('_sim/fleet', { count: 300, seed: 8 });
    expect((await api.get('setup/server')).text).not.toBe(first);
  });

  it('funds the new fleet, so deploys keep working on it', async () => {
    await api.post('_sim/fleet', { count: 50, seed: 1 });
    const deployed = await api.post('setup/server', { zone: 'UK', alias: 'lon-new-1', type: 'switch' });
    expect(deployed.status).toBe(201);
    await api.tick(300);
    const ips = (await api.servers()).map((s) => s.ip);
    expect(new Set(ips).size).toBe(ips.length);
  });

  it('refuses a count it cannot generate', async () => {
    expect((await api.post('_sim/fleet', { count: -1 })).status).toBe(400);
    expect((await api.post('_sim/fleet', { count: 1.5 })).status).toBe(400);
  });
});

describe('_sim/faults', () => {
  it('fails every non-_sim path with the chosen status, and clears with {}', async () => {
    expect((await api.post('_sim/faults', { error_rate: 1, status: 503 })).status).toBe(200);
    const failed = await api.get('setup/account');
    expect(failed.status).toBe(503);
    expect(failed.headers['retry-after']).toBe('1');
    expect(failed.json.error).toMatch(/Simulated failure/);
    expect((await api.get('_sim/clock')).status).toBe(200);
    await api.post('_sim/faults', { error_rate: 1 });
    expect((await api.get('setup/server')).status).toBe(500);
    await api.post('_sim/faults', {});
    expect((await api.get('setup/account')).status).toBe(200);
  });

  it('delays answers by latency_ms', async () => {
    await api.post('_sim/faults', { latency_ms: 150 });
    const started = performance.now();
    expect((await api.get('setup/zone')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    await api.post('_sim/faults', { latency_ms: 0 });
  });

  it('refuses settings out of range', async () => {
    expect((await api.post('_sim/faults', { error_rate: 2 })).status).toBe(400);
    expect((await api.post('_sim/faults', { status: 200 })).status).toBe(400);
  });
});
