import { cannot, guardedCommand } from '../src/core/actions.js';
import type { CommandContext } from '../src/core/command.js';
import {
  asksNoChange,
  type ConfigArgs,
  type ConfigChange,
  configArgs,
  configChange,
} from '../src/core/config-change.js';
import { findServer } from '../src/core/fleet.js';
import {
  configCaveats,
  configChangeIsDisruptive,
  configViolations,
  failoverRefusal,
} from '../src/domain/config-rules.js';
import type { Server } from '../src/domain/schemas.js';
import { CLUSTER_CPS_NOTE, warning } from '../src/render/cards.js';
import { type Block, context, fields, header, table, text } from '../src/render/reply.js';
import { configFields } from '../src/render/server-config.js';
import { clusterNamer, serverLabel } from '../src/render/server-views.js';

const EXAMPLE_CHANGE = 'fqdn=sip.example.com tls=on';

interface ConfigState {
  target: Server;
  all: Server[];
  change: ConfigChange;
}

async function check(ctx: CommandContext, input: ConfigArgs): Promise<ConfigState> {
  const [all, clusters] = await Promise.all([ctx.fleet.servers(), ctx.controlPlane.listClusters()]);
  const target = findServer(all, input.server);
  const what = `change the config of ${target.alias}`;
  const seeIt = `Type /cx config ${target.alias} to see its config.`;
  if (asksNoChange(input))
    throw cannot(what, 'no key given', `e.g. /cx config ${target.alias} ${EXAMPLE_CHANGE}`);
  const change = configChange(target, input, clusters);
  const switchKeys = change.rows.filter((row) => row.key !== 'cluster');
  if (target.type === 'dispatcher' && switchKeys.length > 0) {
    throw cannot(
      what,
      `${target.alias} is a dispatcher, and server config applies to switches (a dispatcher takes only cluster=)`,
    );
  }
  const problems = configViolations(change.after);
  if (problems.length > 0) throw cannot(what, problems.join('; '), seeIt);
  const broken = brokenFailover(target, all, change.clusterAfter);
  if (broken) throw cannot(what, broken, `Change the failover first: /cx failover ${target.alias} none`);
  if (change.rows.length === 0) {
    throw cannot(what, `nothing would change: ${change.unchanged.join(', ')} already as asked`, seeIt);
  }
  return { target, all, change };
}

/** A cluster move that would leave the server's own capacity failover pointing outside its cluster. */
function brokenFailover(
  target: Server,
  all: readonly Server[],
  clusterAfter: number | null,
): string | undefined {
  const failover = all.find((s) => s.id === target.config.capacity_failover_id);
  if (!failover || clusterAfter === target.cluster_id) return undefined;
  const refusal = failoverRefusal({ ...target, cluster_id: clusterAfter }, failover);
  return refusal ? `its capacity failover to ${failover.alias} would break (${refusal})` : undefined;
}

/** What to know before confirming: the domain's caveats, and what a cluster move does. */
function caveats({ target, all, change }: ConfigState): string[] {
  const found = configCaveats(change.before, change.after, change.clusterAfter !== null);
  if (change.clusterAfter === target.cluster_id) return found;
  if (change.clusterAfter !== null) {
    found.push(CLUSTER_CPS_NOTE);
  }
  const strandedSources = all.filter(
    (s) => s.config.capacity_failover_id === target.id && s.cluster_id !== change.clusterAfter,
  );
  for (const source of strandedSources) {
    found.push(
      `${source.alias} fails over to ${target.alias}: that stops working once they are in different clusters.`,
    );
  }
  return found;
}

function changeCard(state: ConfigState) {
  const { target, change } = state;
  const blocks: Block[] = [
    table(
      ['KEY', 'NOW', 'NEW'],
      change.rows.map((row) => [row.key, row.now, row.next]),
    ),
  ];
  if (change.unchanged.length > 0) blocks.push(context(`Already as asked: ${change.unchanged.join(', ')}.`));
  blocks.push(...caveats(state).map((c) => warning(c)));
  const disruptive = configChangeIsDisruptive(change.before, change.after);
  return {
    title: `Change the config of ${serverLabel(target)}`,
    blocks,
    serverId: target.id,
    confirmLabel: 'Confirm config change',
    ...(disruptive ? { risk: 'disruptive' as const } : {}),
  };
}

export default guardedCommand({
  name: 'config',
  group: 'config',
  summary: 'Show a server config, or change keys of it (fqdn, tls, webrtc, ports, uac-user, ...)',
  examples: [
    'config ams-sw-1',
    `config ams-sw-1 ${EXAMPLE_CHANGE}`,
    'config ams-sw-1 udp-ports=5070,5080 uac-ping=off',
    'config ams-sw-1 uac-user=carrier1 uac-password=s3cret',
  ],
  risk: 'change',
  args: configArgs,
  positional: ['server'],
  isReadOnly: asksNoChange,
  async show(ctx, input) {
    const [all, clusters] = await Promise.all([ctx.fleet.servers(), ctx.controlPlane.listClusters()]);
    const target = findServer(all, input.server);
    const failover = all.find((s) => s.id === target.config.capacity_failover_id);
    return {
      tone: 'neutral',
      private: true,
      blocks: [
        header(`Config of ${serverLabel(target)}`),
        fields({
          Cluster: target.cluster_id === null ? 'none' : clusterNamer(clusters)(target.cluster_id),
          'Capacity failover': failover ? serverLabel(failover) : 'none',
          ...configFields(target),
        }),
        context(`Change it with keys: /cx config ${target.alias} ${EXAMPLE_CHANGE} (one card for all keys).`),
      ],
    };
  },
  check,
  card: (_ctx, state) => changeCard(state),
  async send(ctx, { target, change }) {
    await ctx.controlPlane.updateServer(target.id, change.update);
    const summary = change.rows.map((row) => `${row.key} ${row.next}`).join('; ');
    return {
      tone: 'success',
      blocks: [text(`Config of ${serverLabel(target)} changed: ${summary}.`)],
      serverId: target.id,
    };
  },
});
