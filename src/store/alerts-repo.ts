import { z } from 'zod';
import { type Party, storedJson, storedParty, storedTime } from './columns.js';
import type { Database } from './database.js';

export const StoredSeverity = z.enum(['info', 'warning', 'critical']);
export const StoredAlertStatus = z.enum(['pending', 'firing', 'resolved', 'replaced']);

/** A channel on a surface, as senders name them ('slack', 'discord', 'discord-webhook', 'console'). */
export const StoredDestination = z.object({ surface: z.string().min(1), channelId: z.string().min(1) });
export type StoredDestination = z.infer<typeof StoredDestination>;

/** One alert episode; `finding` is the alert layer's JSON, parsed there. */
export interface AlertRow {
  id: string;
  key: string;
  rule: string;
  subject: string;
  status: z.infer<typeof StoredAlertStatus>;
  severity: z.infer<typeof StoredSeverity>;
  finding: unknown;
  streak: number;
  since: Date;
  firedAt: Date | null;
  endedAt: Date | null;
  noticeId: string | null;
  ack: { by: Party; at: Date } | null;
}

const AlertColumns = z
  .object({
    id: z.string(),
    key: z.string(),
    rule: z.string(),
    subject: z.string(),
    status: StoredAlertStatus,
    severity: StoredSeverity,
    finding_json: storedJson,
    streak: z.number().int(),
    since: storedTime,
    fired_at: storedTime.nullable(),
    ended_at: storedTime.nullable(),
    notice_id: z.string().nullable(),
    acked_surface: z.string().nullable(),
    acked_id: z.string().nullable(),
    acked_name: z.string().nullable(),
    acked_at: storedTime.nullable(),
  })
  .transform((row): AlertRow => {
    const by = storedParty(row.acked_surface, row.acked_id, row.acked_name);
    return {
      id: row.id,
      key: row.key,
      rule: row.rule,
      subject: row.subject,
      status: row.status,
      severity: row.severity,
      finding: row.finding_json,
      streak: row.streak,
      since: row.since,
      firedAt: row.fired_at,
      endedAt: row.ended_at,
      noticeId: row.notice_id,
      ack: by && row.acked_at ? { by, at: row.acked_at } : null,
    };
  });

export interface NoticeRow {
  id: string;
  rule: string;
  postedAt: Date;
  lastSentAt: Date;
  repeats: number;
  revision: number;
  resolvedAt: Date | null;
  channels: StoredDestination[];
}

const NoticeColumns = z.object({
  id: z.string(),
  rule: z.string(),
  posted_at: storedTime,
  last_sent_at: storedTime,
  repeats: z.number().int(),
  revision: z.number().int(),
  resolved_at: storedTime.nullable(),
});

const ChannelColumns = z.object({ notice_id: z.string(), surface: z.string(), channel_id: z.string() });

/** What the rules need of the past, as stored: see src/alerts/history.ts. */
export interface StoredHistory {
  balances: { at: Date; balance: number }[];
  /** One row per sampled poll: server id to share of channels in use. */
  usage: { at: Date; shares: Record<string, number> }[];
  statusSince: { serverId: number; status: string; since: Date }[];
}

const time = (date: Date | null) => (date === null ? null : date.getTime());

/**
 * The alert tables: episodes, notices and the channels each notice went to, the rules' history
 * and a small key-value table. Every method is one statement; callers group them with `transaction`.
 */
export class AlertsRepo {
  private readonly s;

  constructor(private readonly db: Database) {
    this.s = {
      upsertAlert: db.prepare(
        `INSERT INTO alerts (id, key, rule, subject, status, severity, finding_json, streak, since, fired_at,
           ended_at, notice_id, acked_surface, acked_id, acked_name, acked_at)
         VALUES (@id, @key, @rule, @subject, @status, @severity, @finding_json, @streak, @since, @fired_at,
           @ended_at, @notice_id, @acked_surface, @acked_id, @acked_name, @acked_at)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, severity = excluded.severity,
           finding_json = excluded.finding_json, streak = excluded.streak, fired_at = excluded.fired_at,
           ended_at = excluded.ended_at, notice_id = excluded.notice_id, acked_surface = excluded.acked_surface,
           acked_id = excluded.acked_id, acked_name = excluded.acked_name, acked_at = excluded.acked_at`,
      ),
      deleteAlert: db.prepare('DELETE FROM alerts WHERE id = ?'),
      upsertNotice: db.prepare(
        `INSERT INTO alert_notices (id, rule, posted_at, last_sent_at, repeats, revision, resolved_at)
         VALUES (@id, @rule, @posted_at, @last_sent_at, @repeats, @revision, @resolved_at)
         ON CONFLICT (id) DO UPDATE SET last_sent_at = excluded.last_sent_at, repeats = excluded.repeats,
           revision = excluded.revision, resolved_at = excluded.resolved_at`,
      ),
      addChannel: db.prepare(
        'INSERT OR IGNORE INTO alert_notice_channels (notice_id, surface, channel_id) VALUES (?, ?, ?)',
      ),
      liveAlerts: db.prepare(
        `SELECT * FROM alerts WHERE status IN ('pending', 'firing')
           OR notice_id IN (SELECT id FROM alert_notices WHERE resolved_at IS NULL)`,
      ),
      openNotices: db.prepare('SELECT * FROM alert_notices WHERE resolved_at IS NULL'),
      openChannels: db.prepare(
        `SELECT c.* FROM alert_notice_channels c JOIN alert_notices n ON n.id = c.notice_id
         WHERE n.resolved_at IS NULL`,
      ),
      alertById: db.prepare('SELECT * FROM alerts WHERE id = ?'),
      noticeById: db.prepare('SELECT * FROM alert_notices WHERE id = ?'),
      membersOf: db.prepare('SELECT * FROM alerts WHERE notice_id = ?'),
      channelsOf: db.prepare('SELECT * FROM alert_notice_channels WHERE notice_id = ?'),
      activeSince: db.prepare(
        `SELECT * FROM alerts WHERE fired_at >= @from OR (status = 'resolved' AND ended_at >= @from)
         ORDER BY fired_at`,
      ),
      insertBalance: db.prepare('INSERT OR REPLACE INTO alert_balance_samples (at, balance) VALUES (?, ?)'),
      pruneBalances: db.prepare('DELETE FROM alert_balance_samples WHERE at < ?'),
      insertUsage: db.prepare('INSERT OR REPLACE INTO alert_usage_samples (at, shares_json) VALUES (?, ?)'),
      pruneUsage: db.prepare('DELETE FROM alert_usage_samples WHERE at < ?'),
      upsertStatus: db.prepare(
        'INSERT OR REPLACE INTO alert_status_since (server_id, status, since) VALUES (?, ?, ?)',
      ),
      deleteStatus: db.prepare('DELETE FROM alert_status_since WHERE server_id = ?'),
      balances: db.prepare('SELECT at, balance FROM alert_balance_samples ORDER BY at'),
      usage: db.prepare('SELECT at, shares_json FROM alert_usage_samples ORDER BY at'),
      statuses: db.prepare('SELECT server_id, status, since FROM alert_status_since'),
      getMeta: db.prepare('SELECT value FROM alert_meta WHERE key = ?'),
      setMeta: db.prepare('INSERT OR REPLACE INTO alert_meta (key, value) VALUES (?, ?)'),
      pruneAlerts: db.prepare(
        `DELETE FROM alerts WHERE ended_at < ? AND (notice_id IS NULL
           OR notice_id IN (SELECT id FROM alert_notices WHERE resolved_at IS NOT NULL))`,
      ),
      pruneNotices: db.prepare(
        `DELETE FROM alert_notices WHERE resolved_at < ?
           AND id NOT IN (SELECT notice_id FROM alerts WHERE notice_id IS NOT NULL)
         RETURNING id`,
      ),
    };
  }

  /** Runs `work` in one transaction: all of it is written, or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  saveAlert(alert: AlertRow): void {
    this.s.upsertAlert.run({
      id: alert.id,
      key: alert.key,
      rule: alert.rule,
      subject: alert.subject,
      status: alert.status,
      severity: alert.severity,
      finding_json: JSON.stringify(alert.finding),
      streak: alert.streak,
      since: alert.since.getTime(),
      fired_at: time(alert.firedAt),
      ended_at: time(alert.endedAt),
      notice_id: alert.noticeId,
      acked_surface: alert.ack?.by.surface ?? null,
      acked_id: alert.ack?.by.id ?? null,
      acked_name: alert.ack?.by.name ?? null,
      acked_at: time(alert.ack?.at ?? null),
    });
  }

  deleteAlert(id: string): void {
    this.s.deleteAlert.run(id);
  }

  /** Writes the notice and adds any channel it was not in yet (channels are never removed). */
  saveNotice(notice: NoticeRow): void {
    this.s.upsertNotice.run({
      id: notice.id,
      rule: notice.rule,
      posted_at: notice.postedAt.getTime(),
      last_sent_at: notice.lastSentAt.getTime(),
      repeats: notice.repeats,
      revision: notice.revision,
      resolved_at: time(notice.resolvedAt),
    });
    for (const channel of notice.channels)
      this.s.addChannel.run(notice.id, channel.surface, channel.channelId);
  }

  /** Open alerts, and every alert of a notice still open (its resolved members too). */
  liveAlerts(): AlertRow[] {
    return this.s.liveAlerts.all().map((row) => AlertColumns.parse(row));
  }

  openNotices(): NoticeRow[] {
    const channels = new Map<string, StoredDestination[]>();
    for (const raw of this.s.openChannels.all()) {
      const row = ChannelColumns.parse(raw);
      const list = channels.get(row.notice_id) ?? [];
      list.push({ surface: row.surface, channelId: row.channel_id });
      channels.set(row.notice_id, list);
    }
    return this.s.openNotices.all().map((raw) => {
      const row = NoticeColumns.parse(raw);
      return noticeOf(row, channels.get(row.id) ?? []);
    });
  }

  alert(id: string): AlertRow | undefined {
    const row = this.s.alertById.get(id);
    return row === undefined ? undefined : AlertColumns.parse(row);
  }

  notice(id: string): NoticeRow | undefined {
    const row = this.s.noticeById.get(id);
    if (row === undefined) return undefined;
    const channels = this.s.channelsOf
      .all(id)
      .map((raw) => ChannelColumns.parse(raw))
      .map((c) => ({ surface: c.surface, channelId: c.channel_id }));
    return noticeOf(NoticeColumns.parse(row), channels);
  }

  membersOf(noticeId: string): AlertRow[] {
    return this.s.membersOf.all(noticeId).map((row) => AlertColumns.parse(row));
  }

  /** Alerts that fired, or resolved, at or after `from`, in the order they fired. */
  activeSince(from: Date): AlertRow[] {
    return this.s.activeSince.all({ from: from.getTime() }).map((row) => AlertColumns.parse(row));
  }

  addBalanceSample(at: Date, balance: number, keepFrom: Date): void {
    this.s.insertBalance.run(at.getTime(), balance);
    this.s.pruneBalances.run(keepFrom.getTime());
  }

  addUsageSample(at: Date, shares: Record<string, number>, keepFrom: Date): void {
    this.s.insertUsage.run(at.getTime(), JSON.stringify(shares));
    this.s.pruneUsage.run(keepFrom.getTime());
  }

  setStatusSince(serverId: number, status: string, since: Date): void {
    this.s.upsertStatus.run(serverId, status, since.getTime());
  }

  forgetStatus(serverId: number): void {
    this.s.deleteStatus.run(serverId);
  }

  history(): StoredHistory {
    const Balance = z.object({ at: storedTime, balance: z.number() });
    const Usage = z.object({
      at: storedTime,
      shares_json: storedJson.pipe(z.record(z.string(), z.number())),
    });
    const Status = z.object({ server_id: z.number().int(), status: z.string(), since: storedTime });
    return {
      balances: this.s.balances.all().map((row) => Balance.parse(row)),
      usage: this.s.usage.all().map((row) => {
        const parsed = Usage.parse(row);
        return { at: parsed.at, shares: parsed.shares_json };
      }),
      statusSince: this.s.statuses.all().map((row) => {
        const parsed = Status.parse(row);
        return { serverId: parsed.server_id, status: parsed.status, since: parsed.since };
      }),
    };
  }

  meta(key: string): string | undefined {
    const row = this.s.getMeta.get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.s.setMeta.run(key, value);
  }

  /**
   * Forgets alerts and notices that ended before `before` and that nothing open refers to;
   * returns the ids of the notices forgotten.
   */
  prune(before: Date): string[] {
    this.s.pruneAlerts.run(before.getTime());
    return (this.s.pruneNotices.all(before.getTime()) as { id: string }[]).map((row) => row.id);
  }
}

function noticeOf(row: z.infer<typeof NoticeColumns>, channels: StoredDestination[]): NoticeRow {
  return {
    id: row.id,
    rule: row.rule,
    postedAt: row.posted_at,
    lastSentAt: row.last_sent_at,
    repeats: row.repeats,
    revision: row.revision,
    resolvedAt: row.resolved_at,
    channels,
  };
}
