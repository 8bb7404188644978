import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { serverCapacity } from '../src/domain/capacity.js';
import type { Server } from '../src/domain/schemas.js';
import { commandLine } from '../src/render/command-line.js';
import { alignedCells } from '../src/render/format.js';
import { actions, type Block, type Button, context, header, table, text } from '../src/render/reply.js';
import {
  CPS_RULE,
  channelParts,
  clusterLoad,
  clusterNamer,
  cpsParts,
  groupByCluster,
  sortServers,
} from '../src/render/server-views.js';

const MEMBERS_SHOWN = 6;
const UNCLUSTERED_SHOWN = 25;
const CLUSTER_BUTTONS = 4;

/** "ams-lb-1, ams-sw-1, ams-sw-2 +3 more". */
function memberList(members: readonly Server[]): string {
  if (members.length === 0) return 'no servers yet';
  const names = members.map((s) => s.alias);
  const rest = names.length - MEMBERS_SHOWN;
  return rest > 0 ? `${names.slice(0, MEMBERS_SHOWN).join(', ')} +${rest} more` : names.join(', ');
}

function clusterTable(groups: { name: string; members: Server[] }[]): Block {
  const loads = groups.map((g) => (g.members.length > 0 ? clusterLoad(g.members) : undefined));
  const channels = alignedCells(loads.map((l) => (l ? channelParts(l.channels, l.channelsMax) : undefined)));
  const cps = alignedCells(loads.map((l) => (l ? cpsParts(l) : undefined)));
  const rows = groups.map((g, i) => [
    g.name,
    String(g.members.length),
    memberList(g.members),
    channels[i]!,
    cps[i]!,
  ]);
  return table(['CLUSTER', { label: 'SERVERS', align: 'right' }, 'MEMBERS', 'CHANNELS', 'CPS'], rows);
}

function unclusteredBlocks(servers: readonly Server[]): Block[] {
  if (servers.length === 0) return [context('Every server is in a cluster.')];
  const shown = servers.slice(0, UNCLUSTERED_SHOWN);
  const channels = alignedCells(shown.map((s) => channelParts(s.channels, s.channels_max)));
  const cps = alignedCells(shown.map((s) => cpsParts(serverCapacity(s))));
  const blocks: Block[] = [
    text({ bold: `Not in a cluster · ${servers.length}` }, " (each limit is the server's own)"),
    table(
      ['ALIAS', 'IP', 'TYPE', 'CHANNELS', 'CPS'],
      shown.map((s, i) => [s.alias, s.ip, s.type, channels[i]!, cps[i]!]),
    ),
  ];
  const hidden = servers.length - shown.length;
  if (hidden > 0) blocks.push(context(`+${hidden} more: ${commandLine('servers', [], { cluster: 'none' })}`));
  return blocks;
}

export default defineCommand({
  name: 'clusters',
  group: 'fleet',
  summary: 'Clusters with their members, combined channels and shared CPS; servers in no cluster',
  examples: ['clusters'],
  risk: 'read',
  args: z.object({}),
  async run(ctx) {
    const [servers, clusters] = await Promise.all([ctx.fleet.servers(), ctx.controlPlane.listClusters()]);
    const name = clusterNamer(clusters);
    const byCluster = groupByCluster(sortServers(servers, name));
    const ids = new Set<number>([
      ...clusters.map((c) => c.id),
      ...[...byCluster.keys()].filter((id) => id !== null),
    ]);
    const groups = [...ids]
      .map((id) => ({
        name: name(id),
        members: byCluster.get(id) ?? [],
        known: clusters.some((c) => c.id === id),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const unclustered = byCluster.get(null) ?? [];

    const blocks: Block[] = [
      header(
        `Clusters · ${groups.length} · ${servers.length - unclustered.length} servers clustered, ${unclustered.length} not`,
      ),
    ];
    if (groups.length > 0) blocks.push(clusterTable(groups), context(CPS_RULE));
    else
      blocks.push(
        text('There are no clusters yet. Clustered servers share dialogues, throughput and user locations.'),
      );
    blocks.push(...unclusteredBlocks(unclustered));
    const buttons: Button[] = [{ label: 'Refresh', command: commandLine('clusters') }];
    for (const group of groups.filter((g) => g.known && g.members.length > 0).slice(0, CLUSTER_BUTTONS)) {
      buttons.push({
        label: `${group.name} servers`,
        command: commandLine('servers', [], { cluster: group.name }),
      });
    }
    blocks.push(actions(...buttons));
    return { tone: 'info', blocks };
  },
});
