import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alignedCells,
  duration,
  expiryText,
  latencyText,
  money,
  percent,
  relativeTime,
  statusEmoji,
  usageBar,
} from '../../src/render/format.js';

const NOW = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('usageBar', () => {
  it('draws eighths of a cell', () => {
    expect(usageBar(611, 700)).toBe('████████▊░');
    expect(usageBar(50, 100)).toBe('█████░░░░░');
    expect(usageBar(1, 80, 1)).toBe('▏');
  });

  it('shows a sliver for any use and never looks full before it is', () => {
    expect(usageBar(1, 1000)).toBe('▏░░░░░░░░░');
    expect(usageBar(999, 1000)).toBe('█████████▉');
    expect(usageBar(1000, 1000)).toBe('██████████');
  });

  it('is empty without use or without a limit, and caps an overflow', () => {
    expect(usageBar(0, 700)).toBe('░░░░░░░░░░');
    expect(usageBar(5, 0)).toBe('░░░░░░░░░░');
    expect(usageBar(900, 700)).toBe('██████████');
  });

  it('always fills exactly its width', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(5000), fc.integer({ min: 1, max: 30 }), (used, max, width) => {
        expect([...usageBar(used, max, width)]).toHaveLength(width);
      }),
    );
  });
});

describe('percent', () => {
  it('rounds, guarding both ends', () => {
    expect(percent(611, 700)).toBe('87%');
    expect(percent(12, 700)).toBe('2%');
    expect(percent(1, 1000)).toBe('<1%');
    expect(percent(999, 1000)).toBe('99%');
    expect(percent(700, 700)).toBe('100%');
    expect(percent(0, 700)).toBe('0%');
  });

  it('has nothing to say without a limit', () => {
    expect(percent(3, 0)).toBe('-');
  });
});

describe('relativeTime', () => {
  it('says the future with one unit, rounded to the nearest', () => {
    expect(relativeTime(at(3 * DAY + 5 * HOUR), NOW)).toBe('in 3 days');
    expect(relativeTime(at(DAY + HOUR), NOW)).toBe('in 1 day');
    expect(relativeTime(at(5 * HOUR + 20 * MIN), NOW)).toBe('in 5 h');
    expect(relativeTime(at(2 * DAY - MIN), NOW)).toBe('in 2 days');
    expect(relativeTime(at(59 * MIN + 50_000), NOW)).toBe('in 1 h');
    expect(relativeTime(at(12 * MIN), NOW)).toBe('in 12 min');
    expect(relativeTime(at(40_000), NOW)).toBe('in 40 s');
  });

  it('says the past', () => {
    expect(relativeTime(at(-2 * MIN - 10_000), NOW)).toBe('2 min ago');
    expect(relativeTime(at(-4 * DAY), NOW)).toBe('4 days ago');
    expect(relativeTime(at(-200), NOW)).toBe('just now');
  });

  it('does not pretend to know a broken date', () => {
    expect(relativeTime('not a date', NOW)).toBe('-');
  });
});

describe('expiryText', () => {
  it('gives the end of the test period, "expired" once it passed, "-" without one', () => {
    expect(expiryText(at(2 * DAY + HOUR), NOW)).toBe('in 2 days');
    expect(expiryText(at(-MIN), NOW)).toBe('expired');
    expect(expiryText(NOW.toISOString(), NOW)).toBe('expired');
    expect(expiryText(null, NOW)).toBe('-');
  });
});

describe('duration', () => {
  it('uses the unit a person would', () => {
    expect(duration(58_000)).toBe('58 s');
    expect(duration(42 * MIN + 20_000)).toBe('42 min');
    expect(duration(59_700)).toBe('1 min');
    expect(duration(HOUR + 5 * MIN)).toBe('1 h 5 min');
    expect(duration(2 * HOUR)).toBe('2 h');
    expect(duration(2 * DAY + 3 * HOUR)).toBe('2 days 3 h');
    expect(duration(DAY)).toBe('1 day');
    expect(duration(-5)).toBe('0 s');
  });
});

describe('statusEmoji', () => {
  it('colours what a status means for calls', () => {
    expect(statusEmoji('active')).toBe('🟢');
    expect(statusEmoji('expired')).toBe('🔴');
    expect(statusEmoji('stopped')).toBe('🔴');
    expect(statusEmoji('restarting')).toBe('🟡');
    expect(statusEmoji('deploying')).toBe('🟡');
    expect(statusEmoji('inactive')).toBe('⚪');
  });
});

describe('latencyText', () => {
  it('gives SIP/ICMP in ms, marking what is unknown', () => {
    expect(latencyText(4, 2)).toBe('4/2 ms');
    expect(latencyText(4.6, 1.2)).toBe('5/1 ms');
    expect(latencyText(null, 2)).toBe('-/2 ms');
    expect(latencyText(null, null)).toBe('-');
  });
});

describe('money', () => {
  it('uses the account currency', () => {
    expect(money(412.5, 'USD')).toBe('$412.50');
    expect(money(-3, 'EUR')).toBe('-€3.00');
  });
});

describe('alignedCells', () => {
  it('right-aligns each part down the column and marks missing rows', () => {
    expect(alignedCells([['611/700', '87%'], ['12/700', '2%'], undefined])).toEqual([
      '611/700 87%',
      ' 12/700  2%',
      '-',
    ]);
  });

  it('drops the padding of an empty last part', () => {
    expect(
      alignedCells([
        ['31/150', 'shared'],
        ['0/40', ''],
      ]),
    ).toEqual(['31/150 shared', '  0/40']);
  });
});
