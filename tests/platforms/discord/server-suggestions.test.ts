import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Server } from '../../../src/domain/schemas.js';
import { ServerSuggestions } from '../../../src/platforms/discord/server-suggestions.js';

const server = (id: number, alias: string, ip: string, type: Server['type'] = 'switch'): Server =>
  ({ id, alias, ip, type, status: 'active' }) as Server;

const FLEET = [
  server(1, 'ams-sw-1', '203.0.113.42'),
  server(2, 'ams-lb-1', '203.0.113.41', 'dispatcher'),
  server(3, 'fra-sw-1', '203.0.113.44'),
  server(4, 'lon-ams-7', '198.51.100.9'),
];

/** A fleet source whose answers the test releases one by one, with a clock the test moves. */
function harness() {
  const clock = { now: 0 };
  const pending: { resolve(servers: Server[]): void; reject(error: Error): void }[] = [];
  const source = () => new Promise<Server[]>((resolve, reject) => pending.push({ resolve, reject }));
  const suggestions = new ServerSuggestions(source, {
    maxAgeMs: 15_000,
    firstWaitMs: 2_000,
    now: () => clock.now,
  });
  return { clock, pending, suggestions };
}

const values = (list: { value: string }[]) => list.map((s) => s.value);

afterEach(() => {
  vi.useRealTimers();
});

describe('server suggestions', () => {
  it('answers nothing rather than miss the deadline when the first copy is slow', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { pending, suggestions } = harness();
    const first = suggestions.matching('ams', 'server');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await first).toEqual([]);
    pending[0]!.resolve(FLEET);
    await suggestions.settled();
    expect(values(await suggestions.matching('fra', 'server'))).toEqual(['203.0.113.44']);
  });

  it('waits for the first copy of the fleet, then answers from it without asking again', async () => {
    const { pending, suggestions } = harness();
    const first = suggestions.matching('ams', 'server');
    expect(pending).toHaveLength(1);
    pending[0]!.resolve(FLEET);
    expect(values(await first)).toEqual(['203.0.113.42', '203.0.113.41', '198.51.100.9']);
    expect(values(await suggestions.matching('fra', 'server'))).toEqual(['203.0.113.44']);
    expect(pending).toHaveLength(1);
  });

  it('puts names starting with what was typed before names containing it', async () => {
    const { pending, suggestions } = harness();
    suggestions.warm();
    pending[0]!.resolve(FLEET);
    await suggestions.settled();
    expect(values(await suggestions.matching('AMS', 'server'))[2]).toBe('198.51.100.9');
    expect(values(await suggestions.matching('203.0.113.4', 'server'))).toHaveLength(3);
    expect(values(await suggestions.matching('3', 'server'))[0]).toBe('203.0.113.44');
  });

  it('offers only dispatchers for a dispatcher argument', async () => {
    const { pending, suggestions } = harness();
    suggestions.warm();
    pending[0]!.resolve(FLEET);
    expect(await suggestions.matching('', 'dispatcher')).toEqual([
      { name: 'ams-lb-1 · 203.0.113.41 · active', value: '203.0.113.41' },
    ]);
  });

  it('answers from the stale copy while one refresh runs, at most once per 15 s', async () => {
    const { clock, pending, suggestions } = harness();
    suggestions.warm();
    pending[0]!.resolve(FLEET);
    await suggestions.settled();
    clock.now = 15_000;
    expect(values(await suggestions.matching('fra', 'server'))).toEqual(['203.0.113.44']);
    expect(values(await suggestions.matching('fra', 'server'))).toEqual(['203.0.113.44']);
    expect(pending).toHaveLength(2);
    pending[1]!.resolve([server(9, 'fra-sw-2', '203.0.113.99')]);
    await suggestions.settled();
    expect(values(await suggestions.matching('fra', 'server'))).toEqual(['203.0.113.99']);
    expect(pending).toHaveLength(2);
  });

  it('keeps the copy it has when a refresh fails, and does not retry before 15 s', async () => {
    const { clock, pending, suggestions } = harness();
    suggestions.warm();
    pending[0]!.resolve(FLEET);
    await suggestions.settled();
    clock.now = 20_000;
    await suggestions.matching('ams', 'server');
    pending[1]!.reject(new Error('control plane down'));
    await suggestions.settled();
    clock.now = 30_000;
    expect(values(await suggestions.matching('fra', 'server'))).toEqual(['203.0.113.44']);
    expect(pending).toHaveLength(2);
  });

  it('offers at most 25 servers', async () => {
    const { pending, suggestions } = harness();
    const many = Array.from({ length: 300 }, (_, i) => server(i, `sw-${i}`, `10.0.${i >> 8}.${i & 255}`));
    suggestions.warm();
    pending[0]!.resolve(many);
    expect(await suggestions.matching('sw', 'server')).toHaveLength(25);
  });
});
