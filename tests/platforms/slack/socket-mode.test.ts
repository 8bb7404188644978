import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageText, PRIYA, type SlackHarness, startSlackHarness } from './harness.js';
import { slashCommand, viewSubmission } from './requests.js';

/** With SLACK_APP_TOKEN set, gestures arrive over Socket Mode: no public URL, same behaviour. */

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ socketMode: true });
});
afterAll(() => h.close());

describe('Socket Mode', () => {
  it('connects with the app token and listens on no HTTP port', () => {
    expect(h.stand.calls('apps.connections.open')).toHaveLength(1);
    expect(h.stand.socketCount).toBe(1);
    expect(h.slack.url).toBeUndefined();
  });

  it('acks a slash command envelope at once and answers through its response_url', async () => {
    const responseUrl = h.stand.responseUrl();
    const path = new URL(responseUrl).pathname;
    await h.stand.deliver('slash_commands', slashCommand('servers', PRIYA, 'C0VOICEOPS', responseUrl));
    const answer = await h.stand.waitFor(() => h.stand.responds(path)[0], 'the answer');
    expect(answer.response_type).toBe('ephemeral');
    expect(messageText(answer)).toContain('Servers · 8');
    const order = h.stand.events
      .map((e) => e.kind)
      .filter((kind) => kind === 'socket-ack' || kind === 'respond');
    expect(order).toEqual(['socket-ack', 'respond']);
  });

  it('carries a form error in the envelope ack', async () => {
    await h.stand.deliver(
      'slash_commands',
      slashCommand('config ams-sw-1', PRIYA, 'C0VOICEOPS', h.stand.responseUrl()),
    );
    const opened = await h.stand.waitFor(() => h.stand.calls('views.open')[0], 'the form');
    const view = opened.view as { callback_id: string; private_metadata: string };
    const values = { 'cx-config:fqdn': { value: { type: 'plain_text_input', value: 'not a name' } } };
    const acked = await h.stand.deliver('interactive', viewSubmission(view, values, PRIYA));
    expect(acked).toEqual({
      response_action: 'errors',
      errors: {
        'cx-config:fqdn': '"not a name" is not a fully qualified domain name (e.g. sip.example.com)',
      },
    });
  });
});
