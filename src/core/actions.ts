import type { z } from 'zod';
import type { BalanceCheck } from '../domain/balance.js';
import type { Account, Server } from '../domain/schemas.js';
import { money } from '../render/format.js';
import { clusterNamer, serverLabel } from '../render/server-views.js';
import type { AnyArgs, CommandContext, GuardedCommand, Outcome, Plan } from './command.js';
import { UserError } from './errors.js';
import { findServer } from './fleet.js';

/**
 * Shared by the guarded commands: one shape (check, card, send) so that what `plan` checked is
 * always checked again by `execute`, and one wording for refusals.
 */

export interface GuardedSpec<A extends AnyArgs, S> extends Omit<GuardedCommand<A>, 'plan' | 'execute'> {
  /** Reads live state and validates the request; throws UserError when it cannot be made. Runs at plan and again at execute. */
  check(ctx: CommandContext, args: z.infer<A>): Promise<S>;
  /** The confirmation card, from what `check` found. */
  card(ctx: CommandContext, state: S, args: z.infer<A>): Plan;
  /** Calls the control plane, with state `check` has just read again. */
  send(ctx: CommandContext, state: S, args: z.infer<A>): Promise<Outcome>;
}

export function guardedCommand<A extends AnyArgs, S>(spec: GuardedSpec<A, S>): GuardedCommand<A> {
  const { check, card, send, ...command } = spec;
  return {
    ...command,
    async plan(ctx, args) {
      return card(ctx, await check(ctx, args), args);
    },
    async execute(ctx, args) {
      return send(ctx, await checkAgain(() => check(ctx, args)), args);
    },
  };
}

/** At execute, a refusal means the world moved since the card: say so, and that nothing was sent. */
async function checkAgain<S>(check: () => Promise<S>): Promise<S> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError(
      `Things changed since the request, so nothing was sent. ${error.message}`,
      error.hint,
    );
  }
}

/** "Cannot restart ams-sw-1: the server is stopping." */
export function cannot(what: string, reason: string, hint?: string): UserError {
  return new UserError(`Cannot ${what}: ${reason.replace(/\.$/, '')}.`, hint);
}

/** "$20", "$20.50": the rule reads better without cents when there are none. */
const amount = (value: number, currency: string) => money(value, currency).replace(/\.00$/, '');

/** The seed's balance rule with the figures filled in: "$20 + $20 x 7 servers" (noun: "server", "other server"). */
export function balanceRule(account: Account, others: number, noun: string): string {
  const price = amount(account.server_price, account.currency);
  return `${price} + ${price} x ${others} ${noun}${others === 1 ? '' : 's'}`;
}

/**
 * Refuses when the balance rule is not met, saying exactly how much is missing, e.g. "Cannot
 * deploy: the account has $35.00 available and a further deploy needs $160.00 ($20 + $20 x 7
 * servers). Add $125.00 first, then run the command again."
 */
export function requireBalance(
  what: string,
  purpose: string,
  check: BalanceCheck,
  account: Account,
  rule: string,
) {
  if (check.met) return;
  const cash = (value: number) => money(value, account.currency);
  throw cannot(
    what,
    `the account has ${cash(check.balance)} available and ${purpose} needs ${cash(check.needed)} (${rule}). Add ${cash(check.missing)} first, then run the command again`,
    'Top up the account in the ConnexCS panel (Billing).',
  );
}

/** Dispatcher-only features (load balancing, flush) refuse a switch, naming the dispatchers there are. */
export function requireDispatcher(what: string, server: Server, all: readonly Server[]) {
  if (server.type === 'dispatcher') return;
  const dispatchers = all.filter((s) => s.type === 'dispatcher').map(serverLabel);
  throw cannot(
    what,
    `${server.alias} is a switch, and only dispatchers (load balancers) do this`,
    dispatchers.length > 0
      ? `Dispatchers: ${dispatchers.join(', ')}.`
      : 'There are no dispatchers on the account.',
  );
}

/** The name of a cluster, or undefined for none; a cluster the list lost keeps its id. */
export async function clusterName(ctx: CommandContext, id: number | null): Promise<string | undefined> {
  return id === null ? undefined : clusterNamer(await ctx.controlPlane.listClusters())(id);
}

/** A dispatcher and a switch, as `lb add|remove <dispatcher> <switch>` name them. */
export interface BalancedPair {
  balancer: Server;
  member: Server;
  /** The switches the dispatcher balances now. */
  members: Server[];
}

/** Resolves both sides and refuses what load balancing cannot do; `what` words the command's refusals. */
export async function balancedPair(
  ctx: CommandContext,
  refs: { dispatcher: string; switch: string },
  verb: 'add' | 'remove',
) {
  const all = await ctx.fleet.servers();
  const balancer = findServer(all, refs.dispatcher);
  const member = findServer(all, refs.switch);
  const what = `${verb} ${member.alias} ${verb === 'add' ? 'to' : 'from'} ${balancer.alias}`;
  requireDispatcher(what, balancer, all);
  if (member.type !== 'switch')
    throw cannot(what, `${member.alias} is a dispatcher: dispatchers balance switches`);
  const members = all.filter((s) => balancer.members.includes(s.id));
  return { pair: { balancer, member, members } satisfies BalancedPair, what };
}
