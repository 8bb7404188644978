import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDiscordLimits } from '../../../src/render/discord.js';
import { customIdsOf, type Harness, people, startHarness, textOf } from './harness.js';
import type { OptionValue } from './interactions.js';
import { EPHEMERAL, ids } from './stand-in.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const DEFERRED_PRIVATELY = { type: 5, data: { flags: EPHEMERAL } };
const DEFERRED_PUBLICLY = { type: 5, data: { flags: 0 } };

const FAMILIES: { path: string[]; values: Record<string, OptionValue>; shows: string }[] = [
  { path: ['fleet', 'servers'], values: {}, shows: 'ams-sw-1' },
  { path: ['fleet', 'servers'], values: { status: 'expired', page: 1 }, shows: 'sgp-sw-9' },
  { path: ['fleet', 'server'], values: { server: '203.0.113.42' }, shows: 'ams-sw-1' },
  { path: ['fleet', 'clusters'], values: {}, shows: 'eu-core' },
  { path: ['fleet', 'zones'], values: {}, shows: 'Amsterdam' },
  { path: ['fleet', 'balance'], values: {}, shows: '$' },
  { path: ['fleet', 'jobs'], values: { server: 'nyc-sw-1' }, shows: 'restart' },
  { path: ['config', 'config'], values: { server: 'ams-sw-1' }, shows: 'quokka-trunk' },
  { path: ['approvals', 'approvals'], values: {}, shows: 'Nothing is waiting' },
  { path: ['approvals', 'audit'], values: { n: 5 }, shows: 'Nothing recorded' },
  { path: ['alerts', 'silences'], values: {}, shows: 'Silences' },
  { path: ['help'], values: {}, shows: 'servers' },
  { path: ['help'], values: { command: 'lb', subcommand: 'add' }, shows: 'dispatcher' },
];

describe('a slash command of each family is deferred, then answered by editing the deferred reply', () => {
  it.each(FAMILIES)('/cx $path privately', async ({ path, values, shows }) => {
    const sent = h.slash(path, values, people.vic);
    expect((await sent.callback()).body).toEqual(DEFERRED_PRIVATELY);
    const edit = await sent.edit();
    expect(textOf(edit.body)).toContain(shows);
    expect(checkDiscordLimits(edit.body)).toEqual([]);
    expect(edit.body?.flags).toBeUndefined();
  });

  it('answers in the channel when share is set', async () => {
    const sent = h.slash(['fleet', 'zones'], { share: true }, people.vic);
    expect((await sent.callback()).body).toEqual(DEFERRED_PUBLICLY);
    expect(textOf((await sent.edit()).body)).toContain('Amsterdam');
  });

  it('answers a guarded command with a public confirmation card whose buttons press confirm and cancel', async () => {
    const sent = h.slash(['actions', 'lb-add'], { dispatcher: 'ams-lb-1', switch: 'lon-sw-1' }, people.priya);
    expect((await sent.callback()).body).toEqual(DEFERRED_PUBLICLY);
    const card = await sent.edit();
    expect(textOf(card.body)).toContain('lon-sw-1');
    const [confirm, cancel] = customIdsOf(card.body);
    expect(confirm).toMatch(/^cx:\/cx confirm [0-9a-f]{16}$/);
    expect(cancel).toMatch(/^cx:\/cx cancel [0-9a-f]{16}$/);
    expect(h.app.approvals.listPending().map((a) => a.command)).toContain('lb add');
  });

  it('passes typed options to the command: booleans, lists and text keep their types', async () => {
    const sent = h.slash(
      ['config', 'config'],
      { server: 'ams-sw-2', fqdn: 'sip.example.com', tls: true, 'udp-ports': '5070,5080' },
      people.priya,
    );
    expect((await sent.callback()).body).toEqual(DEFERRED_PUBLICLY);
    const card = textOf((await sent.edit()).body);
    expect(card).toContain('ams-sw-2');
    expect(card).toMatch(/5070/);
  });
});

describe('errors and refusals reach the asker only', () => {
  it('shows a read command error in the private deferred reply', async () => {
    const sent = h.slash(['fleet', 'server'], { server: 'nope-sw-404' }, people.vic);
    expect((await sent.callback()).body).toEqual(DEFERRED_PRIVATELY);
    expect(textOf((await sent.edit()).body)).toContain('No server "nope-sw-404"');
  });

  it('replaces a public deferred reply with a private follow-up when a change is refused', async () => {
    const sent = h.slash(['actions', 'restart'], { server: 'ams-sw-1' }, people.vic);
    expect((await sent.callback()).body).toEqual(DEFERRED_PUBLICLY);
    const followUp = await sent.followUp();
    expect(followUp.body?.flags).toBe(EPHEMERAL);
    expect(textOf(followUp.body)).toContain('not an operator');
    const methods = sent.requests().map((r) => `${r.method} ${r.path.split('/').at(-1)}`);
    expect(methods).toEqual(['POST callback', 'DELETE @original', `POST ${sent.token}`]);
  });

  it('says privately when a guarded command names an unknown server', async () => {
    const sent = h.slash(['actions', 'restart'], { server: 'nope-sw-404' }, people.priya);
    const followUp = await sent.followUp();
    expect(followUp.body?.flags).toBe(EPHEMERAL);
    expect(textOf(followUp.body)).toContain('No server "nope-sw-404"');
  });

  it('tells the asker to re-register when a path is no longer in the catalog', async () => {
    const sent = h.slash(['fleet', 'retired-command'], {}, people.vic);
    const callback = await sent.callback();
    expect(callback.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(textOf(callback.body?.data as Record<string, unknown>)).toContain('npm run discord:register');
  });
});

describe('a typed /cx approvals confirm edits the card it names', () => {
  it('confirms through the channel message and closes its own deferred reply', async () => {
    const request = h.slash(['config', 'cluster-create'], { name: 'apac-core' }, people.priya);
    const card = await request.edit();
    const id = /confirm ([0-9a-f]{16})/.exec(customIdsOf(card.body)[0]!)![1]!;
    const cardId = h.standIn.interactions.get(request.token)!.originalId!;

    const confirm = h.slash(['approvals', 'confirm'], { id }, people.marco);
    expect((await confirm.callback()).body).toEqual(DEFERRED_PRIVATELY);
    const closing = await confirm.edit();
    expect(closing.body?.content).toBe('Done: the card was updated.');
    const cardEdit = await h.standIn.waitFor(
      (r) =>
        r.method === 'PATCH' &&
        r.path === `/channels/${ids.channel}/messages/${cardId}` &&
        textOf(r.body).includes('created'),
    );
    expect(textOf(cardEdit.body)).toContain(`approved by <@${people.marco.id}>`);
    expect(customIdsOf(h.standIn.messages.get(cardId))).toEqual([]);
  });
});
