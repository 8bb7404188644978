import { z } from 'zod';
import { type BalancedPair, balancedPair, cannot, guardedCommand } from '../src/core/actions.js';
import { dispatcher, server } from '../src/core/args.js';
import { calls, warning } from '../src/render/cards.js';
import { type Block, text } from '../src/render/reply.js';
import { serverLabel } from '../src/render/server-views.js';

const args = z.object({
  dispatcher: dispatcher(),
  switch: server('The switch to stop balancing: IP, alias or id'),
});

export default guardedCommand({
  name: 'lb remove',
  group: 'actions',
  summary: 'Remove a switch from a dispatcher (load balancer): it gets no new calls through it',
  examples: ['lb remove ams-lb-1 ams-sw-3'],
  risk: 'change',
  args,
  positional: ['dispatcher', 'switch'],
  async check(ctx, refs): Promise<BalancedPair> {
    const { pair, what } = await balancedPair(ctx, refs, 'remove');
    if (!pair.members.some((s) => s.id === pair.member.id)) {
      const listed = pair.members.map((s) => s.alias).join(', ') || 'no switches';
      throw cannot(
        what,
        `${pair.balancer.alias} does not balance ${pair.member.alias} (it balances ${listed})`,
      );
    }
    return pair;
  },
  card(_ctx, { balancer, member, members }) {
    const rest = members.filter((s) => s.id !== member.id);
    const blocks: Block[] = [
      text(
        `${balancer.alias} stops sending new calls to ${member.alias}; its ${calls(member.channels)} in progress go on.`,
      ),
    ];
    blocks.push(
      rest.length > 0
        ? text(`It then balances ${rest.map((s) => s.alias).join(', ')}.`)
        : warning(`${balancer.alias} then balances no switch: calls through it have nowhere to go.`),
    );
    return {
      title: `Remove ${serverLabel(member)} from ${serverLabel(balancer)}`,
      blocks,
      serverId: balancer.id,
      confirmLabel: 'Confirm remove',
    };
  },
  async send(ctx, { balancer, member }) {
    await ctx.controlPlane.removeMember(balancer.id, member.id);
    return {
      tone: 'success',
      blocks: [text(`${balancer.alias} no longer balances ${member.alias}.`)],
      serverId: balancer.id,
    };
  },
});
