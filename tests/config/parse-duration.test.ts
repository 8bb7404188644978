import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/config.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1h 30m', 5_400_000],
    ['2d', 172_800_000],
    ['1d2h3m4s', 93_784_000],
    ['10M', 600_000],
    ['0s', 0],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '10', '10x', '1.5h', 'm', '30m1h', '-5m', 'ten minutes'])('rejects "%s"', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
