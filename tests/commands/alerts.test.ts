import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import alerts from '../../commands/alerts.js';
import alertsAck from '../../commands/alerts-ack.js';
import alertsSubscribe from '../../commands/alerts-subscribe.js';
import alertsUnsubscribe from '../../commands/alerts-unsubscribe.js';
import silence from '../../commands/silence.js';
import silences from '../../commands/silences.js';
import unsilence from '../../commands/unsilence.js';
import { AlertDesk } from '../../src/alerts/desk.js';
import { HOUR_MS } from '../../src/alerts/format.js';
import type { Poller } from '../../src/alerts/poller.js';
import { loadConfig } from '../../src/config.js';
import type { Actor } from '../../src/core/invocation.js';
import { createRouter, type Router } from '../../src/core/router.js';
import type { Reply } from '../../src/render/reply.js';
import { type Database, openDatabase } from '../../src/store/database.js';
import { plain } from '../alerts/engine-harness.js';
import { POLL_MS, pollerFor } from '../alerts/poller-harness.js';
import { startTestFleet, type TestFleet } from '../helpers/fleet.js';

const person = (surface: Actor['surface'], id: string, name = id): Actor => ({
  surface,
  id,
  name,
  roles: [],
});
const PRIYA = person('console', 'priya');
const VIEWER = person('console', 'tester');
const SLACK_PRIYA = person('slack', 'U012PRIYA', 'priya');
const HOT = 'Capacity warning · ams-sw-1 (203.0.113.42)';
const REFUSED = 'You are not an operator. Ask an admin to add console:tester to SWITCHBOARD_OPERATORS.';

let fleet: TestFleet;
let db: Database;
let desk: AlertDesk;
let poller: Poller;
let router: Router;
let clock: { now: Date };

beforeEach(async () => {
  clock = { now: new Date() };
  db = openDatabase(':memory:');
  const config = loadConfig({ SWITCHBOARD_OPERATORS: 'console:priya,slack:U012PRIYA', TZ: 'UTC' });
  desk = new AlertDesk({ db, config, now: () => clock.now });
  fleet = await startTestFleet({
    commands: [alerts, alertsAck, alertsSubscribe, alertsUnsubscribe, silence, silences, unsilence],
    alerts: desk,
  });
  poller = pollerFor(desk, fleet.client, clock).poller;
  router = createRouter({
    catalog: fleet.catalog,
    log: pino({ level: 'silent' }),
    context: (actor) => fleet.context(actor),
  });
});
afterEach(async () => {
  await fleet.close();
  db.close();
});

/** Types a line as `who` in `channelId`; returns what the router answered, as the console prints it. */
async function type(line: string, who: Actor = PRIYA, channelId = 'console') {
  const replies: Reply[] = [];
  const responder = {
    send: async (reply: Reply) => {
      replies.push(reply);
      return 'ref';
    },
    edit: async () => undefined,
  };
  await router.handle({ actor: who, channelId, text: line }, responder);
  return { text: replies.map(plain).join('\n'), shared: replies.every((r) => r.private === false) };
}

async function poll(times = 1, everyMs = POLL_MS) {
  for (let i = 0; i < times; i++) {
    clock.now = new Date(clock.now.getTime() + everyMs);
    await poller.pollOnce();
  }
}

const hot = () => desk.firing().find((a) => a.finding.title.startsWith(HOT))!;
const outboxFor = (noticeId: string) =>
  desk.store.outbox.all().filter((row) => row.messageKey === `notice:${noticeId}`);

describe('/cx alerts', () => {
  it('lists what is firing, with the ids to acknowledge, for anyone', async () => {
    expect((await type('alerts', VIEWER)).text).toContain('Nothing is firing.');
    await poll();
    expect((await type('alerts', VIEWER)).text).toMatch(/conditions? holding, not yet for 2 polls in a row/);
    await poll();
    const { text } = await type('alerts', VIEWER);
    expect(text).toContain(hot().id);
    expect(text).toContain(`🟠 ${HOT} at 87% of channels (611/700)`);
    expect(text).toContain('Acknowledge one with /cx alerts ack <id>');
  });
});

describe('/cx alerts ack', () => {
  it('acknowledges for operators only, edits the alert to say who, and stops its repeats', async () => {
    await poll(2);
    const { id } = hot();
    expect((await type(`alerts ack ${id}`, VIEWER)).text).toContain(REFUSED);
    expect(hot().ack).toBeNull();

    const { text } = await type(`alerts ack ${id}`);
    expect(text).toContain(`✅ Acknowledged: ${HOT}`);
    const edit = outboxFor(id).find((row) => row.kind === 'edit')!;
    expect(plain(edit.reply as Reply)).toContain('acknowledged by @priya');
    expect(plain(edit.reply as Reply)).not.toContain('[Acknowledge]');
    expect((await type(`alerts ack ${id}`)).text).toContain('already acknowledged by priya');
    expect((await type('alerts', VIEWER)).text).toContain('acknowledged by priya');

    await poll(1, 5 * HOUR_MS);
    expect(outboxFor(id).filter((row) => row.kind === 'reply')).toEqual([]);
    const others = desk.firing().filter((a) => a.id !== id && a.ack === null && a.noticeId);
    expect(others.length).toBeGreaterThan(0);
    expect(outboxFor(others[0]!.noticeId!).some((row) => row.kind === 'reply')).toBe(true);
  });

  it('says so for an alert it does not know, or one already over', async () => {
    expect((await type('alerts ack 0badc0de')).text).toContain('No alert 0badc0de.');
    await poll(2);
    const { id } = hot();
    await fleet.sim(`server/${hot().subject.split(':')[1]}`, { channels: 100 });
    await poll();
    expect((await type(`alerts ack ${id}`)).text).toContain('this alert is over already');
  });
});

describe('/cx silence, /cx silences, /cx unsilence', () => {
  it('silences a server for operators, lists it, and lifts it', async () => {
    await poll(2);
    expect((await type('silence ams-sw-1 1h', VIEWER)).text).toContain(REFUSED);
    const set = await type('silence ams-sw-1 1h "maintenance window"');
    expect(set.shared).toBe(true);
    expect(set.text).toContain('🔕 Silenced ams-sw-1 (203.0.113.42) for 1 h (maintenance window), until ');
    expect(set.text).toMatch(/It holds back \d+ firing alerts?\./);
    const [active] = desk.silences();
    expect(active).toMatchObject({
      scope: 'server',
      label: 'ams-sw-1 (203.0.113.42)',
      channel: { surface: 'console', channelId: 'console' },
    });

    const listed = (await type('silences', VIEWER)).text;
    expect(listed).toContain(active!.id);
    expect(listed).toContain('maintenance window');
    expect((await type('alerts', VIEWER)).text).toContain('silenced, ends in 1 h');

    expect((await type(`unsilence ${active!.id}`)).text).toContain(
      '🔔 Lifted the silence of ams-sw-1 (203.0.113.42)',
    );
    expect(desk.silences()).toEqual([]);
    expect((await type(`unsilence ${active!.id}`)).text).toContain('has already ended');
    expect((await type('silences', VIEWER)).text).toContain('Nothing is silenced');
  });

  it('names clusters, rules and everything, and refuses what it cannot read', async () => {
    expect((await type('silence eu-core 30m')).text).toContain('Silenced cluster eu-core for 30 min');
    expect((await type('silence capacity 2h')).text).toContain('Silenced rule capacity for 2 h');
    expect((await type('silence all 15m')).text).toContain('Silenced every alert for 15 min');
    expect((await type('silence rule:topup 1h')).text).toContain('Silenced rule topup');
    expect((await type('silence nowhere 1h')).text).toContain('Nothing called "nowhere" to silence.');
    expect((await type('silence capacty 1h')).text).toContain('Did you mean capacity?');
    expect((await type('silence ams-sw-1 soon')).text).toContain('"soon" is not a duration.');
    expect((await type('silence ams-sw-1 30d')).text).toContain('30d is too long');
    expect((await type('unsilence 0badc0de')).text).toContain('No silence 0badc0de.');
    expect(
      desk
        .silences()
        .map((s) => s.scope)
        .sort(),
    ).toEqual(['all', 'cluster', 'rule', 'rule']);
  });
});

describe('/cx alerts subscribe and unsubscribe', () => {
  it('routes the rules and severities a channel asks for there', async () => {
    const asked = await type('alerts subscribe capacity,topup critical', SLACK_PRIYA, 'C0NOC');
    expect(asked.text).toContain('📣 This channel now gets the alerts of capacity, topup, from critical up.');
    expect(asked.shared).toBe(true);
    const again = await type('alerts subscribe capacity', SLACK_PRIYA, 'C0NOC');
    expect(again.text).toContain('capacity, from warning up. Before: capacity, topup, from critical up.');
    expect(desk.routeOf({ surface: 'slack', channelId: 'C0NOC' })).toMatchObject({
      rules: ['capacity'],
      minSeverity: 'warning',
    });

    await poll(2);
    const noc = desk.store.outbox.all().filter((row) => row.surface === 'slack' && row.channelId === 'C0NOC');
    expect(noc.map((row) => plain(row.reply as Reply).split('\n')[0])).toEqual([
      `🟠 ${HOT} at 87% of channels (611/700)`,
    ]);
    const console = desk.store.outbox.all().filter((row) => row.surface === 'console');
    expect(console.length).toBeGreaterThan(1);
  });

  it('refuses words that are neither rules nor severities, and viewers', async () => {
    expect((await type('alerts subscribe capacity,bogus', SLACK_PRIYA, 'C0NOC')).text).toContain(
      'each must be a rule',
    );
    expect((await type('alerts subscribe', VIEWER)).text).toContain(REFUSED);
    expect((await type('alerts subscribe warning critical', SLACK_PRIYA, 'C0NOC')).text).toContain(
      'Give one least severity',
    );
  });

  it('stops alerts to a channel, the configured one included', async () => {
    expect(desk.routeOf({ surface: 'console', channelId: 'console' })?.source).toBe('configured');
    const stopped = await type('alerts unsubscribe');
    expect(stopped.text).toContain(
      '🔇 This channel no longer gets alerts. It was set up as an alert channel',
    );
    expect(desk.routes()).toEqual([]);
    expect((await type('alerts unsubscribe')).text).toContain(
      'This channel gets no alerts: nothing to stop.',
    );
    await poll(2);
    expect(desk.store.outbox.all()).toEqual([]);
    expect((await type('alerts subscribe')).text).toContain('every rule, from warning up');
    expect(desk.routeOf({ surface: 'console', channelId: 'console' })?.source).toBe('subscribed');
  });
});
