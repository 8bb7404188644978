import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../src/alerts/format.js';
import { type PollerRig, startPollerRig } from './poller-harness.js';

const HOT = 'Capacity warning · ams-sw-1 (203.0.113.42)';
const DOWN = 'Control plane unreachable';
const count = (rows: readonly string[], part: string) => rows.filter((row) => row.includes(part)).length;

describe('the alert poller', () => {
  let rig: PollerRig;
  afterEach(async () => {
    await rig.close();
  });

  it('fires the demo fleet’s hot server on the second poll and writes its message to the outbox', async () => {
    rig = await startPollerRig();
    expect(await rig.poll()).toMatchObject({ ok: true });
    expect(count(rig.outbox(), HOT)).toBe(0);
    await rig.poll();
    expect(rig.outbox().filter((row) => row.includes(HOT))).toEqual([
      `post notice: 🟠 ${HOT} at 87% of channels (611/700)`,
    ]);
    await rig.poll();
    expect(count(rig.outbox(), HOT)).toBe(1);
  });

  it('raises one "control plane unreachable" after three failed polls, and resolves it when it answers', async () => {
    rig = await startPollerRig();
    await rig.poll();
    await rig.poll();
    await rig.sim.setFaults({ error_rate: 1, status: 503 });
    expect(await rig.poll()).toMatchObject({ ok: false, failedPolls: 1 });
    expect(await rig.poll()).toMatchObject({ ok: false, failedPolls: 2 });
    expect(count(rig.outbox(), DOWN)).toBe(0);
    expect(await rig.poll()).toMatchObject({ ok: false, failedPolls: 3 });
    expect(count(rig.outbox(), DOWN)).toBe(1);
    await rig.poll();
    expect(count(rig.outbox(), DOWN)).toBe(1);
    expect(rig.desk.firing().map((a) => a.rule)).toContain('capacity');

    await rig.sim.setFaults({});
    expect(await rig.poll()).toMatchObject({ ok: true });
    const rows = rig.outbox();
    expect(rows.at(-2)).toMatch(/^edit notice: ✅ Resolved after 1 min · the control plane answers again/);
    expect(rows.at(-1)).toMatch(/^reply notice: ✅ Resolved after 1 min/);
    expect(rig.desk.firing().map((a) => a.rule)).not.toContain('controlplane-unreachable');
    expect(rig.desk.firing().map((a) => a.rule)).toContain('capacity');
  });

  it('never overlaps itself: a call during a poll shares it', async () => {
    rig = await startPollerRig();
    rig.requests.length = 0;
    const first = rig.poller.pollOnce();
    const second = rig.poller.pollOnce();
    expect(second).toBe(first);
    await first;
    expect(rig.requests.filter((r) => r.method === 'GET' && r.path === 'setup/server')).toHaveLength(1);
  });

  it('writes a poll all at once: a failed write leaves the state, the history and the outbox as they were', async () => {
    rig = await startPollerRig();
    await rig.poll();
    const pending = rig.desk.store.liveAlerts().size;
    rig.db.exec(
      `CREATE TRIGGER refuse BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`,
    );
    await expect(rig.poll()).rejects.toThrow('disk trouble');
    expect(rig.desk.firing()).toEqual([]);
    expect(rig.db.prepare(`SELECT COUNT(*) AS n FROM alerts WHERE status = 'firing'`).get()).toEqual({
      n: 0,
    });
    expect(rig.db.prepare('SELECT COUNT(*) AS n FROM alert_balance_samples').get()).toEqual({ n: 1 });
    expect(rig.history.history.balances).toHaveLength(1);
    expect(rig.desk.store.liveAlerts().size).toBe(pending);

    rig.db.exec('DROP TRIGGER refuse');
    await rig.poll();
    expect(count(rig.outbox(), HOT)).toBe(1);
  });

  it('announces the end of a silence where it was set, once, and then posts what it held back', async () => {
    rig = await startPollerRig();
    const actor = { surface: 'console' as const, id: 'priya', name: 'priya', roles: [] };
    const { silence } = rig.desk.silence({
      scope: 'server',
      target: String(rig.idOf('ams-sw-1')),
      label: 'ams-sw-1 (203.0.113.42)',
      reason: 'maintenance',
      durationMs: 10 * MINUTE_MS,
      actor,
      channel: { surface: 'console', channelId: 'console' },
    });
    await rig.poll();
    await rig.poll();
    expect(count(rig.outbox(), HOT)).toBe(0);
    await rig.poll(10 * MINUTE_MS);
    const rows = rig.outbox();
    expect(rows.filter((row) => row.startsWith('post silence:'))).toEqual([
      'post silence: 🔔 The silence of ams-sw-1 (203.0.113.42) (maintenance) has ended: its alerts post again.',
    ]);
    expect(count(rows, HOT)).toBe(1);
    await rig.poll();
    expect(rig.outbox().filter((row) => row.startsWith('post silence:'))).toHaveLength(1);
    expect(rig.desk.store.silences.get(silence.id)?.announced).toBe(true);
  });

  it('keeps the rules’ history across a restart, sampling usage once per hold period', async () => {
    rig = await startPollerRig();
    for (let i = 0; i < 3; i++) await rig.poll();
    rig.restart();
    expect(rig.history.history.balances).toHaveLength(3);
    const expired = rig.idOf('sgp-sw-9');
    expect(rig.history.history.statusSince.get(expired)?.status).toBe('expired');
    expect(rig.history.history.usage.get(rig.idOf('ams-sw-1'))).toHaveLength(1);
    await rig.poll();
    expect(count(rig.outbox(), HOT)).toBe(1);
    await rig.poll(14 * MINUTE_MS);
    expect(rig.history.history.usage.get(rig.idOf('ams-sw-1'))).toHaveLength(2);
    expect(rig.history.history.balances).toHaveLength(5);
  });
});

describe('the daily digest', () => {
  let rig: PollerRig;
  afterEach(async () => {
    await rig.close();
  });

  it('goes out once a day at its time, to every alert channel, and not again after a restart', async () => {
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const at = new Date(start.getTime() + 5 * MINUTE_MS);
    rig = await startPollerRig({
      digest: { at: { hour: at.getUTCHours(), minute: at.getUTCMinutes() }, timeZone: 'UTC' },
    });
    const digests = () => rig.outbox().filter((row) => row.includes('Daily digest'));
    await rig.poll();
    expect(digests()).toEqual([]);
    await rig.poll(5 * MINUTE_MS);
    expect(digests()).toHaveLength(1);
    expect(digests()[0]).toMatch(/^post digest: ☀ Daily digest · Quokka Telecom · \w+day \d+ \w+$/);
    await rig.poll();
    rig.restart();
    await rig.poll();
    expect(digests()).toHaveLength(1);
    await rig.poll(24 * 60 * MINUTE_MS);
    expect(digests()).toHaveLength(2);
  });
});
