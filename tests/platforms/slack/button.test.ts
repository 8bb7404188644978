import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBlockKitLimits } from '../../../src/render/blockkit.js';
import {
  buttonsOf,
  CHANNEL,
  DAVE,
  MARCO,
  type MessageAddress,
  messageText,
  PRIYA,
  type SlackHarness,
  startSlackHarness,
} from './harness.js';
import type { ClickedButton, Person } from './requests.js';

/** Clicks on cards: Confirm and Cancel routed as the clicker; the card edited in place, refusals private. */

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(() => h.close());

interface Card {
  address: MessageAddress;
  confirm: ClickedButton;
  cancel: ClickedButton;
}

/** Types the line as Priya and returns the card it posted. */
async function request(line: string): Promise<Card> {
  const before = h.stand.calls('chat.postMessage').length;
  await h.command(line, PRIYA);
  const posted = await h.stand.waitFor(
    () => h.stand.calls('chat.postMessage')[before],
    `the card of ${line}`,
  );
  const ts = await h.stand.waitFor(() => h.app.approvals.listPending().at(-1)?.messageRef, 'the stored ref');
  const buttons = [...buttonsOf(posted).values()];
  return { address: { channel: CHANNEL, ts: ts.split(':')[1]! }, confirm: buttons[0]!, cancel: buttons[1]! };
}

const updatesOf = (card: Card) => h.stand.calls('chat.update').filter((u) => u.ts === card.address.ts);

/** Clicks and returns what the clicker alone was told. */
async function privateAnswer(card: Card, button: ClickedButton, who: Person) {
  const { ack, responseUrl } = await h.click(button, who, card.address);
  expect(ack.status).toBe(200);
  const path = new URL(responseUrl).pathname;
  const answer = await h.stand.waitFor(() => h.stand.responds(path)[0], `what ${who.name} was told`);
  expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
  return messageText(answer);
}

async function restartJobs(alias: string) {
  const server = await h.app.fleet.resolveServer(alias);
  return (await h.app.controlPlane.listJobs(server.id)).filter((job) => job.action === 'restart');
}

describe('a disruptive request clicked through', () => {
  it('refuses the requester, runs for another approver, follows the job and refuses a second click', async () => {
    const card = await request('restart ams-sw-1');

    const own = await privateAnswer(card, card.confirm, PRIYA);
    expect(own).toContain('another approver must confirm it');
    expect(updatesOf(card)).toEqual([]);
    expect(await restartJobs('ams-sw-1')).toHaveLength(0);

    const { ack } = await h.click(card.confirm, MARCO, card.address);
    expect(ack.status).toBe(200);
    const approved = await h.stand.waitFor(
      () => updatesOf(card).find((u) => messageText(u).includes('job')),
      'the card showing the job',
    );
    expect(messageText(approved)).toContain(`approved by <@${MARCO.id}>`);
    expect(checkBlockKitLimits(approved)).toEqual([]);
    expect(await restartJobs('ams-sw-1')).toHaveLength(1);

    await h.sim.tick(70);
    const done = await h.stand.waitFor(
      () => updatesOf(card).find((u) => messageText(u).includes('is back: active')),
      'the card showing the end',
    );
    expect(messageText(done)).toContain('ams-sw-1 (203.0.113.42) is back');
    const told = await h.stand.waitFor(
      () => h.stand.calls('chat.postMessage').find((m) => m.thread_ts === card.address.ts),
      'the requester told in the thread',
    );
    expect(String(told.text)).toContain(`<@${PRIYA.id}>`);

    await h.app.approvals.settled();
    const updates = updatesOf(card).length;
    const again = await privateAnswer(card, card.confirm, DAVE);
    expect(again).toContain('already approved by marco');
    expect(updatesOf(card)).toHaveLength(updates);
    expect(await restartJobs('ams-sw-1')).toHaveLength(1);
  });
});

describe('a request that ran out of time', () => {
  it('has its card marked expired by the sweep, and a late Confirm refused privately', async () => {
    const card = await request('restart fra-sw-1');
    h.advanceClock(11 * 60_000);
    await h.app.approvals.sweepExpired();
    const expired = await h.stand.waitFor(() => updatesOf(card)[0], 'the expired card');
    expect(messageText(expired)).toContain('Expired');

    const late = await privateAnswer(card, card.confirm, MARCO);
    expect(late).toContain('This request expired');
    expect(updatesOf(card)).toHaveLength(1);
    expect(await restartJobs('fra-sw-1')).toHaveLength(0);
  });
});

describe('Cancel', () => {
  it('lets the requester withdraw: the card says so and nothing is sent', async () => {
    const card = await request('restart lon-sw-1');
    await h.click(card.cancel, PRIYA, card.address);
    const cancelled = await h.stand.waitFor(() => updatesOf(card)[0], 'the cancelled card');
    expect(messageText(cancelled)).toContain('Cancelled: nothing was sent');
    expect(await restartJobs('lon-sw-1')).toHaveLength(0);
  });
});
