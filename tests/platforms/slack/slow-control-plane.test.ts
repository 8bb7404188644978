import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { messageText, PRIYA, type SlackHarness, startSlackHarness } from './harness.js';

/**
 * A slow or failing control plane never costs an ack: the ack is recorded before anything else,
 * a working note follows, then the answer or the error, all to the asker only.
 */

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ slack: { workingNoteMs: 1_000 } });
});
afterAll(() => h.close());
afterEach(() => h.sim.setFaults({}));

/** The events of one command in the order they happened (its ack, what reached its response_url), up to `last`. */
async function eventsOf(text: string, last: string) {
  const from = h.stand.events.length;
  const { responseUrl } = await h.command(text, PRIYA);
  const path = new URL(responseUrl).pathname;
  const mine = () =>
    h.stand.events.slice(from).filter((e) => e.kind === 'ack' || (e.kind === 'respond' && e.name === path));
  return h.stand.waitFor(
    () => (mine().some((e) => messageText(e.body).includes(last)) ? mine() : undefined),
    `"${last}" in answer to /cx ${text}`,
  );
}

describe('with the control plane answering in 2 s', () => {
  it('acks at once, shows a working note, then the answer', async () => {
    await h.sim.setFaults({ latency_ms: 2_000 });
    const events = await eventsOf('servers', 'Servers · 8');
    expect(events.map((e) => e.kind)).toEqual(['ack', 'respond', 'respond']);
    const [ack, note, answer] = events;
    expect(ack?.body).toEqual({ status: 200, text: '' });
    expect(messageText(note?.body)).toContain('Working on');
    expect(note?.body.response_type).toBe('ephemeral');
    expect(messageText(answer?.body)).toContain('Servers · 8');
  });
});

describe('the working note', () => {
  it('names the command only, never what was typed after it (a password)', async () => {
    await h.sim.setFaults({ latency_ms: 1_500 });
    const password = 'Quiet-Harbour-77';
    const { responseUrl } = await h.command(`config ams-sw-1 uac-password=${password}`, PRIYA);
    const path = new URL(responseUrl).pathname;
    const note = await h.stand.waitFor(() => h.stand.responds(path)[0], 'the working note');
    expect(messageText(note)).toContain('Working on `/cx config`');
    await h.stand.waitFor(
      () =>
        h.stand
          .calls('chat.postMessage')
          .find((m) => messageText(m).includes('Change the config of ams-sw-1')),
      'the card',
    );
    const sentToSlack = h.stand.events.filter((e) => e.kind === 'api' || e.kind === 'respond');
    expect(JSON.stringify(sentToSlack)).not.toContain(password);
    expect(h.logLines.join('\n')).not.toContain(password);
  });
});

describe('with the control plane failing', () => {
  it('acks at once and tells the asker what failed, privately', async () => {
    await h.sim.setFaults({ error_rate: 1, status: 503 });
    const events = await eventsOf('balance', '503');
    expect(events[0]).toMatchObject({ kind: 'ack', body: { status: 200 } });
    const problem = events.at(-1)!;
    expect(problem.body.response_type).toBe('ephemeral');
    expect(messageText(problem.body)).not.toContain('Something went wrong');
  });
});
