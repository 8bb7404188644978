import { describe, expect, it } from 'vitest';
import { controlPlaneUnreachable } from '../../src/alerts/controlplane-finding.js';
import { HOUR_MS, MINUTE_MS } from '../../src/alerts/format.js';
import type { Server } from '../../src/domain/schemas.js';
import { button, EngineHarness, OPS, plain, route, shape, silence } from './engine-harness.js';
import { account, DAY, NOW, server } from './rules-fixtures.js';

const POLL = 30_000;
const ams = (channels: number, fields: Parameters<typeof server>[1] = {}) =>
  server(42, { alias: 'ams-sw-1', channels, channels_max: 100, ...fields });
const fleet = (...servers: Server[]) => ({ servers, clusters: [], account: account() });

/** Polls the same fleet `times` times, 30 s apart; returns what the last poll sent. */
function pollTimes(h: EngineHarness, times: number, servers: Server[]) {
  let sent = h.pollSnapshot(fleet(...servers));
  for (let i = 1; i < times; i++) {
    h.later(POLL);
    sent = h.pollSnapshot(fleet(...servers));
  }
  return sent;
}

describe('for: a condition must hold before it fires', () => {
  it('fires on the second poll in a row, posting once', () => {
    const h = new EngineHarness();
    expect(h.pollSnapshot(fleet(ams(88)))).toEqual([]);
    expect(h.one('capacity').status).toBe('pending');
    h.later(POLL);
    const sent = h.pollSnapshot(fleet(ams(88)));
    expect(sent.map(shape)).toEqual([`post notice:${h.one('capacity').id} → console/ops`]);
    expect(h.one('capacity').status).toBe('firing');
    h.later(POLL);
    expect(h.pollSnapshot(fleet(ams(88)))).toEqual([]);
  });

  it('pages nobody for a single spike, and forgets it', () => {
    const h = new EngineHarness();
    h.pollSnapshot(fleet(ams(90)));
    h.later(POLL);
    expect(h.pollSnapshot(fleet(ams(50)))).toEqual([]);
    expect(h.alerts.size).toBe(0);
    h.later(POLL);
    expect(h.pollSnapshot(fleet(ams(90)))).toEqual([]);
  });

  it('holds a pending alert to its entry level: 88% then 80% is a spike, not an alert', () => {
    const h = new EngineHarness();
    h.pollSnapshot(fleet(ams(88)));
    h.later(POLL);
    h.pollSnapshot(fleet(ams(80)));
    expect(h.sent).toEqual([]);
  });

  it('takes `forPolls` from its settings', () => {
    const h = new EngineHarness();
    h.settings = { ...h.settings, forPolls: 3 };
    expect(pollTimes(h, 2, [ams(88)])).toEqual([]);
    h.later(POLL);
    expect(h.pollSnapshot(fleet(ams(88)))).toHaveLength(1);
  });
});

describe('hysteresis and resolution', () => {
  it('keeps a firing alert down to its exit level, then resolves it with an edit and a reply', () => {
    const h = new EngineHarness();
    pollTimes(h, 2, [ams(88)]);
    const id = h.one('capacity').id;
    h.later(10 * MINUTE_MS);
    expect(h.pollSnapshot(fleet(ams(80)))).toEqual([]);
    expect(h.one('capacity').status).toBe('firing');
    h.later(32 * MINUTE_MS);
    const sent = h.pollSnapshot(fleet(ams(64)));
    expect(sent.map(shape)).toEqual([`edit notice:${id} → console/ops`, `reply notice:${id} → console/ops`]);
    expect(plain(sent[0]!.reply)).toContain('✅ Resolved after 42 min · ams-sw-1 back to 64%');
    expect(plain(sent[1]!.reply)).toBe('✅ Resolved after 42 min · ams-sw-1 back to 64%');
    expect(h.alerts.size).toBe(0);
    expect(h.history.get(id)?.status).toBe('resolved');
  });

  it('edits the same message on a severity change, without posting again', () => {
    const h = new EngineHarness();
    pollTimes(h, 2, [ams(88)]);
    const id = h.one('capacity').id;
    h.later(POLL);
    const sent = h.pollSnapshot(fleet(ams(97)));
    expect(sent.map(shape)).toEqual([`edit notice:${id} → console/ops`]);
    expect(plain(sent[0]!.reply)).toContain('🔴 Capacity critical · ams-sw-1');
    h.later(POLL);
    const back = h.pollSnapshot(fleet(ams(88)));
    expect(back.map(shape)).toEqual([`edit notice:${id} → console/ops`]);
    expect(plain(back[0]!.reply)).toContain('🟠 Capacity warning');
  });

  it('gives every message its own dedupe key', () => {
    const h = new EngineHarness();
    for (const channels of [88, 88, 97, 88, 97, 10, 88, 88, 10]) {
      h.pollSnapshot(fleet(ams(channels)));
      h.later(POLL);
    }
    const keys = h.sent.map((m) => m.dedupeKey);
    expect(keys.length).toBeGreaterThan(6);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('repeats and acknowledgement', () => {
  it('repeats a firing alert after 4 h, not before, until it is acknowledged', () => {
    const h = new EngineHarness();
    pollTimes(h, 2, [ams(88)]);
    const alert = h.one('capacity');
    const post = h.sent[0]!;
    expect(plain(post.reply)).toContain('repeats every 4 hours until acknowledged');
    expect(plain(post.reply)).toMatch(button('Acknowledge', `/cx alerts ack ${alert.id}`));
    expect(plain(post.reply)).toMatch(button('Silence 1 h', '/cx silence ams-sw-1 1h'));
    expect(plain(post.reply)).toMatch(button('Show server', '/cx server ams-sw-1'));

    h.later(4 * HOUR_MS - MINUTE_MS);
    expect(h.pollSnapshot(fleet(ams(88)))).toEqual([]);
    h.later(MINUTE_MS);
    const repeat = h.pollSnapshot(fleet(ams(88)));
    expect(repeat.map(shape)).toEqual([`reply notice:${alert.id} → console/ops`]);
    expect(plain(repeat[0]!.reply)).toContain('🔁 Still firing after 4 hours');

    const by = { surface: 'console' as const, id: 'marco', name: 'marco' };
    h.alerts.set(alert.id, { ...h.one('capacity'), ack: { by, at: h.now } });
    h.later(8 * HOUR_MS);
    expect(h.pollSnapshot(fleet(ams(88)))).toEqual([]);
  });

  it('shows who acknowledged it on the next edit, without the Acknowledge button', () => {
    const h = new EngineHarness();
    pollTimes(h, 2, [ams(88)]);
    const alert = h.one('capacity');
    h.alerts.set(alert.id, {
      ...alert,
      ack: { by: { surface: 'console', id: 'marco', name: 'marco' }, at: h.now },
    });
    h.later(POLL);
    const edit = h.pollSnapshot(fleet(ams(97)));
    expect(plain(edit[0]!.reply)).toContain('acknowledged by @marco');
    expect(plain(edit[0]!.reply)).not.toContain('[Acknowledge]');
  });
});

describe('grouping', () => {
  const zone = (channels: number) =>
    [1, 2, 3, 4].map((id) => server(id, { alias: `fra-sw-${id}`, channels, channels_max: 100 }));

  it('posts one message naming every server that fired in the same poll', () => {
    const h = new EngineHarness();
    const sent = pollTimes(h, 2, zone(90));
    expect(sent).toHaveLength(1);
    const text = plain(sent[0]!.reply);
    expect(text).toContain('🟠 Capacity: 4 firing');
    for (const id of [1, 2, 3, 4]) expect(text).toContain(`fra-sw-${id} (203.0.113.${id})`);
    expect(text).toMatch(
      button('Acknowledge all', `/cx alerts ack ${sent[0]!.messageKey.replace('notice:', '')}`),
    );
    expect(text).toMatch(button('Silence capacity 1 h', '/cx silence capacity 1h'));
    expect(new Set(h.firing().map((a) => a.noticeId)).size).toBe(1);
  });

  it('edits the group as members resolve, and replies once when the last one does', () => {
    const h = new EngineHarness();
    pollTimes(h, 2, zone(90));
    const key = h.sent[0]!.messageKey;
    h.later(5 * MINUTE_MS);
    const [, two, three, four] = zone(90);
    const partly = h.pollSnapshot(fleet(server(1, { alias: 'fra-sw-1', channels: 10 }), two!, three!, four!));
    expect(partly.map(shape)).toEqual([`edit ${key} → console/ops`]);
    expect(plain(partly[0]!.reply)).toContain('3 of 4 still firing');
    expect(plain(partly[0]!.reply)).toContain('✅ Capacity warning · fra-sw-1');
    h.later(5 * MINUTE_MS);
    const over = h.pollSnapshot(fleet(...zone(10)));
    expect(over.map(shape)).toEqual([`edit ${key} → console/ops`, `reply ${key} → console/ops`]);
    expect(plain(over[1]!.reply)).toBe('✅ Capacity: all 4 resolved after 10 min');
  });

  it('keeps alerts of fewer servers than the group size apart', () => {
    const h = new EngineHarness();
    const two = [1, 2].map((id) => server(id, { alias: `fra-sw-${id}`, channels: 90, channels_max: 100 }));
    expect(pollTimes(h, 2, two)).toHaveLength(2);
  });
});

describe('silences', () => {
  const pair = (channels: number) => [
    server(1, { alias: 'fra-sw-1', channels, channels_max: 100, cluster_id: 7 }),
    server(2, { alias: 'lon-sw-1', channels, channels_max: 100 }),
  ];
  const clusters = [{ id: 7, name: 'eu-core' }];

  it('holds back what it covers, and posts it once it ends if it still fires', () => {
    const h = new EngineHarness();
    h.silences = [silence({ scope: 'server', target: '1', endsAt: new Date(NOW.getTime() + HOUR_MS) })];
    h.pollSnapshot({ servers: pair(90), clusters, account: account() });
    h.later(POLL);
    const sent = h.pollSnapshot({ servers: pair(90), clusters, account: account() });
    expect(sent).toHaveLength(1);
    expect(plain(sent[0]!.reply)).toContain('lon-sw-1');
    h.later(HOUR_MS);
    const after = h.pollSnapshot({ servers: pair(90), clusters, account: account() });
    expect(after).toHaveLength(1);
    expect(plain(after[0]!.reply)).toContain('fra-sw-1');
  });

  it('covers a cluster and its servers, and never posts what resolved under it', () => {
    const h = new EngineHarness();
    h.silences = [silence({ scope: 'cluster', target: '7' })];
    h.pollSnapshot({ servers: pair(90).slice(0, 1), clusters, account: account() });
    h.later(POLL);
    h.pollSnapshot({ servers: pair(90).slice(0, 1), clusters, account: account() });
    expect(h.one('capacity').status).toBe('firing');
    h.later(POLL);
    expect(h.pollSnapshot({ servers: pair(10).slice(0, 1), clusters, account: account() })).toEqual([]);
    expect(h.sent).toEqual([]);
  });

  it('stops repeats while silenced, but still edits a message already posted', () => {
    const h = new EngineHarness();
    pollTimes(h, 2, [ams(88)]);
    h.silences = [
      silence({
        scope: 'rule',
        target: 'capacity',
        startsAt: h.now,
        endsAt: new Date(h.now.getTime() + DAY),
      }),
    ];
    h.later(5 * HOUR_MS);
    expect(h.pollSnapshot(fleet(ams(88)))).toEqual([]);
    h.later(POLL);
    const edit = h.pollSnapshot(fleet(ams(97)));
    expect(edit.map((m) => m.kind)).toEqual(['edit']);
    expect(plain(edit[0]!.reply)).toContain('silenced until');
  });
});

describe('routing', () => {
  it('sends each alert where its rule and severity are wanted, posting anew when it escalates', () => {
    const h = new EngineHarness();
    const pager = { surface: 'slack', channelId: 'C0PAGER' };
    const money = { surface: 'discord', channelId: '123456789012345678' };
    h.routes = [route(OPS), route(pager, { minSeverity: 'critical' }), route(money, { rules: ['topup'] })];
    pollTimes(h, 2, [ams(88)]);
    expect(h.sent.map(shape)).toEqual([`post notice:${h.one('capacity').id} → console/ops`]);
    h.later(POLL);
    const escalated = h.pollSnapshot(fleet(ams(97)));
    const id = h.one('capacity').id;
    expect(escalated.map(shape)).toEqual([
      `edit notice:${id} → console/ops`,
      `post notice:${id} → slack/C0PAGER`,
    ]);
    h.later(POLL);
    const calmer = h.pollSnapshot(fleet(ams(88)));
    expect(calmer.map(shape)).toEqual([
      `edit notice:${id} → console/ops`,
      `edit notice:${id} → slack/C0PAGER`,
    ]);
  });

  it('keeps info findings out of channels that did not ask for them', () => {
    const h = new EngineHarness();
    const notes = { surface: 'console', channelId: 'notes' };
    h.routes = [route(OPS), route(notes, { minSeverity: 'info' })];
    const stale = server(5, { alias: 'fra-sw-5', stale: true, config: { auto_upgrade: false } });
    pollTimes(h, 2, [stale]);
    expect(h.sent.map(shape)).toEqual([`post notice:${h.one('health-stale').id} → console/notes`]);
  });
});

describe('stepped rules', () => {
  it('replaces an expiry step by the next one: the old message says so, the new one fires at once', () => {
    const h = new EngineHarness();
    const ending = (daysLeft: number) =>
      server(9, { alias: 'ams-sw-2', expires: new Date(h.now.getTime() + daysLeft * DAY).toISOString() });
    pollTimes(h, 2, [ending(6.5)]);
    const first = h.one('expiry');
    expect(first.key).toBe('expiry|server:9|7');
    h.later(4 * DAY - POLL);
    const sent = h.pollSnapshot(fleet(ending(2.5)));
    const next = h.one('expiry');
    expect(next.key).toBe('expiry|server:9|3');
    expect(next.status).toBe('firing');
    expect(sent.map(shape)).toEqual([
      `edit notice:${first.id} → console/ops`,
      `post notice:${next.id} → console/ops`,
    ]);
    expect(plain(sent[0]!.reply)).toContain('replaced by the next step');
    expect(h.history.get(first.id)?.status).toBe('replaced');
  });
});

describe('the control plane alert', () => {
  it('fires at once and leaves the fleet alerts alone while the control plane is out', () => {
    const h = new EngineHarness();
    pollTimes(h, 2, [ams(88)]);
    h.later(POLL);
    const down = controlPlaneUnreachable({
      baseUrl: 'http://127.0.0.1:1/api/cp/',
      failedPolls: 3,
      since: NOW,
      at: h.now,
      error: 'connection refused',
      timeZone: 'UTC',
    });
    const sent = h.poll([down], new Set(['controlplane-unreachable']));
    expect(sent.map((m) => plain(m.reply).split('\n')[0])).toEqual([
      '🔴 Control plane unreachable · http://127.0.0.1:1/api/cp/',
    ]);
    expect(h.one('capacity').status).toBe('firing');
    h.later(POLL);
    const back = h.pollSnapshot(fleet(ams(88)));
    expect(back.map((m) => m.kind)).toEqual(['edit', 'reply']);
    expect(plain(back[1]!.reply)).toContain('the control plane answers again');
    expect(h.one('capacity').status).toBe('firing');
  });
});
