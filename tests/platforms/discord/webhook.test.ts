import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/alerts/sender.js';
import { webhookSender } from '../../../src/platforms/discord/webhook.js';
import { actions, header, type Reply, text } from '../../../src/render/reply.js';
import { textOf } from './harness.js';
import { DiscordStandIn, ids } from './stand-in.js';

let standIn: DiscordStandIn;
beforeAll(async () => {
  standIn = await DiscordStandIn.start({ id: ids.guild, name: 'NOC', roles: [], channels: [] });
});
afterAll(async () => {
  await standIn?.close();
});

const firing: Reply = {
  tone: 'warning',
  blocks: [
    header('🟠 Capacity warning · ams-sw-1 (203.0.113.42) at 88% of channels'),
    text('cluster eu-core at 71% overall'),
    actions({ label: 'Silence 1 h', command: '/cx silence capacity ams-sw-1 1h' }),
  ],
};
const resolved: Reply = {
  tone: 'success',
  blocks: [text('✅ Resolved after 42 min · ams-sw-1 back to 64%')],
};

/** A port that was just free: nothing listens on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('alerts through a channel webhook, without a bot', () => {
  it('posts with ?wait=true, gets the message id back, and edits that message later', async () => {
    const url = standIn.createWebhook();
    const sender = webhookSender(url);
    expect(sender.surface).toBe('discord-webhook');
    const id = await sender.post(ids.channel, firing);
    const posted = standIn.requests.at(-1)!;
    expect(posted.query.get('wait')).toBe('true');
    expect(posted.body?.components).toBeUndefined();
    expect(textOf(standIn.messages.get(id))).toContain('Capacity warning');

    await sender.edit(ids.channel, id, resolved);
    const edit = standIn.requests.at(-1)!;
    expect(edit.method).toBe('PATCH');
    expect(edit.path).toMatch(new RegExp(`/webhooks/\\d+/[\\w-]+/messages/${id}$`));
    expect(textOf(standIn.messages.get(id))).toContain('Resolved after 42 min');
    expect(textOf(standIn.messages.get(id))).not.toContain('Capacity warning');
  });

  it('posts a reply as a message of its own, as a webhook cannot reply', async () => {
    const sender = webhookSender(standIn.createWebhook());
    const first = await sender.post(ids.channel, firing);
    const second = await sender.replyTo(ids.channel, first, resolved);
    expect(second).not.toBe(first);
    expect(textOf(standIn.messages.get(second))).toContain('Resolved');
  });

  it('turns a 429 into a DeliveryError carrying retry_after', async () => {
    const url = standIn.createWebhook();
    standIn.intercept((r) =>
      r.method === 'POST' && url.endsWith(r.path)
        ? {
            status: 429,
            body: { message: 'You are being rate limited.', retry_after: 1.5, global: false },
            headers: { 'retry-after': '2' },
          }
        : undefined,
    );
    const error = await failure(webhookSender(url).post(ids.channel, firing));
    expect(error.options).toEqual({ retryAfterMs: 1500 });
  });

  it('says a webhook that is gone or refused is permanent, a server error is not', async () => {
    const gone = `${standIn.apiUrl}/webhooks/1100000000000000999/deleted-webhook-token`;
    const error = await failure(webhookSender(gone).post(ids.channel, firing));
    expect(error.options.permanent).toBe(true);
    expect(error.message).toContain('404');
    expect(error.message).not.toContain('deleted-webhook-token');

    const url = standIn.createWebhook();
    standIn.intercept((r) =>
      url.endsWith(r.path) ? { status: 502, body: { message: 'Bad Gateway' } } : undefined,
    );
    const transient = await failure(webhookSender(url).post(ids.channel, firing));
    expect(transient.options).toEqual({});
  });

  it('edits an unknown message as a permanent failure', async () => {
    const sender = webhookSender(standIn.createWebhook());
    const error = await failure(sender.edit(ids.channel, '1100000000000000777', resolved));
    expect(error.options.permanent).toBe(true);
  });

  it('fails over a closed port as a retryable DeliveryError, without quoting the URL', async () => {
    const port = await closedPort();
    const error = await failure(
      webhookSender(`http://127.0.0.1:${port}/api/webhooks/123/secret-token`).post(ids.channel, firing),
    );
    expect(error.options.permanent).toBeUndefined();
    expect(error.message).not.toContain('secret-token');
  });

  it('refuses a URL that is not a webhook URL, without quoting it', () => {
    expect(() => webhookSender('https://discord.com/channels/123/456?token=secret')).toThrow(
      /does not look like a webhook URL/,
    );
    expect(() => webhookSender('https://discord.com/channels/123/456?token=secret')).not.toThrow(/secret/);
  });
});
