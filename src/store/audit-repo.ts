import { z } from 'zod';
import { Party, storedArgs, storedParty, storedTime } from './columns.js';
import type { Database } from './database.js';

/**
 * What an audit entry records. `run` is a read command that ran; the others follow a guarded
 * request from `request` to `result`. The column is free text, so adding a kind needs no migration.
 */
export const AUDIT_EVENTS = [
  'request',
  'confirm',
  'cancel',
  'expire',
  'refuse',
  'execute',
  'result',
  'run',
] as const;
export const AuditEvent = z.enum(AUDIT_EVENTS);
export type AuditEvent = z.infer<typeof AuditEvent>;

/** One line of the append-only audit log. `args` must already be free of secrets. */
export const NewAuditEntry = z.object({
  at: z.date(),
  event: AuditEvent,
  actor: Party.optional(),
  channelId: z.string().optional(),
  command: z.string().optional(),
  args: z.record(z.string(), z.unknown()).optional(),
  approvalId: z.string().optional(),
  serverId: z.number().int().optional(),
  /** Short and machine-friendly: "ok", "failed", "denied", "four-eyes". */
  outcome: z.string().optional(),
  /** A sentence for people. */
  detail: z.string().optional(),
});
export type NewAuditEntry = z.input<typeof NewAuditEntry>;

const AuditRow = z
  .object({
    id: z.number().int(),
    at: storedTime,
    event: AuditEvent,
    actor_surface: z.string().nullable(),
    actor_id: z.string().nullable(),
    actor_name: z.string().nullable(),
    channel_id: z.string().nullable(),
    command: z.string().nullable(),
    args_json: storedArgs.nullable(),
    approval_id: z.string().nullable(),
    server_id: z.number().int().nullable(),
    outcome: z.string().nullable(),
    detail: z.string().nullable(),
  })
  .transform((row) => ({
    id: row.id,
    at: row.at,
    event: row.event,
    actor: storedParty(row.actor_surface, row.actor_id, row.actor_name),
    channelId: row.channel_id,
    command: row.command,
    args: row.args_json,
    approvalId: row.approval_id,
    serverId: row.server_id,
    outcome: row.outcome,
    detail: row.detail,
  }));
export type AuditEntry = z.infer<typeof AuditRow>;

/** The `audit` table: rows are only ever added (triggers refuse UPDATE and DELETE). */
export class AuditRepo {
  private readonly insertRow;
  private readonly selectNewest;
  private readonly selectNewestForServer;

  constructor(db: Database) {
    this.insertRow = db.prepare(
      `INSERT INTO audit (at, event, actor_surface, actor_id, actor_name, channel_id, command, args_json,
         approval_id, server_id, outcome, detail)
       VALUES (@at, @event, @actor_surface, @actor_id, @actor_name, @channel_id, @command, @args_json,
         @approval_id, @server_id, @outcome, @detail)
       RETURNING *`,
    );
    this.selectNewest = db.prepare('SELECT * FROM audit ORDER BY id DESC LIMIT ?');
    this.selectNewestForServer = db.prepare(
      'SELECT * FROM audit WHERE server_id = ? ORDER BY id DESC LIMIT ?',
    );
  }

  append(input: NewAuditEntry): AuditEntry {
    const entry = NewAuditEntry.parse(input);
    const row = this.insertRow.get({
      at: entry.at.getTime(),
      event: entry.event,
      actor_surface: entry.actor?.surface ?? null,
      actor_id: entry.actor?.id ?? null,
      actor_name: entry.actor?.name ?? null,
      channel_id: entry.channelId ?? null,
      command: entry.command ?? null,
      args_json: entry.args === undefined ? null : JSON.stringify(entry.args),
      approval_id: entry.approvalId ?? null,
      server_id: entry.serverId ?? null,
      outcome: entry.outcome ?? null,
      detail: entry.detail ?? null,
    });
    return AuditRow.parse(row);
  }

  /** The latest `limit` entries, newest first; only those about `serverId` when given. */
  newest(limit: number, serverId?: number): AuditEntry[] {
    const rows =
      serverId === undefined ? this.selectNewest.all(limit) : this.selectNewestForServer.all(serverId, limit);
    return rows.map((row) => AuditRow.parse(row));
  }
}
