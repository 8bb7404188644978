import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkBlockKitLimits } from '../../../src/render/blockkit.js';
import {
  BOT_TOKEN,
  buttonsOf,
  CHANNEL,
  messageText,
  PRIYA,
  type SlackHarness,
  startSlackHarness,
  VIC,
} from './harness.js';
import { SIGNING_SECRET } from './requests.js';

/** The /cx listener over HTTP: each command family acked at once, answered after. */

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(() => h.close());

let from = 0;
beforeEach(() => {
  from = h.stand.events.length;
});

/** Web API calls of `method` since the test began. */
const newCalls = (method: string) =>
  h.stand.events
    .slice(from)
    .filter((e) => e.kind === 'api' && e.name === method)
    .map((e) => e.body);

async function answerTo(text: string, who = PRIYA) {
  const { ack, responseUrl } = await h.command(text, who);
  expect(ack).toEqual({ status: 200, text: '' });
  const path = new URL(responseUrl).pathname;
  return h.stand.waitFor(() => h.stand.responds(path)[0], `the answer to /cx ${text}`);
}

describe('/cx', () => {
  it('answers a fleet read to the asker only, within every Block Kit limit', async () => {
    const answer = await answerTo('servers');
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(messageText(answer)).toContain('Servers · 8 · Quokka Telecom');
    expect(messageText(answer)).toContain('ams-sw-1');
    expect(checkBlockKitLimits(answer)).toEqual([]);
    expect(newCalls('chat.postMessage')).toEqual([]);
  });

  it('posts a read in the channel with --share', async () => {
    await h.command('balance --share', PRIYA);
    const posted = await h.stand.waitFor(() => newCalls('chat.postMessage')[0], 'the shared answer');
    expect(posted.channel).toBe(CHANNEL);
    expect(messageText(posted)).toContain('Balance · Quokka Telecom');
  });

  it('posts an action card in the channel, stored with its channel:ts to edit', async () => {
    await h.command('restart ams-sw-2', PRIYA);
    const card = await h.stand.waitFor(() => newCalls('chat.postMessage')[0], 'the card');
    expect(card.channel).toBe(CHANNEL);
    expect(messageText(card)).toContain('Restart ams-sw-2 (203.0.113.43)');
    // The ref is stored once chat.postMessage has answered, a moment after the stand-in saw the card.
    await h.stand.waitFor(() => h.app.approvals.listPending().at(-1)?.messageRef, 'the stored ref');
    const pending = h.app.approvals.listPending().at(-1)!;
    expect([...buttonsOf(card).values()].map((b) => b.value)).toEqual([
      `/cx confirm ${pending.id}`,
      `/cx cancel ${pending.id}`,
    ]);
    expect(pending.messageRef).toMatch(new RegExp(`^${CHANNEL}:\\d+\\.\\d+$`));
    expect(pending.requester).toEqual({ surface: 'slack', id: PRIYA.id, name: PRIYA.name });
    expect(checkBlockKitLimits(card)).toEqual([]);
  });

  it('posts a config change card like the action card', async () => {
    await h.command('config ams-sw-2 udp-ports=5070,5080', PRIYA);
    const card = await h.stand.waitFor(() => newCalls('chat.postMessage')[0], 'the config card');
    expect(messageText(card)).toContain('Change the config of ams-sw-2 (203.0.113.43)');
    expect(messageText(card)).toContain('5070, 5080');
  });

  it('lists the pending approvals to the asker', async () => {
    const answer = await answerTo('approvals');
    expect(answer.response_type).toBe('ephemeral');
    expect(messageText(answer)).toMatch(/Pending requests · [1-9]/);
    expect(messageText(answer)).toContain('Restart ams-sw-2');
  });

  it('shows mistakes and refusals to the asker only', async () => {
    const typo = await answerTo('restrat ams-sw-1');
    expect(typo.response_type).toBe('ephemeral');
    expect(messageText(typo)).toContain('Unknown command \\"restrat\\"');
    const refused = await answerTo('restart ams-sw-1', VIC);
    expect(messageText(refused)).toContain(`Ask an admin to add slack:${VIC.id} to SWITCHBOARD_OPERATORS`);
    expect(newCalls('chat.postMessage')).toEqual([]);
  });

  it('says how to invite the bot when it may not post the card', async () => {
    h.stand.override('chat.postMessage', () => ({ body: { ok: false, error: 'not_in_channel' } }));
    try {
      const answer = await answerTo('restart lon-sw-1');
      expect(answer.response_type).toBe('ephemeral');
      expect(messageText(answer)).toContain('I cannot post in this channel (Slack answered not_in_channel)');
      expect(messageText(answer)).toContain('/invite @Switchboard');
    } finally {
      h.stand.restore('chat.postMessage');
    }
  });

  it('never logs the tokens or the signing secret', () => {
    const logged = h.logLines.join('\n');
    expect(logged).toContain('command');
    expect(logged).not.toContain(BOT_TOKEN);
    expect(logged).not.toContain(SIGNING_SECRET);
  });
});
