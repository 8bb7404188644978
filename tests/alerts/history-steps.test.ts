import { describe, expect, it } from 'vitest';
import { nextStatusSince } from '../../src/alerts/snapshot.js';
import { ago, HOUR, NOW, server, snapshot } from './rules-fixtures.js';

describe('nextStatusSince', () => {
  const seen = new Map([
    [1, { status: 'active' as const, since: ago(HOUR) }],
    [2, { status: 'stopped' as const, since: ago(2 * HOUR) }],
  ]);
  const fleet = [server(1), server(2, { status: 'stopped' })];

  it('hands back the very map while no server changed status, came or went', () => {
    expect(nextStatusSince(seen, snapshot({ servers: fleet }))).toBe(seen);
  });

  it('starts a changed status now and keeps the others’ starts', () => {
    const next = nextStatusSince(seen, snapshot({ servers: [server(1), server(2)] }));
    expect(next).not.toBe(seen);
    expect(next.get(1)).toBe(seen.get(1));
    expect(next.get(2)).toEqual({ status: 'active', since: NOW });
    expect(seen.get(2)?.status).toBe('stopped');
  });

  it('forgets a server that left and adds one that came', () => {
    const next = nextStatusSince(seen, snapshot({ servers: [server(1), server(3)] }));
    expect([...next.keys()]).toEqual([1, 3]);
    expect(next.get(3)).toEqual({ status: 'active', since: NOW });
  });
});
