import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDiscordLimits } from '../../../src/render/discord.js';
import { clock, customIdsOf, type Harness, people, type Sent, startHarness, textOf } from './harness.js';
import type { Person } from './interactions.js';
import { EPHEMERAL, ids, type Recorded, type StoredMessage } from './stand-in.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Priya asks for a disruptive action; returns the card as the stand-in stores it, once its request knows it. */
async function requestCard(
  path: string[],
  values: Record<string, string>,
  channelId?: string,
): Promise<StoredMessage> {
  const request = h.slash(path, values, people.priya, channelId);
  await request.edit();
  const card = h.standIn.messages.get(h.standIn.interactions.get(request.token)!.originalId!)!;
  await h.standIn.waitFor(() =>
    h.app.approvals.listPending().some((a) => a.messageRef?.endsWith(`/${card.id}`)),
  );
  return card;
}

/** Lets the control plane finish the card's job, and waits for the card to say so. */
async function finishJob(card: StoredMessage): Promise<void> {
  await h.standIn.waitFor(() => /job \d+/.test(textOf(h.standIn.messages.get(card.id))));
  await h.sim.tick(600);
  await h.standIn.waitFor(() => textOf(h.standIn.messages.get(card.id)).includes('✅'));
}

const buttons = (card: StoredMessage) => {
  const [confirm, cancel] = customIdsOf(card);
  return { confirm: confirm!, cancel: cancel! };
};

/** Edits of the card through the channel with the bot token, in order. */
const cardEdits = (card: StoredMessage): Recorded[] =>
  h.standIn.requests.filter(
    (r) => r.method === 'PATCH' && r.path === `/channels/${card.channel_id}/messages/${card.id}`,
  );

async function click(customId: string, card: StoredMessage, person: Person): Promise<Sent> {
  const sent = h.click(customId, card, person);
  expect((await sent.callback()).body).toEqual({ type: 6 });
  return sent;
}

describe('a disruptive request clicked through on Discord', () => {
  it('refuses the requester, lets another approver confirm, and follows the job on the card', async () => {
    const card = await requestCard(['actions', 'restart'], { server: 'ams-sw-1' });
    expect(textOf(card)).toContain('needs an approver other than');
    const { confirm } = buttons(card);

    const own = await click(confirm, card, people.priya);
    const refusal = await own.followUp();
    expect(refusal.body?.flags).toBe(EPHEMERAL);
    expect(textOf(refusal.body)).toContain('another approver must confirm it');
    expect(cardEdits(card)).toEqual([]);

    await click(confirm, card, people.marco);
    await h.standIn.waitFor(() => cardEdits(card).some((r) => textOf(r.body).includes('queued')));
    const approved = textOf(cardEdits(card)[0]!.body);
    expect(approved).toContain(`approved by <@${people.marco.id}>`);
    expect(customIdsOf(h.standIn.messages.get(card.id))).toEqual([]);

    await finishJob(card);
    expect(textOf(h.standIn.messages.get(card.id))).toMatch(/ams-sw-1 .* is back: active/);
    for (const edit of cardEdits(card)) expect(checkDiscordLimits(edit.body)).toEqual([]);

    const ping = await h.standIn.waitFor(
      (r) =>
        r.method === 'POST' &&
        r.path === `/channels/${ids.channel}/messages` &&
        r.body?.message_reference !== undefined,
    );
    expect(ping.body?.content).toContain(`<@${people.priya.id}>`);
    expect(ping.body?.message_reference).toMatchObject({ message_id: card.id });
    expect(ping.headers.authorization).toMatch(/^Bot /);
  });

  it('executes a double click once and tells the second click it was already approved', async () => {
    const card = await requestCard(['actions', 'stop'], { server: 'lon-sw-1' });
    const { confirm } = buttons(card);
    const [first, second] = await Promise.all([
      click(confirm, card, people.marco),
      click(confirm, card, people.marco),
    ]);
    const refusal = await Promise.race([first.followUp(), second.followUp()]);
    expect(refusal.body?.flags).toBe(EPHEMERAL);
    expect(textOf(refusal.body)).toContain('already approved');
    await h.standIn.waitFor(() => cardEdits(card).length > 0);
    const confirms = h.app.db
      .prepare("SELECT count(*) AS n FROM audit WHERE event = 'confirm' AND command = 'stop'")
      .get() as { n: number };
    expect(confirms.n).toBe(1);
    await finishJob(card);
  });

  it('lets the requester cancel her own request, edited in place', async () => {
    const card = await requestCard(['actions', 'power-cycle'], { server: 'fra-sw-1' });
    const { cancel } = buttons(card);
    const sent = await click(cancel, card, people.priya);
    await h.standIn.waitFor(() => cardEdits(card).length > 0);
    expect(textOf(cardEdits(card)[0]!.body)).toContain('Cancelled');
    expect(sent.followUps()).toEqual([]);
  });

  it('refuses a viewer privately and leaves the card as it was', async () => {
    const card = await requestCard(['actions', 'install'], { server: 'fra-sw-1' });
    const sent = await click(buttons(card).confirm, card, people.vic);
    const refusal = await sent.followUp();
    expect(refusal.body?.flags).toBe(EPHEMERAL);
    expect(textOf(refusal.body)).toContain('Only approvers can confirm');
    expect(cardEdits(card)).toEqual([]);
  });

  it("edits the card through the click's interaction when the bot cannot see the channel", async () => {
    const hidden = '1100000000000000030';
    h.standIn.intercept((r) =>
      r.path.startsWith(`/channels/${hidden}/`)
        ? { status: 403, body: { code: 50001, message: 'Missing Access' } }
        : undefined,
    );
    const card = await requestCard(['actions', 'restart'], { server: 'nyc-sw-1' }, hidden);
    const sent = await click(buttons(card).confirm, card, people.marco);
    const edit = await sent.edit();
    expect(textOf(edit.body)).toContain(`approved by <@${people.marco.id}>`);
    expect(cardEdits(card).length).toBeGreaterThan(0);
    expect(textOf(h.standIn.messages.get(card.id))).toContain(`approved by <@${people.marco.id}>`);
    await finishJob(card);
  });

  it('edits a card in place when its request expires, with no click', async () => {
    const card = await requestCard(['actions', 'os-cycle'], { server: 'lax-sw-1' });
    clock.aheadMs = 11 * 60_000;
    try {
      await h.app.approvals.sweepExpired();
    } finally {
      clock.aheadMs = 0;
    }
    expect(textOf(cardEdits(card).at(-1)?.body)).toContain('Expired');
    expect(customIdsOf(h.standIn.messages.get(card.id))).toEqual([]);
  });
});
