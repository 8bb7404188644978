import type { Logger } from 'pino';
import { ControlPlaneError } from '../controlplane/errors.js';
import type { Job, Server } from '../domain/schemas.js';
import {
  approvedCard,
  cancelledCard,
  expiredCard,
  finishedCard,
  jobLine,
  notDoneCard,
  pendingCard,
} from '../render/approval-card.js';
import { duration } from '../render/format.js';
import { type Block, context, type Reply, text } from '../render/reply.js';
import { serverLabel } from '../render/server-views.js';
import type { Approval, ApprovalsRepo } from '../store/approvals-repo.js';
import type { AuditRepo, NewAuditEntry } from '../store/audit-repo.js';
import type { Party } from '../store/columns.js';
import type { Catalog } from './catalog.js';
import type { CommandContext, GuardedCommand, Outcome, Risk } from './command.js';
import { UserError } from './errors.js';
import type { Actor, Invocation, Responder, Surface } from './invocation.js';
import { type FollowOptions, followJob } from './job-follower.js';
import { type AccessPolicy, hasRole, principalOf, ROLE_VARIABLES } from './rbac.js';
import type { Guard } from './router.js';
import { missingSecrets, splitSecrets } from './secret-args.js';

export type FourEyes = 'disruptive' | 'all' | 'off';

export interface ApprovalPolicy {
  access: AccessPolicy;
  fourEyes: FourEyes;
  ttlMs: number;
}

/** Edits a card posted earlier, when no responder is at hand (the expiry sweep). */
export type CardEditor = (messageRef: string, reply: Reply) => Promise<void>;

export interface ApprovalsOptions {
  repo: ApprovalsRepo;
  audit: AuditRepo;
  catalog: Catalog;
  policy: ApprovalPolicy;
  now(): Date;
  log: Logger;
  follow: FollowOptions;
  editors?: Partial<Record<Surface, CardEditor>>;
  /** Told of every step written to the audit log (metrics count approvals by outcome). */
  onStep?(step: { event: NewAuditEntry['event']; outcome: string }): void;
}

const party = (actor: Actor): Party => ({ surface: actor.surface, id: actor.id, name: actor.name });
const sameParty = (a: Party, b: Party) => a.surface === b.surface && a.id === b.id;

function raise(risk: Risk, to: Risk | undefined): 'change' | 'disruptive' {
  return risk === 'disruptive' || to === 'disruptive' ? 'disruptive' : 'change';
}

/**
 * The guard of every change: plan, a stored pending request with a Confirm/Cancel card, a single
 * atomic decision, execution with the stored arguments, the job followed on the card, and an
 * audit entry for each step. Secret arguments wait for the Confirm in memory only.
 */
export class Approvals implements Guard {
  private readonly secrets = new Map<string, Record<string, unknown>>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: ApprovalsOptions) {}

  async request(
    ctx: CommandContext,
    command: GuardedCommand,
    args: Record<string, unknown>,
    invocation: Invocation,
    responder: Responder,
  ): Promise<void> {
    const plan = await command.plan(ctx, args);
    const { stored, secrets } = splitSecrets(command, args);
    const now = this.options.now();
    const approval = this.options.repo.create({
      command: command.name,
      args: stored,
      risk: raise(command.risk, plan.risk),
      summary: plan.title,
      requester: party(ctx.actor),
      ...(invocation.channelId ? { channelId: invocation.channelId } : {}),
      ...(plan.serverId !== undefined ? { serverId: plan.serverId } : {}),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.options.policy.ttlMs),
    });
    if (Object.keys(secrets).length > 0) this.secrets.set(approval.id, secrets);
    this.record('request', ctx.actor, approval, { outcome: 'pending', detail: plan.title });
    const card = pendingCard({
      approval,
      blocks: plan.blocks,
      needsOtherApprover: this.fourEyesApplies(approval.risk),
      ...(plan.confirmLabel ? { confirmLabel: plan.confirmLabel } : {}),
    });
    const ref = await responder.send(card);
    if (ref) this.options.repo.setMessageRef(approval.id, ref);
  }

  /** What a Confirm click does. Refusals throw UserError (shown to the clicker only). */
  async confirm(
    ctx: CommandContext,
    id: string,
    invocation: Invocation,
    responder: Responder,
  ): Promise<void> {
    const approval = this.pending(id, ctx.actor);
    const command = this.commandOf(approval);
    if (this.fourEyesApplies(approval.risk) && sameParty(party(ctx.actor), approval.requester)) {
      this.refuse(ctx.actor, approval, 'four-eyes');
      throw new UserError(`You requested this (${approval.summary}); another approver must confirm it.`);
    }
    if (!hasRole(ctx.actor, 'approver', this.options.policy.access)) {
      this.refuse(ctx.actor, approval, 'not-approver');
      throw new UserError(
        `Only approvers can confirm requests. Ask an admin to add ${principalOf(ctx.actor)} to ${ROLE_VARIABLES.approver}.`,
      );
    }
    const secrets = this.secrets.get(approval.id);
    const lost = missingSecrets(approval.args, secrets);
    if (lost.length > 0) {
      this.options.repo.decide(approval.id, {
        to: 'cancelled',
        by: party(ctx.actor),
        at: this.options.now(),
      });
      this.record('cancel', ctx.actor, approval, {
        outcome: 'secret-lost',
        detail: `lost: ${lost.join(', ')}`,
      });
      throw new UserError(
        `This request's ${lost.join(', ')} was held in memory only and was lost when Switchboard restarted: it was cancelled.`,
        `Run /cx ${approval.command} again with the ${lost.join(', ')}.`,
      );
    }
    if (
      !this.options.repo.decide(approval.id, { to: 'approved', by: party(ctx.actor), at: this.options.now() })
    ) {
      throw new UserError(this.alreadyDecided(this.options.repo.get(id) ?? approval));
    }
    const approved = this.options.repo.get(approval.id) ?? approval;
    this.record('confirm', ctx.actor, approved, { outcome: 'approved' });
    const ref = approved.messageRef ?? invocation.sourceMessage;
    const show = (reply: Reply) => this.show(responder, ref, reply);
    await show(approvedCard(approved, [text('Sending it to the control plane…')]));
    await this.execute(ctx, command, approved, { ...approved.args, ...secrets }, show);
  }

  /** What a Cancel click does: the requester may cancel their own request, an approver any. */
  async cancel(ctx: CommandContext, id: string, invocation: Invocation, responder: Responder): Promise<void> {
    const approval = this.pending(id, ctx.actor);
    const own = sameParty(party(ctx.actor), approval.requester);
    if (!own && !hasRole(ctx.actor, 'approver', this.options.policy.access)) {
      this.refuse(ctx.actor, approval, 'not-approver');
      throw new UserError('Only the requester or an approver can cancel this request.');
    }
    if (
      !this.options.repo.decide(approval.id, {
        to: 'cancelled',
        by: party(ctx.actor),
        at: this.options.now(),
      })
    ) {
      throw new UserError(this.alreadyDecided(this.options.repo.get(id) ?? approval));
    }
    this.secrets.delete(approval.id);
    const cancelled = this.options.repo.get(approval.id) ?? approval;
    this.record('cancel', ctx.actor, cancelled, { outcome: 'cancelled' });
    await this.show(responder, cancelled.messageRef ?? invocation.sourceMessage, cancelledCard(cancelled));
  }

  /** Requests still waiting, oldest first. */
  listPending(): Approval[] {
    return this.options.repo.listPending(this.options.now());
  }

  /** Marks requests whose time ran out as expired, records it and edits their cards. */
  async sweepExpired(): Promise<Approval[]> {
    const expired = this.options.repo.expireDue(this.options.now());
    for (const approval of expired) {
      this.secrets.delete(approval.id);
      this.record('expire', undefined, approval, { outcome: 'expired' });
      const editor = this.options.editors?.[approval.requester.surface];
      if (editor && approval.messageRef) {
        await editor(approval.messageRef, expiredCard(approval)).catch((error: unknown) =>
          this.options.log.warn({ err: error, approval: approval.id }, 'could not edit the expired card'),
        );
      }
    }
    return expired;
  }

  /** Resolves when every job being followed has ended or been given up (for shutdown and tests). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private fourEyesApplies(risk: 'change' | 'disruptive'): boolean {
    const { fourEyes } = this.options.policy;
    return fourEyes === 'all' || (fourEyes === 'disruptive' && risk === 'disruptive');
  }

  /** The request, still pending and in time; otherwise a UserError saying what became of it. */
  private pending(id: string, actor: Actor): Approval {
    const wanted = id.trim().toLowerCase();
    const approval = /^[0-9a-f]{16}$/.test(wanted) ? this.options.repo.get(wanted) : undefined;
    if (!approval) {
      throw new UserError(`No request with id "${id}".`, 'Type /cx approvals to see the pending requests.');
    }
    if (approval.status === 'pending' && approval.expiresAt <= this.options.now()) {
      this.options.repo.expireDue(this.options.now());
      this.record('expire', undefined, approval, { outcome: 'expired' });
      this.refuse(actor, approval, 'expired');
      throw new UserError(this.alreadyDecided({ ...approval, status: 'expired' }));
    }
    if (approval.status !== 'pending') throw new UserError(this.alreadyDecided(approval));
    return approval;
  }

  private alreadyDecided(approval: Approval): string {
    const by = approval.decidedBy ? ` by ${approval.decidedBy.name}` : '';
    const when = approval.decidedAt ? ` at ${approval.decidedAt.toISOString()}` : '';
    switch (approval.status) {
      case 'expired':
        return `This request expired at ${approval.expiresAt.toISOString()}: nothing was done. Run /cx ${approval.command} again.`;
      case 'cancelled':
        return `This request was already cancelled${by}${when}.`;
      default:
        return `This request was already approved${by}${when} (now ${approval.status}).`;
    }
  }

  private commandOf(approval: Approval): GuardedCommand {
    const command = this.options.catalog.get(approval.command);
    if (!command || command.risk === 'read') {
      throw new UserError(
        `The command of this request (${approval.command}) no longer exists: nothing was done.`,
      );
    }
    return command;
  }

  private async execute(
    ctx: CommandContext,
    command: GuardedCommand,
    approval: Approval,
    args: Record<string, unknown>,
    show: (reply: Reply) => Promise<void>,
  ): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await command.execute(ctx, command.args.parse(args));
    } catch (error) {
      const reason =
        error instanceof UserError || error instanceof ControlPlaneError ? error.message : undefined;
      if (reason === undefined) ctx.log.error({ err: error, approval: approval.id }, 'execution failed');
      const shown = reason ?? 'something went wrong; it has been logged';
      this.options.repo.finish(approval.id, { status: 'failed', result: { error: shown } });
      this.record('result', ctx.actor, approval, { outcome: 'failed', detail: shown });
      await show(notDoneCard(approval, shown));
      return;
    }
    this.secrets.delete(approval.id);
    this.options.repo.finish(approval.id, { status: 'executed', result: { jobId: outcome.jobId ?? null } });
    this.record('execute', ctx.actor, approval, {
      outcome: 'ok',
      ...(outcome.jobId !== undefined ? { detail: `job ${outcome.jobId}` } : {}),
    });
    if (outcome.jobId === undefined) {
      await show(finishedCard(approval, outcome.tone === 'danger' ? 'danger' : 'success', outcome.blocks));
      return;
    }
    await show(approvedCard(approval, [...outcome.blocks, context(`job ${outcome.jobId}: queued`)]));
    this.track(this.followToEnd(ctx, approval, outcome, outcome.jobId, show));
  }

  private async followToEnd(
    ctx: CommandContext,
    approval: Approval,
    outcome: Outcome,
    jobId: number,
    show: (reply: Reply) => Promise<void>,
  ): Promise<void> {
    const started = Date.now();
    const job = await followJob(
      ctx.controlPlane,
      jobId,
      async (moved) => {
        if (moved.status === 'queued' || moved.status === 'running') {
          await show(approvedCard(approval, [...outcome.blocks, jobLine(moved)]));
        }
      },
      this.options.follow,
      ctx.log,
    );
    const serverId = outcome.serverId ?? approval.serverId ?? job?.server_id;
    const server =
      serverId === undefined ? undefined : await ctx.controlPlane.getServer(serverId).catch(() => undefined);
    const end = jobEnd(job, server, Date.now() - started);
    this.record('result', undefined, approval, { outcome: end.outcome, detail: end.detail });
    await show(finishedCard(approval, end.outcome === 'ok' ? 'success' : 'danger', end.blocks));
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) =>
      this.options.log.error({ err: error }, 'following a job failed'),
    );
    this.running.add(tracked);
    void tracked.finally(() => this.running.delete(tracked));
  }

  private async show(responder: Responder, ref: string | undefined, reply: Reply): Promise<void> {
    if (ref) await responder.edit(ref, reply);
    else await responder.send(reply);
  }

  private refuse(actor: Actor, approval: Approval, outcome: string): void {
    this.record('refuse', actor, approval, { outcome });
  }

  private record(
    event: NewAuditEntry['event'],
    actor: Actor | undefined,
    approval: Approval,
    extra: Pick<NewAuditEntry, 'outcome' | 'detail'>,
  ): void {
    this.options.audit.append({
      at: this.options.now(),
      event,
      ...(actor ? { actor: party(actor) } : {}),
      ...(approval.channelId ? { channelId: approval.channelId } : {}),
      command: approval.command,
      args: approval.args,
      approvalId: approval.id,
      ...(approval.serverId !== null ? { serverId: approval.serverId } : {}),
      ...extra,
    });
    this.options.onStep?.({ event, outcome: extra.outcome ?? 'none' });
  }
}

/** How a followed job ended, in a line a person reads: "✅ ams-sw-1 is back: active, 0 calls, SIP 4 ms (took 58 s)". */
function jobEnd(
  job: Job | undefined,
  server: Server | undefined,
  tookMs: number,
): { outcome: 'ok' | 'failed' | 'unknown'; detail: string; blocks: Block[] } {
  const name = server ? serverLabel(server) : `server ${job?.server_id ?? '?'}`;
  if (!job || (job.status !== 'done' && job.status !== 'failed')) {
    const detail = `stopped following job ${job?.id ?? '?'} after ${duration(tookMs)}; it is still ${job?.status ?? 'unknown'}`;
    return {
      outcome: 'unknown',
      detail,
      blocks: [text(`⏳ ${detail}.`), context(`Type /cx jobs ${server?.alias ?? ''} to check it.`)],
    };
  }
  if (job.status === 'failed') {
    const detail = `job ${job.id} (${job.action}) failed: ${job.error ?? 'no reason given'}`;
    return { outcome: 'failed', detail, blocks: [text(`❌ ${name}: ${detail}`)] };
  }
  const took = job.finished ? Date.parse(job.finished) - Date.parse(job.created) : tookMs;
  if (!server)
    return {
      outcome: 'ok',
      detail: `job ${job.id} done`,
      blocks: [text(`✅ ${name}: done (took ${duration(took)})`)],
    };
  const state = `${server.status}, ${server.channels} calls, SIP ${server.sip_latency_ms ?? '-'} ms`;
  const line =
    job.action === 'deploy'
      ? `✅ ${server.alias} is ready at ${server.ip}: ${state}`
      : `✅ ${name} is ${server.status === 'active' ? 'back' : server.status}: ${state}`;
  return { outcome: 'ok', detail: `job ${job.id} done`, blocks: [text(`${line} (took ${duration(took)})`)] };
}
