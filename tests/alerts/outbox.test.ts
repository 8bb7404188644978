import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../src/alerts/outbox.js';
import type { ChannelSender } from '../../src/alerts/sender.js';
import { text } from '../../src/render/reply.js';
import { openDatabase } from '../../src/store/database.js';
import { type NewOutboxMessage, OutboxRepo } from '../../src/store/outbox-repo.js';
import { scratchFolder } from '../store/scratch-folder.js';
import { StandInPlatform, StandInSender } from './outbox-stand-in.js';

const log = pino({ level: 'silent' });
const START = new Date('2025-06-12T11:00:00Z');

function message(
  n: number,
  kind: NewOutboxMessage['kind'],
  channelId = 'ops',
  messageKey = 'notice:a',
): NewOutboxMessage {
  return {
    dedupeKey: `${messageKey}|${kind}|${n}|${channelId}`,
    surface: 'console',
    channelId,
    kind,
    messageKey,
    reply: { tone: 'info', blocks: [text(`message ${n}`)] },
  };
}

/** The outbox on a database, its clock in the test's hands. */
function outboxOn(repo: OutboxRepo, senders: ChannelSender[], clock: { now: Date }) {
  return new Outbox({ repo, senders, now: () => clock.now, log });
}

const later = (clock: { now: Date }, ms: number) => {
  clock.now = new Date(clock.now.getTime() + ms);
};

describe('the outbox', () => {
  const scratch = scratchFolder();
  const platform = new StandInPlatform();
  let clock: { now: Date };

  beforeEach(async () => {
    clock = { now: START };
    await platform.start();
  });
  afterEach(async () => {
    await platform.close();
    scratch.cleanUp();
  });

  it('survives a platform outage: 500, then 429 with Retry-After, then delivers in order', async () => {
    const repo = new OutboxRepo(scratch.track(openDatabase(':memory:')));
    for (const [n, kind] of [
      [1, 'post'],
      [2, 'edit'],
      [3, 'reply'],
    ] as const)
      repo.enqueue(message(n, kind), clock.now);
    platform.answerNext({ status: 500 }, { status: 429, headers: { 'retry-after': '7' } });
    const outbox = outboxOn(repo, [new StandInSender(platform)], clock);

    expect(await outbox.deliverOnce()).toMatchObject({ delivered: 0, retried: 1 });
    expect(platform.requests).toHaveLength(1);
    expect(await outbox.deliverOnce()).toMatchObject({ delivered: 0, retried: 0 });

    later(clock, 1_000);
    expect(await outbox.deliverOnce()).toMatchObject({ delivered: 0, retried: 1 });
    expect(repo.heads()[0]!.lastError).toBe('rate limited');
    later(clock, 6_999);
    await outbox.deliverOnce();
    expect(platform.requests).toHaveLength(2);

    later(clock, 1);
    expect(await outbox.deliverOnce()).toMatchObject({ delivered: 3, retried: 0 });
    expect(platform.delivered()).toEqual([
      'POST /channels/ops/messages',
      'PATCH /channels/ops/messages/m1',
      'POST /channels/ops/messages/m1/replies',
    ]);
    expect(repo.all().map((r) => [r.status, r.attempts])).toEqual([
      ['delivered', 3],
      ['delivered', 1],
      ['delivered', 1],
    ]);
    expect(await outbox.deliverOnce()).toMatchObject({ delivered: 0 });
  });

  it('backs off exponentially while the platform keeps failing', async () => {
    const repo = new OutboxRepo(scratch.track(openDatabase(':memory:')));
    repo.enqueue(message(1, 'post'), clock.now);
    platform.answerNext(...Array.from({ length: 4 }, () => ({ status: 503 })));
    const outbox = outboxOn(repo, [new StandInSender(platform)], clock);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      await outbox.deliverOnce();
      const wait = repo.nextDue()!.getTime() - clock.now.getTime();
      waits.push(wait);
      later(clock, wait);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000]);
    await outbox.deliverOnce();
    expect(platform.delivered()).toEqual(['POST /channels/ops/messages']);
  });

  it('holds back only the failing channel', async () => {
    const repo = new OutboxRepo(scratch.track(openDatabase(':memory:')));
    repo.enqueue(message(1, 'post', 'ops'), clock.now);
    repo.enqueue(message(2, 'post', 'noc', 'notice:b'), clock.now);
    platform.answerNext({ status: 500 });
    await outboxOn(repo, [new StandInSender(platform)], clock).deliverOnce();
    expect(platform.delivered()).toHaveLength(1);
    expect(repo.heads().map((r) => r.channelId)).toHaveLength(1);
  });

  it('gives up on a refused post, and on the edits and replies of the message it never posted', async () => {
    const repo = new OutboxRepo(scratch.track(openDatabase(':memory:')));
    for (const [n, kind] of [
      [1, 'post'],
      [2, 'edit'],
      [3, 'reply'],
    ] as const)
      repo.enqueue(message(n, kind), clock.now);
    repo.enqueue(message(4, 'post', 'ops', 'notice:b'), clock.now);
    platform.answerNext({ status: 404 });
    expect(await outboxOn(repo, [new StandInSender(platform)], clock).deliverOnce()).toMatchObject({
      failed: 3,
      delivered: 1,
    });
    expect(repo.all().map((r) => r.lastError)).toEqual([
      'the platform refused (404)',
      'the message it edits was never posted',
      'the message it answers was never posted',
      null,
    ]);
  });

  it('skips an edit that a newer edit of the same message would overwrite at once', async () => {
    const repo = new OutboxRepo(scratch.track(openDatabase(':memory:')));
    for (const [n, kind] of [
      [1, 'post'],
      [2, 'edit'],
      [3, 'edit'],
    ] as const)
      repo.enqueue(message(n, kind), clock.now);
    expect(await outboxOn(repo, [new StandInSender(platform)], clock).deliverOnce()).toMatchObject({
      delivered: 2,
      superseded: 1,
    });
    expect(platform.requests.map((r) => r.reply.blocks)).toEqual([[text('message 1')], [text('message 3')]]);
  });

  it('never enqueues a message twice', () => {
    const repo = new OutboxRepo(scratch.track(openDatabase(':memory:')));
    expect(repo.enqueue(message(1, 'post'), clock.now)).toBe(true);
    expect(repo.enqueue(message(1, 'post'), clock.now)).toBe(false);
    expect(repo.all()).toHaveLength(1);
  });

  it('waits for a surface with no sender, and gives its messages up after a day', async () => {
    const repo = new OutboxRepo(scratch.track(openDatabase(':memory:')));
    repo.enqueue({ ...message(1, 'post'), surface: 'slack' }, clock.now);
    const outbox = outboxOn(repo, [new StandInSender(platform)], clock);
    expect(await outbox.deliverOnce()).toMatchObject({ retried: 1 });
    later(clock, 24 * 3_600_000);
    expect(await outbox.deliverOnce()).toMatchObject({ failed: 1 });
    expect(repo.all()[0]!.lastError).toBe('gave up after 2 attempts: no slack sender is running');
  });

  it('delivers each message once across a crash: rows left undelivered go out after a restart', async () => {
    const path = join(scratch.folder(), 'switchboard.db');
    let db = openDatabase(path);
    let repo = new OutboxRepo(db);
    const rows = [
      message(1, 'post'),
      message(2, 'edit'),
      message(3, 'post', 'ops', 'notice:b'),
      message(4, 'reply'),
    ];
    for (const row of rows) repo.enqueue(row, clock.now);
    // The process dies between two deliveries: its database closes under it, mid-pass.
    const healthy = new StandInSender(platform);
    const dying: ChannelSender = {
      surface: 'console',
      post: async (channelId, reply) => {
        if (JSON.stringify(reply).includes('message 3')) {
          db.close();
          throw new Error('killed');
        }
        return healthy.post(channelId, reply);
      },
      edit: (channelId, ref, reply) => healthy.edit(channelId, ref, reply),
      replyTo: (channelId, ref, reply) => healthy.replyTo(channelId, ref, reply),
    };
    await expect(outboxOn(repo, [dying], clock).deliverOnce()).rejects.toThrow(/not open/);
    expect(platform.delivered()).toEqual(['POST /channels/ops/messages', 'PATCH /channels/ops/messages/m1']);

    db = scratch.track(openDatabase(path));
    repo = new OutboxRepo(db);
    for (const row of rows) expect(repo.enqueue(row, clock.now)).toBe(false);
    await outboxOn(repo, [healthy], clock).deliverOnce();
    expect(platform.delivered()).toEqual([
      'POST /channels/ops/messages',
      'PATCH /channels/ops/messages/m1',
      'POST /channels/ops/messages',
      'POST /channels/ops/messages/m1/replies',
    ]);
    expect(platform.requests.map((r) => r.reply.blocks)).toEqual(
      [1, 2, 3, 4].map((n) => [text(`message ${n}`)]),
    );
    expect(repo.all().every((r) => r.status === 'delivered')).toBe(true);
  });
});
