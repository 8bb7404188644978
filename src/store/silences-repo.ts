import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { StoredDestination } from './alerts-repo.js';
import { Party, storedParty, storedTime } from './columns.js';
import type { Database } from './database.js';

export const SilenceScope = z.enum(['server', 'cluster', 'rule', 'all']);
export type SilenceScope = z.infer<typeof SilenceScope>;

/**
 * A silence: alerts it covers post nothing until it ends. `target` is the server id, cluster id
 * or rule id (none for `all`); `label` is what people called it ("ams-sw-1 (203.0.113.42)").
 * `channel` is where it was set, where its end is announced.
 */
export const NewSilence = z
  .object({
    scope: SilenceScope,
    target: z.string().min(1).nullable(),
    label: z.string().min(1),
    reason: z.string().nullable(),
    by: Party,
    channel: StoredDestination.nullable(),
    startsAt: z.date(),
    endsAt: z.date(),
  })
  .refine((s) => s.endsAt > s.startsAt, { message: 'a silence must end after it starts', path: ['endsAt'] })
  .refine((s) => (s.scope === 'all') === (s.target === null), {
    message: 'only a silence of everything has no target',
    path: ['target'],
  });
export type NewSilence = z.input<typeof NewSilence>;

const SilenceColumns = z
  .object({
    id: z.string(),
    scope: SilenceScope,
    target: z.string().nullable(),
    label: z.string(),
    reason: z.string().nullable(),
    by_surface: z.string(),
    by_id: z.string(),
    by_name: z.string(),
    channel_surface: z.string().nullable(),
    channel_id: z.string().nullable(),
    starts_at: storedTime,
    ends_at: storedTime,
    lifted_by_surface: z.string().nullable(),
    lifted_by_id: z.string().nullable(),
    lifted_by_name: z.string().nullable(),
    lifted_at: storedTime.nullable(),
    announced: z.number().int(),
  })
  .transform((row) => ({
    id: row.id,
    scope: row.scope,
    target: row.target,
    label: row.label,
    reason: row.reason,
    by: Party.parse({ surface: row.by_surface, id: row.by_id, name: row.by_name }),
    channel:
      row.channel_surface !== null && row.channel_id !== null
        ? { surface: row.channel_surface, channelId: row.channel_id }
        : null,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    liftedBy: storedParty(row.lifted_by_surface, row.lifted_by_id, row.lifted_by_name),
    liftedAt: row.lifted_at,
    announced: row.announced === 1,
  }));
export type Silence = z.infer<typeof SilenceColumns>;

/** 8 hex characters: short enough to type as `/cx unsilence <id>`. */
const newSilenceId = () => randomBytes(4).toString('hex');

/** The `silences` table. */
export class SilencesRepo {
  private readonly s;

  constructor(db: Database) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO silences (id, scope, target, label, reason, by_surface, by_id, by_name, channel_surface,
           channel_id, starts_at, ends_at)
         VALUES (@id, @scope, @target, @label, @reason, @by_surface, @by_id, @by_name, @channel_surface,
           @channel_id, @starts_at, @ends_at)
         RETURNING *`,
      ),
      byId: db.prepare('SELECT * FROM silences WHERE id = ?'),
      active: db.prepare(
        'SELECT * FROM silences WHERE starts_at <= @at AND ends_at > @at ORDER BY ends_at, id',
      ),
      endedUnannounced: db.prepare(
        'SELECT * FROM silences WHERE announced = 0 AND ends_at <= ? ORDER BY ends_at, id',
      ),
      lift: db.prepare(
        `UPDATE silences SET ends_at = MAX(@at, starts_at), lifted_by_surface = @surface, lifted_by_id = @by_id,
           lifted_by_name = @name, lifted_at = @at, announced = 1
         WHERE id = @id AND ends_at > @at`,
      ),
      announce: db.prepare('UPDATE silences SET announced = 1 WHERE id = ?'),
      prune: db.prepare('DELETE FROM silences WHERE announced = 1 AND ends_at < ?'),
    };
  }

  create(input: NewSilence): Silence {
    const silence = NewSilence.parse(input);
    const row = this.s.insert.get({
      id: newSilenceId(),
      scope: silence.scope,
      target: silence.target,
      label: silence.label,
      reason: silence.reason,
      by_surface: silence.by.surface,
      by_id: silence.by.id,
      by_name: silence.by.name,
      channel_surface: silence.channel?.surface ?? null,
      channel_id: silence.channel?.channelId ?? null,
      starts_at: silence.startsAt.getTime(),
      ends_at: silence.endsAt.getTime(),
    });
    return SilenceColumns.parse(row);
  }

  get(id: string): Silence | undefined {
    const row = this.s.byId.get(id);
    return row === undefined ? undefined : SilenceColumns.parse(row);
  }

  /** Silences in force at `at`, the soonest to end first. */
  active(at: Date): Silence[] {
    return this.s.active.all({ at: at.getTime() }).map((row) => SilenceColumns.parse(row));
  }

  /** Silences that ran out by `at` and whose end nobody has been told of yet. */
  endedUnannounced(at: Date): Silence[] {
    return this.s.endedUnannounced.all(at.getTime()).map((row) => SilenceColumns.parse(row));
  }

  /** Ends a silence now; true only for the call that ended it (false when it had already ended). */
  lift(id: string, by: Party, at: Date): boolean {
    const party = Party.parse(by);
    const result = this.s.lift.run({
      id,
      at: at.getTime(),
      surface: party.surface,
      by_id: party.id,
      name: party.name,
    });
    return result.changes === 1;
  }

  markAnnounced(id: string): void {
    this.s.announce.run(id);
  }

  prune(before: Date): void {
    this.s.prune.run(before.getTime());
  }
}
