import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBlockKitLimits } from '../../../src/render/blockkit.js';
import { buttonsOf, CHANNEL, messageText, PRIYA, type SlackHarness, startSlackHarness } from './harness.js';

/** A 500-server fleet pages instead of breaking: every message within every Block Kit limit. */

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
  await h.sim.replaceFleet(500, 7);
});
afterAll(() => h.close());

async function answerTo(text: string) {
  const { responseUrl } = await h.command(text, PRIYA);
  return h.stand.waitFor(
    () => h.stand.responds(new URL(responseUrl).pathname)[0],
    `the answer to /cx ${text}`,
  );
}

describe('a fleet of 500 servers', () => {
  it('lists the first page within every limit, with a button to the next', async () => {
    const first = await answerTo('servers');
    expect(checkBlockKitLimits(first)).toEqual([]);
    expect(messageText(first)).toContain('Servers · 500');
    const next = [...buttonsOf(first).values()].find((b) => b.value.includes('--page 2'));
    expect(next).toBeDefined();

    const { responseUrl } = await h.click(next!, PRIYA, { channel: CHANNEL, ts: '1700000000.000001' });
    const second = await h.stand.waitFor(
      () => h.stand.responds(new URL(responseUrl).pathname)[0],
      'the second page',
    );
    expect(checkBlockKitLimits(second)).toEqual([]);
    expect(messageText(second)).not.toEqual(messageText(first));
  });

  it('keeps the App Home within the limits too', async () => {
    await h.homeOpened(PRIYA);
    const published = await h.stand.waitFor(() => h.stand.calls('views.publish')[0], 'the home');
    expect(checkBlockKitLimits(published.view)).toEqual([]);
    expect(messageText(published.view)).toContain('Servers · 500');
  });
});
