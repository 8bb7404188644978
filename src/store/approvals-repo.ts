import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Party, Surface, storedArgs, storedJson, storedParty, storedTime } from './columns.js';
import type { Database } from './database.js';

export const APPROVAL_STATUSES = [
  'pending',
  'approved',
  'executed',
  'failed',
  'cancelled',
  'expired',
] as const;
export const ApprovalStatus = z.enum(APPROVAL_STATUSES);
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;

export const ApprovalRisk = z.enum(['change', 'disruptive']);

/**
 * A request waiting for (or past) its Confirm. `args` are the validated arguments with the
 * secret ones already removed by the caller: this table is on disk.
 */
export const NewApproval = z
  .object({
    command: z.string().min(1),
    args: z.record(z.string(), z.unknown()),
    risk: ApprovalRisk,
    summary: z.string(),
    requester: Party,
    channelId: z.string().optional(),
    messageRef: z.string().optional(),
    serverId: z.number().int().optional(),
    createdAt: z.date(),
    expiresAt: z.date(),
  })
  .refine((a) => a.expiresAt > a.createdAt, {
    message: 'expiresAt must be after createdAt',
    path: ['expiresAt'],
  });
export type NewApproval = z.input<typeof NewApproval>;

const ApprovalRow = z
  .object({
    id: z.string(),
    command: z.string(),
    args_json: storedArgs,
    risk: ApprovalRisk,
    summary: z.string(),
    requester_surface: Surface,
    requester_id: z.string(),
    requester_name: z.string(),
    channel_id: z.string().nullable(),
    message_ref: z.string().nullable(),
    server_id: z.number().int().nullable(),
    status: ApprovalStatus,
    created_at: storedTime,
    expires_at: storedTime,
    decided_by_surface: z.string().nullable(),
    decided_by_id: z.string().nullable(),
    decided_by_name: z.string().nullable(),
    decided_at: storedTime.nullable(),
    result_json: storedJson.nullable(),
  })
  .transform((row) => ({
    id: row.id,
    command: row.command,
    args: row.args_json,
    risk: row.risk,
    summary: row.summary,
    requester: { surface: row.requester_surface, id: row.requester_id, name: row.requester_name },
    channelId: row.channel_id,
    messageRef: row.message_ref,
    serverId: row.server_id,
    status: row.status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    decidedBy: storedParty(row.decided_by_surface, row.decided_by_id, row.decided_by_name),
    decidedAt: row.decided_at,
    result: row.result_json,
  }));
export type Approval = z.infer<typeof ApprovalRow>;

export interface Decision {
  to: 'approved' | 'cancelled';
  by: Party;
  at: Date;
}

export interface Finish {
  status: 'executed' | 'failed';
  /** What happened, shown on the card and kept for the record; no secrets. */
  result: unknown;
}

/** 16 hex characters: short enough to type as `/cx confirm <id>`, too many to guess. */
function newApprovalId(): string {
  return randomBytes(8).toString('hex');
}

/** The `approvals` table. Every state change is one conditional UPDATE, so concurrent clicks cannot both win. */
export class ApprovalsRepo {
  private readonly insertRow;
  private readonly selectById;
  private readonly selectPending;
  private readonly updateDecision;
  private readonly updateMessageRef;
  private readonly updateFinish;
  private readonly updateExpired;

  constructor(db: Database) {
    this.insertRow = db.prepare(
      `INSERT INTO approvals (id, command, args_json, risk, summary, requester_surface, requester_id, requester_name,
         channel_id, message_ref, server_id, status, created_at, expires_at)
       VALUES (@id, @command, @args_json, @risk, @summary, @requester_surface, @requester_id, @requester_name,
         @channel_id, @message_ref, @server_id, 'pending', @created_at, @expires_at)
       RETURNING *`,
    );
    this.selectById = db.prepare('SELECT * FROM approvals WHERE id = ?');
    this.selectPending = db.prepare(
      `SELECT * FROM approvals WHERE status = 'pending' AND expires_at > ? ORDER BY created_at, id`,
    );
    this.updateDecision = db.prepare(
      `UPDATE approvals
         SET status = @to, decided_by_surface = @surface, decided_by_id = @by_id, decided_by_name = @name, decided_at = @at
       WHERE id = @id AND status = 'pending' AND expires_at > @at`,
    );
    this.updateMessageRef = db.prepare('UPDATE approvals SET message_ref = ? WHERE id = ?');
    this.updateFinish = db.prepare(
      `UPDATE approvals SET status = @status, result_json = @result_json WHERE id = @id AND status = 'approved'`,
    );
    this.updateExpired = db.prepare(
      `UPDATE approvals SET status = 'expired' WHERE status = 'pending' AND expires_at <= ? RETURNING *`,
    );
  }

  create(input: NewApproval): Approval {
    const approval = NewApproval.parse(input);
    const row = this.insertRow.get({
      id: newApprovalId(),
      command: approval.command,
      args_json: JSON.stringify(approval.args),
      risk: approval.risk,
      summary: approval.summary,
      requester_surface: approval.requester.surface,
      requester_id: approval.requester.id,
      requester_name: approval.requester.name,
      channel_id: approval.channelId ?? null,
      message_ref: approval.messageRef ?? null,
      server_id: approval.serverId ?? null,
      created_at: approval.createdAt.getTime(),
      expires_at: approval.expiresAt.getTime(),
    });
    return ApprovalRow.parse(row);
  }

  get(id: string): Approval | undefined {
    const row = this.selectById.get(id);
    return row === undefined ? undefined : ApprovalRow.parse(row);
  }

  /** Requests still waiting at `now`, oldest first. */
  listPending(now: Date): Approval[] {
    return this.selectPending.all(now.getTime()).map((row) => ApprovalRow.parse(row));
  }

  /**
   * Moves a pending, unexpired request to `to`. True only for the one call that made the change;
   * false when it was already decided, has expired, or does not exist (`get` says which).
   */
  decide(id: string, decision: Decision): boolean {
    const by = Party.parse(decision.by);
    const result = this.updateDecision.run({
      id,
      to: decision.to,
      surface: by.surface,
      by_id: by.id,
      name: by.name,
      at: decision.at.getTime(),
    });
    return result.changes === 1;
  }

  /** Remembers the card that shows the request, so it can be edited when the request moves. */
  setMessageRef(id: string, messageRef: string): boolean {
    return this.updateMessageRef.run(messageRef, id).changes === 1;
  }

  /** Records how an approved request ended. False unless it was approved and not yet finished. */
  finish(id: string, finish: Finish): boolean {
    const result = this.updateFinish.run({
      id,
      status: finish.status,
      result_json: JSON.stringify(finish.result ?? null),
    });
    return result.changes === 1;
  }

  /** Marks every pending request whose time ran out by `now` as expired, and returns them. */
  expireDue(now: Date): Approval[] {
    return this.updateExpired.all(now.getTime()).map((row) => ApprovalRow.parse(row));
  }
}
