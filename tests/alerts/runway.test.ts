import { describe, expect, it } from 'vitest';
import { drainRate, runwayDays, topUpFor } from '../../src/alerts/runway.js';
import { ago, DAY, HOUR, NOW } from './rules-fixtures.js';

describe('drainRate', () => {
  it('measures spending per day over the span of the samples', () => {
    const samples = [
      { at: ago(2 * DAY), balance: 100 },
      { at: ago(DAY), balance: 80 },
      { at: NOW, balance: 60 },
    ];
    expect(drainRate(samples)).toBeCloseTo(20, 10);
  });

  it('leaves a top-up out: neither its rise nor its time counts', () => {
    const samples = [
      { at: ago(3 * DAY), balance: 100 },
      { at: ago(2 * DAY), balance: 70 },
      { at: ago(2 * DAY - HOUR), balance: 570 },
      { at: NOW, balance: 570 - 30 * (47 / 24) },
    ];
    expect(drainRate(samples)).toBeCloseTo(30, 10);
  });

  it('reads samples in any order', () => {
    const samples = [
      { at: NOW, balance: 60 },
      { at: ago(2 * DAY), balance: 100 },
      { at: ago(DAY), balance: 80 },
    ];
    expect(drainRate(samples)).toBeCloseTo(20, 10);
  });

  it('has no rate until an hour of history (or the span asked for)', () => {
    expect(drainRate([])).toBeNull();
    expect(drainRate([{ at: NOW, balance: 5 }])).toBeNull();
    const short = [
      { at: ago(59 * 60_000), balance: 10 },
      { at: NOW, balance: 9 },
    ];
    expect(drainRate(short)).toBeNull();
    expect(drainRate(short, 30 * 60_000)).toBeCloseTo(24 * (60 / 59), 10);
    const hour = [
      { at: ago(HOUR), balance: 10 },
      { at: NOW, balance: 9 },
    ];
    expect(drainRate(hour)).toBeCloseTo(24, 10);
  });

  it('counts only the time between top-ups towards the hour', () => {
    const samples = [
      { at: ago(2 * HOUR), balance: 10 },
      { at: ago(HOUR + 30 * 60_000), balance: 50 },
      { at: NOW, balance: 49 },
    ];
    expect(drainRate(samples)).toBeCloseTo(16, 10);
    const mostlyTopUp = [
      { at: ago(2 * HOUR), balance: 10 },
      { at: ago(40 * 60_000), balance: 50 },
      { at: NOW, balance: 49 },
    ];
    expect(drainRate(mostlyTopUp)).toBeNull();
  });

  it('is zero when nothing is spent', () => {
    expect(
      drainRate([
        { at: ago(DAY), balance: 42 },
        { at: NOW, balance: 42 },
      ]),
    ).toBe(0);
  });
});

describe('runwayDays', () => {
  it('divides the balance by the rate', () => {
    expect(runwayDays(38.2, 19.1)).toBeCloseTo(2, 10);
  });

  it('is zero once the balance is gone, whatever the rate', () => {
    expect(runwayDays(0, 10)).toBe(0);
    expect(runwayDays(-5, 0)).toBe(0);
  });

  it('is endless when nothing drains the balance', () => {
    expect(runwayDays(10, 0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('topUpFor', () => {
  it('rounds the missing amount up to a whole unit', () => {
    expect(topUpFor(38.2, 19.1, 7)).toBe(96);
  });

  it('does not round an exact amount up by a float error', () => {
    expect(topUpFor(40, 20, 7)).toBe(100);
    expect(topUpFor(0.3, 0.1, 10)).toBe(1);
  });

  it('adds the debt of a negative balance', () => {
    expect(topUpFor(-10, 10, 7)).toBe(80);
  });

  it('asks for nothing when the runway already lasts', () => {
    expect(topUpFor(500, 20, 7)).toBe(0);
  });
});
