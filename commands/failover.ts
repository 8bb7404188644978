import { z } from 'zod';
import { cannot, clusterName, guardedCommand } from '../src/core/actions.js';
import { server, text as textArg } from '../src/core/args.js';
import { findServer } from '../src/core/fleet.js';
import { failoverRefusal } from '../src/domain/config-rules.js';
import type { Server } from '../src/domain/schemas.js';
import { warning } from '../src/render/cards.js';
import { relativeTime } from '../src/render/format.js';
import { type Block, text } from '../src/render/reply.js';
import { serverLabel } from '../src/render/server-views.js';

const NONE = 'none';

const args = z.object({
  server: server('The switch whose overflow goes elsewhere'),
  target: textArg('Another switch of the same cluster, or "none" to reject calls when full', 100).meta({
    complete: 'server',
  }),
});

interface FailoverState {
  source: Server;
  target: Server | undefined;
  cluster: string | undefined;
  /** The failover as it is now. */
  now: string;
}

const outcomeText = (target: Server | undefined) =>
  target ? `fails over to ${serverLabel(target)}` : 'has no capacity failover';

function failoverText(source: Server, all: readonly Server[]): string {
  const id = source.config.capacity_failover_id;
  if (id === null) return NONE;
  const current = all.find((s) => s.id === id);
  return current ? serverLabel(current) : `server #${id}, no longer on the account`;
}

/** Things to know about the target that do not block the change. */
function targetWarnings(source: Server, target: Server, now: Date): Block[] {
  const warnings: Block[] = [];
  if (target.expires !== null) {
    warnings.push(
      warning(
        `${target.alias}'s test period ends ${relativeTime(target.expires, now)}: failover to it stops working then.`,
      ),
    );
  }
  if (target.status !== 'active') {
    warnings.push(
      warning(
        `${target.alias} is ${target.status} right now: it takes no redirected calls until it is active.`,
      ),
    );
  }
  if (target.config.capacity_failover_id === source.id) {
    warnings.push(
      warning(
        `${target.alias} fails over to ${source.alias}: when both are full, calls bounce between them.`,
      ),
    );
  }
  return warnings;
}

export default guardedCommand({
  name: 'failover',
  group: 'config',
  summary: 'Set where a full switch sends new calls (capacity failover), or "none"',
  examples: ['failover ams-sw-1 ams-sw-2', 'failover ams-sw-1 none'],
  risk: 'change',
  args,
  positional: ['server', 'target'],
  async check(ctx, input): Promise<FailoverState> {
    const all = await ctx.fleet.servers();
    const source = findServer(all, input.server);
    const what = `set the capacity failover of ${source.alias}`;
    if (source.type === 'dispatcher') {
      throw cannot(what, `${source.alias} is a dispatcher: capacity failover is set on switches`);
    }
    const wantsNone = input.target.toLowerCase() === NONE;
    const target = wantsNone ? undefined : findServer(all, input.target);
    if (target) {
      const refusal = failoverRefusal(source, target);
      if (refusal)
        throw cannot(what, refusal, `Type /cx servers --cluster <name> to see ${source.alias}'s cluster.`);
      if (target.status === 'expired') throw cannot(what, `${target.alias} has expired: reactivate it first`);
    }
    if ((target?.id ?? null) === source.config.capacity_failover_id) {
      throw cannot(what, `nothing would change: it already ${outcomeText(target)}`);
    }
    return {
      source,
      target,
      cluster: await clusterName(ctx, source.cluster_id),
      now: failoverText(source, all),
    };
  },
  card(ctx, { source, target, cluster, now }) {
    const next = target ? `${serverLabel(target)}, same cluster ${cluster}` : NONE;
    const blocks: Block[] = [text(`now: ${now}  →  new: ${next}`)];
    if (target) {
      blocks.push(
        text(`When ${source.alias} is full, new calls are redirected (SIP 302) to ${target.alias}.`),
      );
      blocks.push(...targetWarnings(source, target, ctx.now()));
    } else {
      blocks.push(
        text(`When ${source.alias} is full, new calls are rejected ("server at max cps / channels").`),
      );
    }
    return {
      title: `Capacity failover for ${serverLabel(source)}`,
      blocks,
      serverId: source.id,
      confirmLabel: 'Confirm failover',
    };
  },
  async send(ctx, { source, target }) {
    await ctx.controlPlane.updateServer(source.id, { capacity_failover_id: target?.id ?? null });
    return {
      tone: 'success',
      blocks: [text(`${source.alias} now ${outcomeText(target)}.`)],
      serverId: source.id,
    };
  },
});
