import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL, messageText, PRIYA, type SlackHarness, startSlackHarness, VIC } from './harness.js';

/** `/cx config <server>` opens a form; its submission is checked per field and becomes the typed command's card. */

const PASSWORD = 'Tr0mbone-Sunrise';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(() => h.close());

let from = 0;
beforeEach(() => {
  from = h.stand.events.length;
});
const newCalls = (method: string) =>
  h.stand.events
    .slice(from)
    .filter((e) => e.kind === 'api' && e.name === method)
    .map((e) => e.body);

interface Element {
  type: string;
  initial_value?: string;
  initial_option?: { value: string };
  initial_options?: { value: string }[];
  options?: { value: string }[];
}
interface Input {
  type: string;
  block_id: string;
  element: Element;
}
type View = { callback_id?: string; private_metadata?: string; blocks: Input[] };

async function openForm(server: string): Promise<View> {
  await h.command(`config ${server}`, PRIYA);
  const opened = await h.stand.waitFor(() => newCalls('views.open')[0], 'views.open');
  expect(String(opened.trigger_id)).toMatch(/^trigger-/);
  return opened.view as View;
}

const inputs = (view: View) =>
  Object.fromEntries(view.blocks.filter((b) => b.type === 'input').map((b) => [b.block_id, b.element]));

/** The state Slack sends back: what the form opened with, with `changes` made by the person. */
function stateOf(view: View, changes: Record<string, Record<string, unknown>> = {}) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const [block, element] of Object.entries(inputs(view))) {
    const initial =
      element.type === 'checkboxes'
        ? { selected_options: element.initial_options ?? [] }
        : element.type === 'static_select'
          ? { selected_option: element.initial_option ?? null }
          : { value: element.initial_value ?? null };
    values[block] = { value: { type: element.type, ...initial, ...changes[block] } };
  }
  return values;
}

const ticked = (view: View, ...add: string[]) => ({
  selected_options: [
    ...(inputs(view)['cx-config:switches']!.initial_options ?? []),
    ...add.map((value) => ({ value })),
  ],
});

describe('opening the form', () => {
  it('opens a modal pre-filled with the current config', async () => {
    const view = await openForm('ams-sw-1');
    expect(view.callback_id).toBe('cx-config');
    const fields = inputs(view);
    expect(fields['cx-config:fqdn']?.initial_value).toBe('ams-sw-1.quokka.example');
    expect(fields['cx-config:cluster']?.initial_option?.value).toBe('eu-core');
    expect(fields['cx-config:failover']?.initial_option?.value).toBe('none');
    expect(fields['cx-config:failover']?.options?.map((o) => o.value)).toContain('203.0.113.43');
    expect(fields['cx-config:uac-user']?.initial_value).toBe('quokka-trunk');
    expect(fields['cx-config:uac-password']?.initial_value).toBeUndefined();
    expect(fields['cx-config:switches']?.initial_options?.map((o) => o.value)).toEqual([
      'tls',
      'auto-upgrade',
      'uac-ping',
    ]);
    expect(Object.keys(fields)).toContain('cx-config:udp-ports');
  });

  it('shows viewers the read-only config instead', async () => {
    const { responseUrl } = await h.command('config ams-sw-1', VIC);
    const answer = await h.stand.waitFor(
      () => h.stand.responds(new URL(responseUrl).pathname)[0],
      'the read view',
    );
    expect(messageText(answer)).toContain('Config of ams-sw-1 (203.0.113.42)');
    expect(newCalls('views.open')).toEqual([]);
  });

  it('tells the asker about an unknown server instead of opening anything', async () => {
    const { responseUrl } = await h.command('config ams-sw-7', PRIYA);
    const answer = await h.stand.waitFor(
      () => h.stand.responds(new URL(responseUrl).pathname)[0],
      'the problem',
    );
    expect(answer.response_type).toBe('ephemeral');
    expect(messageText(answer)).toContain('No server \\"ams-sw-7\\"');
    expect(newCalls('views.open')).toEqual([]);
  });

  it('says how to change the config without the form when Slack will not open it', async () => {
    h.stand.override('views.open', () => ({ body: { ok: false, error: 'expired_trigger_id' } }));
    try {
      const { responseUrl } = await h.command('config ams-sw-1', PRIYA);
      const answer = await h.stand.waitFor(
        () => h.stand.responds(new URL(responseUrl).pathname)[0],
        'the hint',
      );
      expect(messageText(answer)).toContain('Slack would not open the config form (expired_trigger_id)');
      expect(messageText(answer)).toContain('/cx config ams-sw-1 key=value');
    } finally {
      h.stand.restore('views.open');
    }
  });

  it('opens a reading modal at once when the control plane is slow, then fills it in', async () => {
    await h.sim.setFaults({ latency_ms: 1_500 });
    try {
      const view = await openForm('ams-sw-2');
      expect(JSON.stringify(view)).toContain('Reading the config of ams-sw-2');
      const filled = await h.stand.waitFor(() => newCalls('views.update')[0], 'views.update');
      expect((filled.view as View).callback_id).toBe('cx-config');
    } finally {
      await h.sim.setFaults({});
    }
  });
});

describe('submitting the form', () => {
  const errorsOf = (text: string) =>
    JSON.parse(text) as { response_action: string; errors: Record<string, string> };

  it('shows a rule broken by clearing a field next to that field', async () => {
    const view = await openForm('ams-sw-1');
    const ack = await h.submit(view, stateOf(view, { 'cx-config:fqdn': { value: null } }), PRIYA);
    expect(errorsOf(ack.text)).toEqual({
      response_action: 'errors',
      errors: { 'cx-config:fqdn': 'TLS needs an FQDN: set fqdn first' },
    });
    expect(newCalls('chat.postMessage')).toEqual([]);
  });

  it('shows a rule broken by a switch next to the switches, and an unreadable port list next to its field', async () => {
    const view = await openForm('ams-sw-2');
    const state = stateOf(view, {
      'cx-config:switches': ticked(view, 'webrtc'),
      'cx-config:tcp-ports': { value: '5070, fifty' },
    });
    const { errors } = errorsOf((await h.submit(view, state, PRIYA)).text);
    expect(errors).toEqual({
      'cx-config:tcp-ports': expect.stringContaining('must be port numbers separated by commas'),
      'cx-config:switches': 'WebRTC needs an FQDN: set fqdn first',
    });
  });

  it('says so when nothing changed', async () => {
    const view = await openForm('fra-sw-1');
    const { errors } = errorsOf((await h.submit(view, stateOf(view), PRIYA)).text);
    expect(errors['cx-config:fqdn']).toContain('Nothing changed');
  });

  it('turns a valid submission into the typed command card in the channel, the password kept out of it', async () => {
    const view = await openForm('ams-sw-1');
    const state = stateOf(view, {
      'cx-config:udp-ports': { value: '5070, 5080' },
      'cx-config:uac-password': { value: PASSWORD },
    });
    const ack = await h.submit(view, state, PRIYA);
    expect(ack).toEqual({ status: 200, text: '' });
    const card = await h.stand.waitFor(() => newCalls('chat.postMessage')[0], 'the card');
    expect(card.channel).toBe(CHANNEL);
    expect(messageText(card)).toContain('Change the config of ams-sw-1 (203.0.113.42)');
    expect(messageText(card)).toContain('udp-ports');
    expect(messageText(card)).toContain('new password (not shown)');
    expect(messageText(card)).not.toContain('uac-ping');
    const pending = h.app.approvals.listPending().at(-1)!;
    expect(pending.requester.id).toBe(PRIYA.id);
    expect(pending.args).toMatchObject({ server: '203.0.113.42', 'udp-ports': [5070, 5080] });
    expect(JSON.stringify(pending.args)).not.toContain(PASSWORD);
    expect(messageText(card)).not.toContain(PASSWORD);
    expect(h.logLines.join('\n')).not.toContain(PASSWORD);
  });

  it("closes the form at once when the check outlasts Slack's wait, and still posts the card", async () => {
    const view = await openForm('lon-sw-1');
    await h.sim.setFaults({ latency_ms: 2_200 });
    try {
      const ack = await h.submit(view, stateOf(view, { 'cx-config:tls-ports': { value: '5091' } }), PRIYA);
      expect(ack).toEqual({ status: 200, text: '' });
      const card = await h.stand.waitFor(() => newCalls('chat.postMessage')[0], 'the late card');
      expect(messageText(card)).toContain('Change the config of lon-sw-1');
      const order = h.stand.events.slice(from).map((e) => `${e.kind} ${e.name}`);
      expect(order.indexOf('ack submit')).toBeLessThan(order.indexOf('api chat.postMessage'));
    } finally {
      await h.sim.setFaults({});
    }
  });

  it('routes a changed failover as its own command', async () => {
    const view = await openForm('ams-sw-1');
    const state = stateOf(view, { 'cx-config:failover': { selected_option: { value: '203.0.113.43' } } });
    expect((await h.submit(view, state, PRIYA)).text).toBe('');
    const card = await h.stand.waitFor(() => newCalls('chat.postMessage')[0], 'the failover card');
    expect(messageText(card)).toContain('Capacity failover for ams-sw-1 (203.0.113.42)');
  });
});
