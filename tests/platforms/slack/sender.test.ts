import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/alerts/sender.js';
import { loadConfig } from '../../../src/config.js';
import { deliveryClient } from '../../../src/platforms/slack/bolt-app.js';
import { SlackChannelSender } from '../../../src/platforms/slack/sender.js';
import { header, type Reply, text } from '../../../src/render/reply.js';
import { BOT_TOKEN } from './harness.js';
import { SIGNING_SECRET } from './requests.js';
import { SlackStandIn } from './stand-in.js';

/** Alerts to Slack channels: post, edit, thread replies; Slack's refusals as DeliveryError for the outbox. */

const ALERT: Reply = {
  tone: 'warning',
  blocks: [header('Capacity warning · ams-sw-1'), text('88% of channels')],
};
const CHANNEL = 'C0NOCALERTS';

let stand: SlackStandIn;
let sender: SlackChannelSender;
beforeAll(async () => {
  stand = await SlackStandIn.start();
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: stand.apiUrl,
  });
  sender = new SlackChannelSender(deliveryClient(config.slack!, pino({ level: 'silent' })));
});
afterAll(() => stand.close());
beforeEach(() => {
  for (const method of ['chat.postMessage', 'chat.update']) stand.restore(method);
});

async function refusal(delivery: Promise<unknown>): Promise<DeliveryError> {
  const error = await delivery.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('the Slack channel sender', () => {
  it('posts, edits and replies in the thread of the message it posted', async () => {
    expect(sender.surface).toBe('slack');
    const ts = await sender.post(CHANNEL, ALERT);
    const [posted] = stand.calls('chat.postMessage').slice(-1);
    expect(posted).toMatchObject({ channel: CHANNEL, text: expect.stringContaining('Capacity warning') });
    expect(ts).toMatch(/^\d+\.\d+$/);

    await sender.edit(CHANNEL, ts, { tone: 'success', blocks: [text('Resolved after 42 min')] });
    expect(stand.calls('chat.update').at(-1)).toMatchObject({ channel: CHANNEL, ts });

    const reply = await sender.replyTo(CHANNEL, ts, { tone: 'success', blocks: [text('back to 64%')] });
    expect(stand.calls('chat.postMessage').at(-1)).toMatchObject({ channel: CHANNEL, thread_ts: ts });
    expect(reply).not.toBe(ts);
  });

  it("turns a 429 into a retry after Slack's Retry-After, without retrying itself", async () => {
    stand.override('chat.postMessage', () => ({
      status: 429,
      headers: { 'retry-after': '7' },
      body: { ok: false, error: 'ratelimited' },
    }));
    const before = stand.calls('chat.postMessage').length;
    const error = await refusal(sender.post(CHANNEL, ALERT));
    expect(error.options).toEqual({ retryAfterMs: 7_000 });
    expect(stand.calls('chat.postMessage')).toHaveLength(before + 1);
  });

  it.each(['channel_not_found', 'not_in_channel'])('gives up on %s for good', async (code) => {
    stand.override('chat.postMessage', () => ({ body: { ok: false, error: code } }));
    const error = await refusal(sender.post(CHANNEL, ALERT));
    expect(error.options.permanent).toBe(true);
    expect(error.message).toContain(code);
  });

  it('leaves a server error to be tried again later, after one attempt', async () => {
    stand.override('chat.update', () => ({ status: 503, body: { ok: false } }));
    const before = stand.calls('chat.update').length;
    const error = await refusal(sender.edit(CHANNEL, '1700000000.000100', ALERT));
    expect(error.options.permanent).toBeFalsy();
    expect(error.options.retryAfterMs).toBeUndefined();
    expect(stand.calls('chat.update')).toHaveLength(before + 1);
  });
});
