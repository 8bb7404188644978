import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Account, DeployOk, Job } from '../../src/domain/schemas.js';
import { type Api, startTestPlane } from './helpers.js';

let folder: string;
let dbPath: string;
const open: Api[] = [];
async function start(seed?: 'demo' | 'empty'): Promise<Api> {
  const api = await startTestPlane({ dbPath, ...(seed ? { seed } : {}) });
  open.push(api);
  return api;
}
async function stop(api: Api): Promise<void> {
  await api.plane.close();
  open.splice(open.indexOf(api), 1);
}

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'switchboard-embedded-'));
  dbPath = join(folder, 'control-plane.db');
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((api) => api.plane.close()));
  rmSync(folder, { recursive: true, force: true });
});

describe('a file database', () => {
  it('keeps the fleet, the account, jobs and simulated time across close and reopen', async () => {
    const first = await start();
    const { id, job_id } = DeployOk.parse(
      (await first.post('setup/server', { zone: 'Germany', alias: 'fra-sw-2', type: 'switch' })).json,
    );
    await first.put(`setup/server/${id}`, { fqdn: 'fra-sw-2.quokka.example', webrtc: true });
    await first.post('setup/cluster', { name: 'de-core' });
    await first.post('_sim/account', { balance: 300 });
    await first.tick(120);
    const before = { servers: await first.servers(), now: (await first.get('_sim/clock')).json.now };
    const balanceBefore = Account.parse((await first.get('setup/account')).json).balance;
    await stop(first);

    const second = await start();
    expect(await second.servers()).toEqual(before.servers);
    expect((await second.get('_sim/clock')).json.now).toBe(before.now);
    expect(Account.parse((await second.get('setup/account')).json).balance).toBe(balanceBefore);
    expect((await second.get('setup/cluster')).json.map((c: { name: string }) => c.name)).toContain(
      'de-core',
    );
    expect(Job.parse((await second.get(`setup/job/${job_id}`)).json).status).toBe('running');
    await second.tick(180);
    expect(Job.parse((await second.get(`setup/job/${job_id}`)).json).status).toBe('done');
    expect((await second.server(id)).status).toBe('active');
  });

  it('uses WAL and seeds only a new file', async () => {
    const api = await start('empty');
    expect(await api.servers()).toEqual([]);
    expect(Account.parse((await api.get('setup/account')).json)).toMatchObject({
      balance: 0,
      getting_started_done: false,
    });
    expect((await api.get('setup/zone')).json).toHaveLength(6);
    await stop(api);
    const reopened = await start('demo');
    expect(await reopened.servers()).toEqual([]);
    await stop(reopened);
    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });
});
