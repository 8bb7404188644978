import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Account,
  ClusterList,
  Job,
  JobList,
  RtpServerList,
  type Server,
  ZoneList,
} from '../../src/domain/schemas.js';
import { type Api, startTestPlane } from './helpers.js';

let api: Api;
let fleet: Server[];
beforeAll(async () => {
  api = await startTestPlane();
  fleet = await api.servers();
});
afterAll(() => api.plane.close());

const DAY_MS = 86_400_000;
const DOCUMENTATION_IP = /^(203\.0\.113|198\.51\.100|192\.0\.2)\.\d{1,3}$/;

describe('the demo fleet', () => {
  it('is Quokka Telecom with about $412.50 and Getting Started done', async () => {
    const account = Account.parse((await api.get('setup/account')).json);
    expect(account).toEqual({
      name: 'Quokka Telecom',
      currency: 'USD',
      balance: 412.5,
      server_price: 20,
      getting_started_done: true,
    });
  });

  it('has the six zones, two clusters and three RTP servers', async () => {
    const zones = ZoneList.parse((await api.get('setup/zone')).json).map((z) => z.name);
    expect(zones).toEqual(['UK', 'USA East', 'USA West', 'Germany', 'Amsterdam', 'Singapore']);
    expect(ClusterList.parse((await api.get('setup/cluster')).json).map((c) => c.name)).toEqual([
      'eu-core',
      'us-core',
    ]);
    const rtp = RtpServerList.parse((await api.get('setup/rtp')).json);
    expect(rtp).toHaveLength(3);
    for (const server of rtp) expect(server.ip).toMatch(DOCUMENTATION_IP);
    const groups = ZoneList.parse((await api.get('setup/server/rtp-group')).json);
    expect(groups.map((g) => g.name).sort()).toEqual([...new Set(rtp.map((r) => r.zone))].sort());
  });

  it('has a dispatcher balancing several switches, and switches across three zones or more', () => {
    const switches = fleet.filter((s) => s.type === 'switch');
    expect(switches.length).toBeGreaterThanOrEqual(6);
    expect(new Set(switches.map((s) => s.zone)).size).toBeGreaterThanOrEqual(3);
    const dispatcher = fleet.find((s) => s.alias === 'ams-lb-1')!;
    expect(dispatcher.type).toBe('dispatcher');
    expect(dispatcher.members.length).toBeGreaterThanOrEqual(2);
    for (const id of dispatcher.members) expect(fleet.find((s) => s.id === id)?.type).toBe('switch');
    for (const server of fleet) expect(server.ip).toMatch(DOCUMENTATION_IP);
  });

  it('has the servers the stories talk about: hot, idle and expiring, stale, unclustered, expired', () => {
    const now = Date.now();
    const hot = fleet.find((s) => s.alias === 'ams-sw-1')!;
    expect(hot.channels / hot.channels_max).toBeCloseTo(0.87, 2);
    const expiring = fleet.find((s) => s.alias === 'ams-sw-2')!;
    const expiresIn = Date.parse(expiring.expires!) - now;
    expect(expiresIn).toBeGreaterThan(DAY_MS);
    expect(expiresIn).toBeLessThan(3 * DAY_MS);
    expect(fleet.some((s) => s.stale && !s.config.auto_upgrade)).toBe(true);
    expect(fleet.some((s) => s.type === 'switch' && s.cluster_id === null && s.status === 'active')).toBe(
      true,
    );
    const expired = fleet.find((s) => s.status === 'expired')!;
    expect(Date.parse(expired.expires!)).toBeLessThan(now);
    expect(expired.channels).toBe(0);
    expect(expired.sip_latency_ms).toBeNull();
  });

  it('gives every member of a cluster the cluster’s shared CPS limit, never exceeded in total', () => {
    for (const clusterId of new Set(fleet.map((s) => s.cluster_id).filter((id) => id !== null))) {
      const members = fleet.filter((s) => s.cluster_id === clusterId && s.type === 'switch');
      expect(new Set(members.map((s) => s.cps_max)).size).toBe(1);
      expect(members.reduce((sum, s) => sum + s.cps, 0)).toBeLessThanOrEqual(members[0]!.cps_max);
    }
  });

  it('never shows a UAC password, only that one is set', async () => {
    const hot = fleet.find((s) => s.alias === 'ams-sw-1')!;
    expect(hot.config.uac_auth).toEqual({ username: 'quokka-trunk', password_set: true });
    expect((await api.get('setup/server')).text).not.toMatch(/hash|seeded|scrypt/);
  });

  it('has past jobs, newest first, and one server’s jobs on request', async () => {
    const jobs = JobList.parse((await api.get('setup/job')).json);
    expect(jobs.length).toBeGreaterThanOrEqual(3);
    const created = jobs.map((j) => Date.parse(j.created));
    expect([...created].sort((a, b) => b - a)).toEqual(created);
    expect(jobs.some((j) => j.status === 'failed' && j.error)).toBe(true);
    const first = jobs[0]!;
    expect(Job.parse((await api.get(`setup/job/${first.id}`)).json)).toEqual(first);
    const own = JobList.parse((await api.get(`setup/job?server_id=${first.server_id}`)).json);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((j) => j.server_id === first.server_id)).toBe(true);
    expect(JobList.parse((await api.get('setup/job?_limit=1')).json)).toEqual([first]);
  });

  it('answers 404 {error} for unknown records', async () => {
    for (const path of ['setup/server/9999', 'setup/job/9999']) {
      const answer = await api.get(path);
      expect(answer.status).toBe(404);
      expect(answer.json.error).toMatch(/9999/);
    }
  });
});

describe('filters', () => {
  it('filters servers by cluster, type, status and zone', async () => {
    const euCore = ClusterList.parse((await api.get('setup/cluster')).json).find(
      (c) => c.name === 'eu-core',
    )!;
    const inCluster = await api.servers(`?cluster_id=${euCore.id}`);
    expect(inCluster.map((s) => s.id)).toEqual(
      fleet.filter((s) => s.cluster_id === euCore.id).map((s) => s.id),
    );
    expect((await api.servers('?type=dispatcher')).map((s) => s.alias)).toEqual(['ams-lb-1']);
    expect((await api.servers('?status=expired')).map((s) => s.alias)).toEqual(['sgp-sw-9']);
    const amsterdam = await api.servers('?zone=Amsterdam');
    expect(amsterdam.length).toBe(fleet.filter((s) => s.zone === 'Amsterdam').length);
    expect(await api.servers('?zone=amsterdam&type=switch')).toHaveLength(amsterdam.length - 1);
  });

  it('caps every list with _limit', async () => {
    expect(await api.servers('?_limit=2')).toHaveLength(2);
    expect((await api.servers('?_limit=0')).length).toBe(0);
    expect(ZoneList.parse((await api.get('setup/zone?_limit=3')).json)).toHaveLength(3);
    expect(ClusterList.parse((await api.get('setup/cluster?_limit=1')).json)).toHaveLength(1);
    expect(RtpServerList.parse((await api.get('setup/rtp?_limit=1')).json)).toHaveLength(1);
  });

  it('refuses bad and unknown filters with 400 naming them', async () => {
    const badStatus = await api.get('setup/server?status=sleeping');
    expect(badStatus.status).toBe(400);
    expect(badStatus.json.error).toMatch(/^status: /);
    expect((await api.get('setup/server?cluster_id=eu-core')).json.error).toBe(
      'cluster_id: expected a whole number',
    );
    expect((await api.get('setup/server?alias=x')).json.error).toMatch(
      /unknown parameter "alias"; known parameters: cluster_id, type, status, zone, _limit/,
    );
    expect((await api.get('setup/job?_limit=-1')).status).toBe(400);
  });
});
