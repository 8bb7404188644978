import { z } from 'zod';
import { storedJson, storedTime } from './columns.js';
import type { Database } from './database.js';

export const OutboxKind = z.enum(['post', 'edit', 'reply']);
export type OutboxKind = z.infer<typeof OutboxKind>;

export const OutboxStatus = z.enum(['pending', 'delivered', 'failed', 'superseded']);
export type OutboxStatus = z.infer<typeof OutboxStatus>;

/**
 * A message to deliver. `messageKey` names the logical message in its channel: a post creates it,
 * edits and replies act on it. `dedupeKey` is unique: enqueuing the same message twice is a no-op.
 */
export const NewOutboxMessage = z.object({
  dedupeKey: z.string().min(1),
  surface: z.string().min(1),
  channelId: z.string().min(1),
  kind: OutboxKind,
  messageKey: z.string().min(1),
  /** The platform-neutral Reply; each sender renders it for its platform. */
  reply: z.unknown(),
});
export type NewOutboxMessage = z.infer<typeof NewOutboxMessage>;

const OutboxColumns = z
  .object({
    id: z.number().int(),
    dedupe_key: z.string(),
    surface: z.string(),
    channel_id: z.string(),
    kind: OutboxKind,
    message_key: z.string(),
    reply_json: storedJson,
    status: OutboxStatus,
    attempts: z.number().int(),
    next_attempt_at: storedTime,
    created_at: storedTime,
    finished_at: storedTime.nullable(),
    last_error: z.string().nullable(),
  })
  .transform((row) => ({
    id: row.id,
    dedupeKey: row.dedupe_key,
    surface: row.surface,
    channelId: row.channel_id,
    kind: row.kind,
    messageKey: row.message_key,
    reply: row.reply_json,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    lastError: row.last_error,
  }));
export type OutboxRow = z.infer<typeof OutboxColumns>;

/**
 * The `outbox` table and the references of the messages it posted. Rows of one channel are
 * delivered in id order; the id is the order they were written in.
 */
export class OutboxRepo {
  private readonly s;

  constructor(private readonly db: Database) {
    this.s = {
      insert: db.prepare(
        `INSERT OR IGNORE INTO outbox (dedupe_key, surface, channel_id, kind, message_key, reply_json, next_attempt_at, created_at)
         VALUES (@dedupe_key, @surface, @channel_id, @kind, @message_key, @reply_json, @at, @at)`,
      ),
      heads: db.prepare(
        `SELECT o.* FROM outbox o
         JOIN (SELECT MIN(id) AS id FROM outbox WHERE status = 'pending' GROUP BY surface, channel_id) h ON h.id = o.id
         ORDER BY o.id`,
      ),
      finish: db.prepare(
        `UPDATE outbox SET status = @status, finished_at = @at, last_error = @error, attempts = attempts + 1
         WHERE id = @id AND status = 'pending'`,
      ),
      supersede: db.prepare(
        `UPDATE outbox SET status = 'superseded', finished_at = @at WHERE id = @id AND status = 'pending'`,
      ),
      retry: db.prepare(
        `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = @next, last_error = @error
         WHERE id = @id AND status = 'pending'`,
      ),
      saveRef: db.prepare(
        `INSERT OR REPLACE INTO outbox_refs (surface, channel_id, message_key, message_ref, posted_at)
         VALUES (?, ?, ?, ?, ?)`,
      ),
      ref: db.prepare(
        'SELECT message_ref FROM outbox_refs WHERE surface = ? AND channel_id = ? AND message_key = ?',
      ),
      laterEdit: db.prepare(
        `SELECT 1 FROM outbox WHERE status = 'pending' AND surface = ? AND channel_id = ? AND message_key = ?
           AND kind = 'edit' AND id > ? LIMIT 1`,
      ),
      nextDue: db.prepare(`SELECT MIN(next_attempt_at) AS at FROM outbox WHERE status = 'pending'`),
      backlog: db.prepare(
        `SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE status = 'pending'`,
      ),
      byDedupeKey: db.prepare('SELECT * FROM outbox WHERE dedupe_key = ?'),
      all: db.prepare('SELECT * FROM outbox ORDER BY id'),
      pruneRows: db.prepare(`DELETE FROM outbox WHERE status <> 'pending' AND finished_at < ?`),
      pruneRefs: db.prepare(
        'DELETE FROM outbox_refs WHERE posted_at < ? AND substr(message_key, 1, length(?)) <> ?',
      ),
      forgetRefs: db.prepare('DELETE FROM outbox_refs WHERE message_key = ?'),
    };
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Adds the message unless one with its dedupe key exists; true when it was added. */
  enqueue(input: NewOutboxMessage, at: Date): boolean {
    const message = NewOutboxMessage.parse(input);
    const result = this.s.insert.run({
      dedupe_key: message.dedupeKey,
      surface: message.surface,
      channel_id: message.channelId,
      kind: message.kind,
      message_key: message.messageKey,
      reply_json: JSON.stringify(message.reply),
      at: at.getTime(),
    });
    return result.changes === 1;
  }

  /** The oldest pending row of every channel: the only one of its channel that may be delivered now. */
  heads(): OutboxRow[] {
    return this.s.heads.all().map((row) => OutboxColumns.parse(row));
  }

  /** Marks a row delivered; a post also records the reference of the message it created. */
  delivered(
    row: Pick<OutboxRow, 'id' | 'surface' | 'channelId' | 'messageKey'>,
    at: Date,
    ref?: string,
  ): void {
    this.transaction(() => {
      this.s.finish.run({ id: row.id, status: 'delivered', at: at.getTime(), error: null });
      if (ref !== undefined)
        this.s.saveRef.run(row.surface, row.channelId, row.messageKey, ref, at.getTime());
    });
  }

  failed(id: number, at: Date, error: string): void {
    this.s.finish.run({ id, status: 'failed', at: at.getTime(), error });
  }

  superseded(id: number, at: Date): void {
    this.s.supersede.run({ id, at: at.getTime() });
  }

  retryAt(id: number, next: Date, error: string): void {
    this.s.retry.run({ id, next: next.getTime(), error });
  }

  refOf(surface: string, channelId: string, messageKey: string): string | undefined {
    const row = this.s.ref.get(surface, channelId, messageKey) as { message_ref: string } | undefined;
    return row?.message_ref;
  }

  /** Whether a later edit of the same message waits: this one would be overwritten at once. */
  hasLaterEdit(row: Pick<OutboxRow, 'id' | 'surface' | 'channelId' | 'messageKey'>): boolean {
    return this.s.laterEdit.get(row.surface, row.channelId, row.messageKey, row.id) !== undefined;
  }

  /** When the earliest pending row may be tried, or undefined when nothing waits. */
  nextDue(): Date | undefined {
    const row = this.s.nextDue.get() as { at: number | null };
    return row.at === null ? undefined : new Date(row.at);
  }

  /** How many rows wait, and when the oldest of them was written. */
  backlog(): { rows: number; oldest?: Date } {
    const row = this.s.backlog.get() as { n: number; oldest: number | null };
    return row.oldest === null ? { rows: row.n } : { rows: row.n, oldest: new Date(row.oldest) };
  }

  byDedupeKey(key: string): OutboxRow | undefined {
    const row = this.s.byDedupeKey.get(key);
    return row === undefined ? undefined : OutboxColumns.parse(row);
  }

  /** Every row, oldest first: for inspection and tests. */
  all(): OutboxRow[] {
    return this.s.all.all().map((row) => OutboxColumns.parse(row));
  }

  /**
   * Forgets finished rows older than `before`, and the references of messages posted before it,
   * except those whose key starts with `keepPrefix`: messages that may still be edited, whose
   * owner forgets them with `forgetMessage`.
   */
  prune(before: Date, keepPrefix: string): void {
    this.s.pruneRows.run(before.getTime());
    this.s.pruneRefs.run(before.getTime(), keepPrefix, keepPrefix);
  }

  forgetMessage(messageKey: string): void {
    this.s.forgetRefs.run(messageKey);
  }
}
