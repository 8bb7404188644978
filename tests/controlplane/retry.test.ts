import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfterMs } from '../../src/controlplane/retry.js';

const policy = { baseMs: 100, maxMs: 1_000, retryAfterMaxMs: 30_000 };

describe('backoffDelayMs', () => {
  it('draws from zero up to a ceiling that doubles with each retry', () => {
    const highest = () => 0.9999;
    expect([1, 2, 3, 4].map((retry) => backoffDelayMs(policy, retry, highest))).toEqual([99, 199, 399, 799]);
    expect(backoffDelayMs(policy, 1, () => 0)).toBe(0);
    expect(backoffDelayMs(policy, 3, () => 0.5)).toBe(200);
  });

  it('never grows past maxMs', () => {
    expect(backoffDelayMs(policy, 5, () => 0.9999)).toBe(999);
    expect(backoffDelayMs(policy, 60, () => 0.9999)).toBe(999);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfterMs('3', now)).toBe(3_000);
    expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
    expect(parseRetryAfterMs(['12', '99'], now)).toBe(12_000);
  });

  it('reads an HTTP date, and a date already past as no wait', () => {
    expect(parseRetryAfterMs('Sat, 01 Mar 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('Sat, 01 Mar 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
    expect(parseRetryAfterMs('', now)).toBeUndefined();
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs('-5', now)).toBeUndefined();
  });
});
