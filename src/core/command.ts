import type { Logger } from 'pino';
import type { z } from 'zod';
import type { ControlPlane } from '../controlplane/port.js';
import type { Block, Reply, Tone } from '../render/reply.js';
import type { Actor, Invocation, Responder } from './invocation.js';

export type Risk = 'read' | 'change' | 'disruptive';

/** Help sections, and Discord subcommand groups (Discord allows 25 subcommands per group). */
export type CommandGroup = 'fleet' | 'actions' | 'config' | 'approvals' | 'alerts' | 'help';

/** Handed to every handler: who asks, and the services a command may use. Never the platform. */
export interface CommandContext {
  actor: Actor;
  controlPlane: ControlPlane;
  fleet: import('./fleet.js').Fleet;
  catalog: import('./catalog.js').Catalog;
  now(): Date;
  log: Logger;
  /** Whether an actor may run a command (RBAC); absent means everyone may run everything. Help lists only these. */
  canRun?(actor: Actor, command: Command): boolean;
  /** Pending requests: what Confirm and Cancel act on. */
  approvals: import('./approvals.js').Approvals;
  audit: import('../store/audit-repo.js').AuditRepo;
  /** The gesture being answered and the way back to its surface, for commands that edit a card (confirm, cancel). */
  conversation: { invocation: Invocation; responder: Responder };
  /** SIP OPTIONS sent by Switchboard itself (`/cx ping`): how a server answers from outside. Absent: no prober runs. */
  probe?: import('../probe/types.js').Prober;
  /** Firing alerts, acknowledgements, silences and subscriptions (`/cx alerts`, `/cx silence`). Absent: alerts are not running. */
  alerts?: import('../alerts/desk.js').AlertDesk;
}

// biome-ignore lint/suspicious/noExplicitAny: the catalog holds commands of every argument shape
export type AnyArgs = z.ZodObject<any>;

interface CommandBase<A extends AnyArgs> {
  /** One word, or two for a family: "servers", "lb add", "cluster create". Lowercase, [a-z0-9-]. */
  name: string;
  group: CommandGroup;
  /** One line, at most 100 characters (Discord's limit for descriptions). */
  summary: string;
  /** Command lines without the leading /cx, e.g. "servers --cluster eu-core". At least one. */
  examples: string[];
  /** Arguments, built with src/core/args.ts. Field names are what users type (`--zone`, `zone=`). */
  args: A;
  /** Fields that may be given by position, in order. */
  positional?: (keyof z.infer<A> & string)[];
}

export interface ReadCommand<A extends AnyArgs = AnyArgs> extends CommandBase<A> {
  risk: 'read';
  /** The answer; undefined when the command already answered through `ctx.conversation` (confirm, cancel). */
  run(ctx: CommandContext, args: z.infer<A>): Promise<Reply | undefined>;
}

/** What a change would do, shown on the confirmation card before anyone confirms. */
export interface Plan {
  /** "Restart ams-sw-1 (203.0.113.42)". */
  title: string;
  /** What will happen, what it affects right now, and the caveats. */
  blocks: Block[];
  /** Raise the guard for this request (turning AnyReg on is disruptive). */
  risk?: Risk;
  /** The server the request acts on, for the audit log and `/cx audit <server>`. */
  serverId?: number;
  /** Label of the confirm button, e.g. "Confirm restart". */
  confirmLabel?: string;
}

export interface Outcome {
  tone: Tone;
  blocks: Block[];
  /** A control-plane job to follow: the card is edited as it moves. */
  jobId?: number;
  serverId?: number;
}

export interface GuardedCommand<A extends AnyArgs = AnyArgs> extends CommandBase<A> {
  risk: 'change' | 'disruptive';
  /** Reads live state and says what would happen; throws UserError when the change cannot be made. */
  plan(ctx: CommandContext, args: z.infer<A>): Promise<Plan>;
  /** Runs after a Confirm, with the same validated arguments. Re-check what plan checked. */
  execute(ctx: CommandContext, args: z.infer<A>): Promise<Outcome>;
  /**
   * Optional, given together with `show`: true when these arguments ask for nothing to change
   * (`config <server>` with no keys). The router then calls `show` instead of planning: no card,
   * no approval, and a viewer may run it. Absent means every call plans.
   */
  isReadOnly?(args: z.infer<A>): boolean;
  /** The read view for a read-only call (see `isReadOnly`). */
  show?(ctx: CommandContext, args: z.infer<A>): Promise<Reply>;
}

export type Command<A extends AnyArgs = AnyArgs> = ReadCommand<A> | GuardedCommand<A>;

/** Identity helper that keeps a command file's argument types precise. */
export function defineCommand<A extends AnyArgs>(command: Command<A>): Command<A> {
  return command;
}
