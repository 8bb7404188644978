import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IpPool } from '../../src/embedded/fleet/ip-pool.js';
import { seededRandom } from '../../src/embedded/fleet/random.js';
import { dayShape, localHour, nextChannels, nextCps, shareLimit } from '../../src/embedded/sim/traffic.js';

describe('the traffic model', () => {
  it('keeps channels within 0..max whatever the noise and the step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.double({ min: 0, max: 1.5, noNaN: true }),
        fc.double({ min: 0.001, max: 86_400, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        (channels, channelsMax, targetShare, seconds, noise) => {
          const next = nextChannels({
            channels: Math.min(channels, channelsMax),
            channelsMax,
            targetShare,
            seconds,
            noise,
          });
          expect(Number.isInteger(next)).toBe(true);
          expect(next).toBeGreaterThanOrEqual(0);
          expect(next).toBeLessThanOrEqual(channelsMax);
        },
      ),
    );
  });

  it('heads towards the target without noise', () => {
    const step = { channels: 100, channelsMax: 1000, targetShare: 0.6, seconds: 600, noise: 0 };
    const next = nextChannels(step);
    expect(next).toBeGreaterThan(100);
    expect(next).toBeLessThan(600);
    expect(nextChannels({ ...step, seconds: 86_400 })).toBe(600);
  });

  it('is busier in the working day than at night', () => {
    expect(dayShape(14)).toBeGreaterThan(0.95);
    expect(dayShape(3)).toBeLessThan(dayShape(9));
    for (let hour = 0; hour < 24; hour += 0.5) {
      expect(dayShape(hour)).toBeGreaterThanOrEqual(0.25);
      expect(dayShape(hour)).toBeLessThanOrEqual(1);
    }
    expect(localHour(Date.UTC(2025, 0, 1, 23), 8)).toBe(7);
    expect(localHour(Date.UTC(2025, 0, 1, 2), -5)).toBe(21);
  });

  it('keeps CPS within the limit and a cluster within its shared limit', () => {
    expect(nextCps(611, 150, 0)).toBe(31);
    expect(nextCps(5000, 40, 3)).toBe(40);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 })),
        fc.integer({ min: 0, max: 1000 }),
        (values, limit) => {
          const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
          const shared = shareLimit(values, limit);
          expect(sum(shared)).toBeLessThanOrEqual(Math.min(sum(values), limit));
          if (sum(values) <= limit) expect(shared).toEqual(values);
          for (const [i, value] of shared.entries()) expect(value).toBeLessThanOrEqual(values[i]!);
        },
      ),
    );
  });
});

describe('fleet generation helpers', () => {
  it('hands out unique addresses, documentation ranges first, skipping used ones', () => {
    const pool = new IpPool(new Set(['203.0.113.1']));
    expect(pool.next()).toBe('203.0.113.2');
    const many = Array.from({ length: 2000 }, () => pool.next());
    expect(new Set(many).size).toBe(2000);
    expect(many).toContain('192.0.2.254');
    expect(many.at(-1)).toMatch(/^198\.18\./);
  });

  it('repeats a sequence for a seed', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    for (const value of draw(1)) expect(value).toBeGreaterThanOrEqual(0);
  });
});
