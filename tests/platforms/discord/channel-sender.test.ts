import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/alerts/sender.js';
import { actions, header, type Reply, text } from '../../../src/render/reply.js';
import { customIdsOf, type Harness, startHarness, textOf } from './harness.js';
import { ids } from './stand-in.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const firing: Reply = {
  tone: 'warning',
  private: true,
  blocks: [
    header('🟠 Capacity warning · ams-sw-1 (203.0.113.42) at 88% of channels'),
    actions({ label: 'Show server', command: '/cx server ams-sw-1' }),
  ],
};
const resolved: Reply = { tone: 'success', blocks: [text('✅ Resolved after 42 min')] };

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('alerts posted by the bot', () => {
  it('posts into the channel with the bot token, buttons kept, never ephemeral', async () => {
    const sender = h.surface.sender!;
    expect(sender.surface).toBe('discord');
    const id = await sender.post(ids.channel, firing);
    const posted = h.standIn.requests.at(-1)!;
    expect(posted.path).toBe(`/channels/${ids.channel}/messages`);
    expect(posted.headers.authorization).toMatch(/^Bot /);
    expect(posted.body?.flags).toBeUndefined();
    expect(customIdsOf(h.standIn.messages.get(id))).toEqual(['cx:/cx server ams-sw-1']);
  });

  it('edits the same message on resolve and replies under it', async () => {
    const sender = h.surface.sender!;
    const id = await sender.post(ids.channel, firing);
    await sender.edit(ids.channel, id, resolved);
    expect(textOf(h.standIn.messages.get(id))).toContain('Resolved');
    const reply = await sender.replyTo(ids.channel, id, resolved);
    expect(h.standIn.messages.get(reply)?.message_reference).toMatchObject({ message_id: id });
  });

  it('hands a 429 to the outbox as retryAfterMs instead of waiting', async () => {
    const channel = '1100000000000000555';
    h.standIn.intercept((r) =>
      r.path === `/channels/${channel}/messages`
        ? {
            status: 429,
            body: { message: 'You are being rate limited.', retry_after: 2, global: false },
            headers: { 'retry-after': '2' },
          }
        : undefined,
    );
    const error = await failure(h.surface.sender!.post(channel, firing));
    expect(error.options.retryAfterMs).toBeGreaterThanOrEqual(2_000);
    expect(error.options.permanent).toBeUndefined();
  });

  it('says a channel the bot cannot reach is permanent, and a server error is not', async () => {
    const hidden = '1100000000000000556';
    const flaky = '1100000000000000557';
    h.standIn.intercept((r) =>
      r.path === `/channels/${hidden}/messages`
        ? { status: 403, body: { code: 50001, message: 'Missing Access' } }
        : undefined,
    );
    h.standIn.intercept((r) =>
      r.path === `/channels/${flaky}/messages`
        ? { status: 500, body: { message: 'Internal Server Error' } }
        : undefined,
    );
    const refused = await failure(h.surface.sender!.post(hidden, firing));
    expect(refused.options.permanent).toBe(true);
    expect(refused.message).toContain('Missing Access');
    const transient = await failure(h.surface.sender!.post(flaky, firing));
    expect(transient.options).toEqual({});
  });

  it('says an edit of a message that is gone is permanent', async () => {
    const error = await failure(h.surface.sender!.edit(ids.channel, '1100000000000000558', resolved));
    expect(error.options.permanent).toBe(true);
  });
});
