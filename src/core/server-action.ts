import { z } from 'zod';
import type { Server, ServerAction } from '../domain/schemas.js';
import { ACTION_RULES, actionRefusal } from '../domain/status.js';
import { callsImpact, SERVICE_WARNING, serverWhere, warning } from '../render/cards.js';
import { type Block, context, text } from '../render/reply.js';
import { serverLabel } from '../render/server-views.js';
import { cannot, clusterName, guardedCommand, requireDispatcher } from './actions.js';
import { dispatcher, server } from './args.js';
import type { CommandContext, GuardedCommand } from './command.js';
import { findServer } from './fleet.js';

/** The server actions of the seed's Actions menu (and reactivate, flush): one builder, one card shape. */

export interface ServerActionSpec {
  action: ServerAction;
  risk: 'change' | 'disruptive';
  /** How the card and refusals name it: "restart", "power cycle". */
  verb: string;
  summary: string;
  /** What the action does, in the seed's words: the card's first line. */
  effect: string;
  /** Whether the calls in progress are cut; absent when the action does not touch them. */
  calls?: 'will be cut' | 'may be cut';
  /** Further warnings on the card (a power cycle is a hard reset). */
  warnings?: string[];
  /**
   * A condition beyond the server's state (reactivate: the balance), checked at plan and again at
   * execute. Throws UserError when unmet; returns card lines otherwise.
   */
  precondition?(ctx: CommandContext, target: Server, all: readonly Server[]): Promise<Block[]>;
}

interface ActionState {
  target: Server;
  all: Server[];
  cluster: string | undefined;
  extra: Block[];
}

const capitalized = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

export function serverActionCommand(spec: ServerActionSpec): GuardedCommand {
  const dispatcherOnly = ACTION_RULES[spec.action].dispatcherOnly === true;
  const args = z.object({ server: dispatcherOnly ? dispatcher() : server() });
  return guardedCommand({
    name: spec.action,
    group: 'actions',
    summary: spec.summary,
    examples: [`${spec.action} ${dispatcherOnly ? 'ams-lb-1' : 'ams-sw-1'}`],
    risk: spec.risk,
    args,
    positional: ['server'],
    async check(ctx, { server: ref }): Promise<ActionState> {
      const all = await ctx.fleet.servers();
      const target = findServer(all, ref);
      const what = `${spec.verb} ${target.alias}`;
      if (dispatcherOnly) requireDispatcher(what, target, all);
      const refusal = actionRefusal(spec.action, target.status, target.type);
      if (refusal) throw cannot(what, refusal, `Type /cx server ${target.alias} to see its state and jobs.`);
      const extra = (await spec.precondition?.(ctx, target, all)) ?? [];
      return { target, all, cluster: await clusterName(ctx, target.cluster_id), extra };
    },
    card(_ctx, { target, all, cluster, extra }) {
      const blocks: Block[] = [
        text(`${capitalized(serverWhere(target, cluster))} · ${target.status}`),
        text(spec.effect),
      ];
      if (spec.calls) blocks.push(callsImpact(target, all, spec.calls));
      blocks.push(...extra, ...(spec.warnings ?? []).map((w) => warning(w)));
      if (spec.risk === 'disruptive') blocks.push(context(SERVICE_WARNING));
      return {
        title: `${capitalized(spec.verb)} ${serverLabel(target)}`,
        blocks,
        serverId: target.id,
        confirmLabel: `Confirm ${spec.verb}`,
      };
    },
    async send(ctx, { target }) {
      const { job_id } = await ctx.controlPlane.serverAction(target.id, spec.action);
      return {
        tone: 'info',
        blocks: [text(`${capitalized(spec.verb)} of ${serverLabel(target)} started: job ${job_id}.`)],
        jobId: job_id,
        serverId: target.id,
      };
    },
  });
}
