import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../../../src/domain/schemas.js';
import { type Harness, people, startHarness } from './harness.js';

const FLEET = 10_000;
const DISCORD_DEADLINE_MS = 3_000;

let h: Harness;
let fleet: Server[];
beforeAll(async () => {
  h = await startHarness({}, { prepare: (sim) => sim.replaceFleet(FLEET, 3) });
  fleet = await h.app.fleet.servers();
});
afterAll(async () => {
  await h?.close();
});

interface Choice {
  name: string;
  value: string;
}

/** Asks for suggestions as Discord does while someone types; returns them with the time to the answer. */
async function suggest(path: string[], values: Record<string, string>, focused: string) {
  const started = performance.now();
  const sent = h.autocomplete(path, values, focused, people.vic);
  const callback = await sent.callback(DISCORD_DEADLINE_MS);
  expect(callback.body?.type).toBe(8);
  const { choices } = callback.body!.data as { choices: Choice[] };
  return { choices, ms: callback.at - started };
}

describe(`server autocomplete on a fleet of ${FLEET.toLocaleString('en')}`, () => {
  it('answers within the deadline with at most 25 servers by alias, IP and status, valued by IP', async () => {
    const target = fleet[1234]!;
    const { choices, ms } = await suggest(
      ['actions', 'restart'],
      { server: target.alias.slice(0, 5) },
      'server',
    );
    expect(ms).toBeLessThan(DISCORD_DEADLINE_MS);
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      const server = fleet.find((s) => s.ip === choice.value)!;
      expect(choice.name).toBe(`${server.alias} · ${server.ip} · ${server.status}`);
      expect(server.alias.toLowerCase()).toContain(target.alias.slice(0, 5).toLowerCase());
    }
  });

  it('finds one server by its full IP', async () => {
    const target = fleet[9876]!;
    const { choices } = await suggest(['fleet', 'server'], { server: target.ip }, 'server');
    expect(choices[0]).toEqual({
      name: `${target.alias} · ${target.ip} · ${target.status}`,
      value: target.ip,
    });
  });

  it('offers only dispatchers for a dispatcher argument', async () => {
    const { choices } = await suggest(['actions', 'lb-add'], { dispatcher: '' }, 'dispatcher');
    const types = choices.map((c) => fleet.find((s) => s.ip === c.value)?.type);
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(['dispatcher']));
  });

  it('offers command names to /cx help', async () => {
    const { choices } = await suggest(['help'], { command: 'se' }, 'command');
    expect(choices.map((c) => c.value)).toEqual(['server', 'servers']);
  });

  it('offers nothing for an argument without suggestions', async () => {
    const { choices } = await suggest(['config', 'cluster-create'], { name: 'eu' }, 'name');
    expect(choices).toEqual([]);
  });
});
