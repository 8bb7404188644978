import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIYA, type SlackHarness, startSlackHarness } from './harness.js';
import { FORM, formBody, signedPost, slashCommand } from './requests.js';

/** Requests not signed by Slack, or signed too long ago (a replay), are answered 401 and do nothing. */

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(() => h.close());

const restart = (responseUrl: string) =>
  formBody(slashCommand('restart ams-sw-1', PRIYA, 'C0VOICEOPS', responseUrl));

describe('the HTTP receiver', () => {
  it('answers a bad signature and a stale timestamp 401, with no effect', async () => {
    const forged = await signedPost(h.slack.url!, restart(h.stand.responseUrl()), FORM, {
      secret: 'not-the-secret',
    });
    expect(forged.status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const replayed = await signedPost(h.slack.url!, restart(h.stand.responseUrl()), FORM, {
      timestamp: sixMinutesAgo,
    });
    expect(replayed.status).toBe(401);

    // A good request after them is answered; by then the refused ones would have shown.
    const good = h.stand.responseUrl();
    expect((await signedPost(h.slack.url!, restart(good), FORM)).status).toBe(200);
    await h.stand.waitFor(() => h.stand.calls('chat.postMessage')[0], 'the good request card');
    await h.app.approvals.settled();
    expect(h.stand.calls('chat.postMessage')).toHaveLength(1);
    expect(h.stand.responds()).toEqual([]);
    expect(h.app.approvals.listPending()).toHaveLength(1);
  });
});
