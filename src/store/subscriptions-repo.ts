import { z } from 'zod';
import { StoredSeverity } from './alerts-repo.js';
import { Party, storedJson, storedTime } from './columns.js';
import type { Database } from './database.js';

/**
 * A channel's alert subscription. `rules` null means every rule. A disabled row keeps a default
 * channel (SLACK_ALERT_CHANNEL and the like) quiet after `/cx alerts unsubscribe` there.
 */
export const SubscriptionInput = z.object({
  surface: z.string().min(1),
  channelId: z.string().min(1),
  rules: z.array(z.string().min(1)).min(1).nullable(),
  minSeverity: StoredSeverity,
  enabled: z.boolean(),
  by: Party,
  at: z.date(),
});
export type Subscription = z.infer<typeof SubscriptionInput>;

const SubscriptionColumns = z
  .object({
    surface: z.string(),
    channel_id: z.string(),
    rules_json: storedJson.pipe(z.array(z.string())).nullable(),
    min_severity: StoredSeverity,
    enabled: z.number().int(),
    by_surface: z.string(),
    by_id: z.string(),
    by_name: z.string(),
    at: storedTime,
  })
  .transform(
    (row): Subscription => ({
      surface: row.surface,
      channelId: row.channel_id,
      rules: row.rules_json,
      minSeverity: row.min_severity,
      enabled: row.enabled === 1,
      by: Party.parse({ surface: row.by_surface, id: row.by_id, name: row.by_name }),
      at: row.at,
    }),
  );

/** The `alert_subscriptions` table: one row per channel. */
export class SubscriptionsRepo {
  private readonly s;

  constructor(db: Database) {
    this.s = {
      upsert: db.prepare(
        `INSERT OR REPLACE INTO alert_subscriptions (surface, channel_id, rules_json, min_severity, enabled,
           by_surface, by_id, by_name, at)
         VALUES (@surface, @channel_id, @rules_json, @min_severity, @enabled, @by_surface, @by_id, @by_name, @at)`,
      ),
      get: db.prepare('SELECT * FROM alert_subscriptions WHERE surface = ? AND channel_id = ?'),
      all: db.prepare('SELECT * FROM alert_subscriptions ORDER BY surface, channel_id'),
    };
  }

  save(input: Subscription): Subscription {
    const sub = SubscriptionInput.parse(input);
    this.s.upsert.run({
      surface: sub.surface,
      channel_id: sub.channelId,
      rules_json: sub.rules === null ? null : JSON.stringify(sub.rules),
      min_severity: sub.minSeverity,
      enabled: sub.enabled ? 1 : 0,
      by_surface: sub.by.surface,
      by_id: sub.by.id,
      by_name: sub.by.name,
      at: sub.at.getTime(),
    });
    return sub;
  }

  get(surface: string, channelId: string): Subscription | undefined {
    const row = this.s.get.get(surface, channelId);
    return row === undefined ? undefined : SubscriptionColumns.parse(row);
  }

  /** Every row, disabled ones included (they silence a default channel). */
  all(): Subscription[] {
    return this.s.all.all().map((row) => SubscriptionColumns.parse(row));
  }
}
