import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDiscordLimits } from '../../../src/render/discord.js';
import { customIdsOf, type Harness, people, startHarness, textOf } from './harness.js';
import { EPHEMERAL } from './stand-in.js';

const FLEET = 500;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { prepare: (sim) => sim.replaceFleet(FLEET, 7) });
});
afterAll(async () => {
  await h?.close();
});

describe(`a fleet of ${FLEET} servers`, () => {
  it('is listed a page at a time, each page within every Discord limit, paged by its buttons', async () => {
    const list = h.slash(['fleet', 'servers'], {}, people.vic);
    const first = (await list.edit()).body;
    expect(checkDiscordLimits(first)).toEqual([]);
    expect(textOf(first)).toContain(`Servers · ${FLEET}`);
    expect(textOf(first)).toMatch(/page 1 of \d+/);

    const next = customIdsOf(first).find((id) => id.includes('--page 2'));
    expect(next).toBeDefined();
    const listed = h.standIn.messages.get(h.standIn.interactions.get(list.token)!.originalId!)!;
    const paged = h.click(next!, listed, people.vic);
    const second = (await paged.followUp()).body;
    expect(second?.flags).toBe(EPHEMERAL);
    expect(checkDiscordLimits(second)).toEqual([]);
    expect(textOf(second)).toMatch(/page 2 of \d+/);
  });

  it('shows the last page within the limits too', async () => {
    const first = h.slash(['fleet', 'servers'], {}, people.vic);
    const pages = Number(/page 1 of (\d+)/.exec(textOf((await first.edit()).body))![1]);
    const last = h.slash(['fleet', 'servers'], { page: pages, share: true }, people.vic);
    const body = (await last.edit()).body;
    expect(checkDiscordLimits(body)).toEqual([]);
    expect(textOf(body)).toContain(`page ${pages} of ${pages}`);
  });
});
