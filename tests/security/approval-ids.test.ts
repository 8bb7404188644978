import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApprovalsRepo } from '../../src/store/approvals-repo.js';
import { type Database, openDatabase } from '../../src/store/database.js';

const COUNT = 4_000;
const HEX_DIGITS = 16;
/** χ² for 15 degrees of freedom that a fair source exceeds with probability about one in a million. */
const CHI_SQUARE_LIMIT = 53;

let db: Database;
let ids: string[];

beforeAll(() => {
  db = openDatabase(':memory:');
  const repo = new ApprovalsRepo(db);
  // The same moment, requester and command for all: nothing an id could be derived from differs.
  const createdAt = new Date('2024-05-06T09:00:00Z');
  ids = Array.from(
    { length: COUNT },
    () =>
      repo.create({
        command: 'restart',
        args: { server: 'ams-sw-1' },
        risk: 'disruptive',
        summary: 'Restart ams-sw-1',
        requester: { surface: 'slack', id: 'U012AB3CD', name: 'priya' },
        createdAt,
        expiresAt: new Date(createdAt.getTime() + 600_000),
      }).id,
  );
});

afterAll(() => db.close());

function chiSquare(counts: readonly number[]): number {
  const total = counts.reduce((sum, n) => sum + n, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
}

function digitCounts(digits: string[]): number[] {
  const counts = new Array<number>(HEX_DIGITS).fill(0);
  for (const digit of digits) counts[Number.parseInt(digit, 16)]! += 1;
  return counts;
}

const commonPrefix = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n += 1;
  return n;
};

describe('approval ids', () => {
  it('are 16 lowercase hex characters, all different', () => {
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(COUNT);
  });

  it('use every hex digit equally often, overall and at each of the 16 positions', () => {
    expect(chiSquare(digitCounts(ids.join('').split('')))).toBeLessThan(CHI_SQUARE_LIMIT);
    for (let position = 0; position < 16; position++) {
      const counts = digitCounts(ids.map((id) => id[position]!));
      expect(chiSquare(counts), `position ${position}`).toBeLessThan(CHI_SQUARE_LIMIT);
    }
  });

  it('carry close to 64 bits: each bit is set about half of the time', () => {
    const values = ids.map((id) => BigInt(`0x${id}`));
    for (let bit = 0n; bit < 64n; bit++) {
      const set = values.filter((value) => (value >> bit) & 1n).length;
      // Six standard deviations of a fair coin over COUNT tosses.
      expect(Math.abs(set - COUNT / 2), `bit ${bit}`).toBeLessThan(6 * Math.sqrt(COUNT / 4));
    }
  });

  it('follow no sequence: consecutive ids share no more than chance, and their steps vary', () => {
    const shared = ids.slice(1).map((id, i) => commonPrefix(ids[i]!, id));
    // For random hex, a shared first digit happens 1 time in 16 and the mean prefix is 1/15.
    expect(shared.reduce((sum, n) => sum + n, 0) / shared.length).toBeLessThan(0.15);
    const steps = new Set(ids.slice(1).map((id, i) => BigInt(`0x${id}`) - BigInt(`0x${ids[i]!}`)));
    expect(steps.size).toBeGreaterThan(COUNT - 10);
  });
});
