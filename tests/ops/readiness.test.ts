import { describe, expect, it } from 'vitest';
import { ControlPlaneHealth } from '../../src/ops/controlplane-health.js';
import { Readiness } from '../../src/ops/readiness.js';

describe('Readiness', () => {
  it('is ready when every check passes, and names each', async () => {
    const ready = new Readiness();
    ready.register('store', () => true);
    ready.register('slack', async () => true);
    expect(await ready.report()).toEqual({ ready: true, checks: { store: true, slack: true } });
  });

  it('is not ready when a check fails, throws, rejects or answers something other than true', async () => {
    const ready = new Readiness();
    ready.register('store', () => true);
    ready.register('slack', () => false);
    ready.register('discord', () => {
      throw new Error('gateway closed');
    });
    ready.register('probe', () => Promise.reject(new Error('down')));
    ready.register('odd', () => 'yes' as unknown as boolean);
    expect(await ready.report()).toEqual({
      ready: false,
      checks: { store: true, slack: false, discord: false, probe: false, odd: false },
    });
  });

  it('counts a check that never answers as failed instead of hanging', async () => {
    const ready = new Readiness(20);
    ready.register('stuck', () => new Promise<boolean>(() => {}));
    ready.register('store', () => true);
    expect(await ready.report()).toEqual({ ready: false, checks: { stuck: false, store: true } });
  });

  it('follows a check that changes its mind', async () => {
    const ready = new Readiness();
    let connected = false;
    ready.register('slack', () => connected);
    expect((await ready.report()).ready).toBe(false);
    connected = true;
    expect((await ready.report()).ready).toBe(true);
  });

  it('refuses two checks of the same name', () => {
    const ready = new Readiness();
    ready.register('slack', () => true);
    expect(() => ready.register('slack', () => true)).toThrow(/already registered/);
  });
});

describe('ControlPlaneHealth', () => {
  const event = (status: number) => ({ method: 'GET', path: 'setup/server', status, ms: 5, attempt: 1 });

  it.each([
    [200, true],
    [404, true],
    [409, true],
    [429, true],
    [0, false],
    [401, false],
    [403, false],
    [500, false],
    [503, false],
  ])('an answer with status %i counts as the plane answering: %s', (status, answered) => {
    const health = new ControlPlaneHealth();
    health.observe(event(status));
    expect(health.answeredRecently()).toBe(answered);
  });

  it('forgets an answer once it is older than the window', () => {
    let now = 1_000;
    const health = new ControlPlaneHealth(60_000, () => now);
    health.observe(event(200));
    now += 60_000;
    expect(health.answeredRecently()).toBe(true);
    now += 1;
    expect(health.answeredRecently()).toBe(false);
  });

  it('probes only when quiet, one probe at a time however often it is asked', async () => {
    const health = new ControlPlaneHealth();
    let probes = 0;
    let answer: (() => void) | undefined;
    const probe = () => {
      probes += 1;
      return new Promise<void>((resolve) => {
        answer = () => {
          health.observe(event(200));
          resolve();
        };
      });
    };
    const asked = [health.check(probe), health.check(probe), health.check(probe)];
    expect(probes).toBe(1);
    answer?.();
    expect(await Promise.all(asked)).toEqual([true, true, true]);
    expect(await health.check(probe)).toBe(true);
    expect(probes).toBe(1);
  });

  it('says not ready when the probe fails, and probes again next time', async () => {
    const health = new ControlPlaneHealth();
    let probes = 0;
    const failing = () => {
      probes += 1;
      return Promise.reject(new Error('ECONNREFUSED'));
    };
    expect(await health.check(failing)).toBe(false);
    expect(await health.check(failing)).toBe(false);
    expect(probes).toBe(2);
  });
});
