import { z } from 'zod';
import { type BalancedPair, balancedPair, cannot, clusterName, guardedCommand } from '../src/core/actions.js';
import { dispatcher, server } from '../src/core/args.js';
import { warning } from '../src/render/cards.js';
import { type Block, text } from '../src/render/reply.js';
import { serverLabel } from '../src/render/server-views.js';

const args = z.object({ dispatcher: dispatcher(), switch: server('The switch to balance: IP, alias or id') });

interface AddState extends BalancedPair {
  /** The dispatcher's cluster, when the switch is not in it. */
  otherCluster: string | undefined;
}

export default guardedCommand({
  name: 'lb add',
  group: 'actions',
  summary: 'Add a switch to a dispatcher (load balancer): it starts receiving new calls',
  examples: ['lb add ams-lb-1 ams-sw-3'],
  risk: 'change',
  args,
  positional: ['dispatcher', 'switch'],
  async check(ctx, refs): Promise<AddState> {
    const { pair, what } = await balancedPair(ctx, refs, 'add');
    if (pair.members.some((s) => s.id === pair.member.id)) {
      throw cannot(what, `${pair.balancer.alias} already balances ${pair.member.alias}`);
    }
    if (pair.member.status === 'expired')
      throw cannot(what, `${pair.member.alias} has expired: reactivate it first`);
    const mismatch = pair.balancer.cluster_id !== null && pair.member.cluster_id !== pair.balancer.cluster_id;
    return { ...pair, otherCluster: mismatch ? await clusterName(ctx, pair.balancer.cluster_id) : undefined };
  },
  card(_ctx, { balancer, member, members, otherCluster }) {
    const after = [...members, member].map((s) => s.alias).join(', ');
    const blocks: Block[] = [
      text(`${balancer.alias} starts sending new calls to ${member.alias} too.`),
      text(`It then balances ${after}.`),
    ];
    if (member.status !== 'active') {
      blocks.push(warning(`${member.alias} is ${member.status}: it takes no calls until it is active.`));
    }
    if (otherCluster) {
      blocks.push(
        warning(
          `${member.alias} is not in ${balancer.alias}'s cluster ${otherCluster}: it shares neither its CPS limit nor its locations (/cx config ${member.alias} cluster=${otherCluster}).`,
        ),
      );
    }
    return {
      title: `Add ${serverLabel(member)} to ${serverLabel(balancer)}`,
      blocks,
      serverId: balancer.id,
      confirmLabel: 'Confirm add',
    };
  },
  async send(ctx, { balancer, member }) {
    await ctx.controlPlane.addMember(balancer.id, member.id);
    return {
      tone: 'success',
      blocks: [text(`${balancer.alias} now balances ${member.alias}.`)],
      serverId: balancer.id,
    };
  },
});
