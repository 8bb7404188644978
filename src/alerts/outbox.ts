import type { Logger } from 'pino';
import type { OutboxRepo, OutboxRow } from '../store/outbox-repo.js';
import { afterFailure, DEFAULT_RETRY_POLICY, type RetryPolicy, storedReply } from './delivery.js';
import { type ChannelSender, DeliveryError } from './sender.js';

export interface OutboxOptions {
  repo: OutboxRepo;
  senders: readonly ChannelSender[];
  now(): Date;
  log: Logger;
  policy?: RetryPolicy;
  /** Rows one pass delivers at most, so a huge backlog does not starve the poller. */
  maxRowsPerPass?: number;
  /** After every pass: how many rows wait and how old the oldest is (for metrics). */
  onPass?(backlog: { rows: number; oldestAgeMs: number }): void;
}

export interface PassResult {
  delivered: number;
  superseded: number;
  retried: number;
  failed: number;
}

type Outcome = keyof PassResult;

/** Surface and channel: rows of one channel are delivered in order, one at a time. */
const channelOf = (row: Pick<OutboxRow, 'surface' | 'channelId'>) => `${row.surface}\u0000${row.channelId}`;

/** How long the loop sleeps at most between passes when nothing is due (rows written meanwhile kick it). */
const IDLE_MS = 60_000;

/**
 * Delivers the outbox: per channel in the order rows were written, channels side by side. A
 * failure holds its channel back until its retry is due (backoff, or the platform's
 * Retry-After), so the messages after it never overtake it: an edit always finds its post
 * delivered. An edit with a newer edit of the same message behind it is skipped. A row is marked
 * delivered as soon as its sender returns; a crash in between is the one case that posts twice.
 */
export class Outbox {
  private readonly senders: Map<string, ChannelSender>;
  private readonly policy: RetryPolicy;
  private running: Promise<PassResult> | undefined;
  private queued: Promise<PassResult> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private looping = false;

  constructor(private readonly options: OutboxOptions) {
    this.senders = new Map(options.senders.map((sender) => [sender.surface, sender]));
    this.policy = options.policy ?? DEFAULT_RETRY_POLICY;
  }

  /**
   * One pass over everything due. Passes never overlap: called during one, it runs one more
   * right after (several such calls share it), so rows written meanwhile are not left behind.
   */
  deliverOnce(): Promise<PassResult> {
    if (this.queued) return this.queued;
    const before = this.running ?? Promise.resolve();
    const pass: Promise<PassResult> = before
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        this.running = pass;
        return this.pass();
      })
      .finally(() => {
        if (this.running === pass) this.running = undefined;
        this.scheduleNext();
      });
    this.queued = pass;
    return pass;
  }

  /** Delivers now and whenever a retry falls due, until `stop`. */
  start(): void {
    this.looping = true;
    this.kick();
  }

  /** Something was written: deliver it soon (only while started). */
  kick(): void {
    if (!this.looping) return;
    clearTimeout(this.timer);
    this.deliverOnce().catch((error: unknown) =>
      this.options.log.error({ err: error }, 'outbox delivery failed'),
    );
  }

  async stop(): Promise<void> {
    this.looping = false;
    clearTimeout(this.timer);
    await (this.queued ?? this.running)?.catch(() => undefined);
  }

  /** While started, sleeps until the next retry is due; a pass already queued will schedule instead. */
  private scheduleNext(): void {
    if (!this.looping || this.queued) return;
    const due = this.options.repo.nextDue();
    const waitMs = due ? Math.max(0, due.getTime() - this.options.now().getTime()) : IDLE_MS;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), Math.min(waitMs, IDLE_MS));
    this.timer.unref();
  }

  private async pass(): Promise<PassResult> {
    const result: PassResult = { delivered: 0, superseded: 0, retried: 0, failed: 0 };
    const held = new Set<string>();
    let budget = this.options.maxRowsPerPass ?? 1_000;
    while (budget > 0) {
      const now = this.options.now().getTime();
      const heads = this.options.repo
        .heads()
        .filter((row) => row.nextAttemptAt.getTime() <= now && !held.has(channelOf(row)))
        .slice(0, budget);
      if (heads.length === 0) break;
      budget -= heads.length;
      const outcomes = await Promise.all(heads.map((row) => this.attempt(row)));
      outcomes.forEach((outcome, i) => {
        result[outcome]++;
        if (outcome === 'retried') held.add(channelOf(heads[i]!));
      });
    }
    this.report();
    return result;
  }

  private async attempt(row: OutboxRow): Promise<Outcome> {
    const { repo } = this.options;
    try {
      const sender = this.senders.get(row.surface);
      if (!sender) throw new DeliveryError(`no ${row.surface} sender is running`);
      const reply = storedReply(row.reply);
      if (row.kind === 'post') {
        const ref = await sender.post(row.channelId, reply);
        repo.delivered(row, this.options.now(), ref);
        return 'delivered';
      }
      if (row.kind === 'edit' && repo.hasLaterEdit(row)) {
        repo.superseded(row.id, this.options.now());
        return 'superseded';
      }
      const ref = repo.refOf(row.surface, row.channelId, row.messageKey);
      if (ref === undefined) {
        throw new DeliveryError(
          `the message it ${row.kind === 'edit' ? 'edits' : 'answers'} was never posted`,
          {
            permanent: true,
          },
        );
      }
      if (row.kind === 'edit') await sender.edit(row.channelId, ref, reply);
      else await sender.replyTo(row.channelId, ref, reply);
      repo.delivered(row, this.options.now());
      return 'delivered';
    } catch (error) {
      return this.failed(row, error);
    }
  }

  private failed(row: OutboxRow, error: unknown): Outcome {
    const now = this.options.now();
    const decision = afterFailure(error, row.attempts + 1, row.createdAt, now, this.policy);
    const where = { outbox: row.id, surface: row.surface, kind: row.kind, attempts: row.attempts + 1 };
    if (decision.giveUp) {
      this.options.repo.failed(row.id, now, decision.reason);
      this.options.log.warn({ ...where, problem: decision.reason }, 'alert message given up');
      return 'failed';
    }
    this.options.repo.retryAt(row.id, decision.at, decision.reason);
    this.options.log.info(
      { ...where, problem: decision.reason, retryAt: decision.at },
      'alert message delayed',
    );
    return 'retried';
  }

  private report(): void {
    if (!this.options.onPass) return;
    const backlog = this.options.repo.backlog();
    const oldestAgeMs = backlog.oldest ? this.options.now().getTime() - backlog.oldest.getTime() : 0;
    this.options.onPass({ rows: backlog.rows, oldestAgeMs });
  }
}
