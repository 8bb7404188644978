import { z } from 'zod';
import { server as serverArg } from '../src/core/args.js';
import { type CommandContext, defineCommand } from '../src/core/command.js';
import { findServer } from '../src/core/fleet.js';
import type { Job, Server } from '../src/domain/schemas.js';
import { isBusy } from '../src/domain/status.js';
import { commandLine } from '../src/render/command-line.js';
import { alignedCells, latencyText, statusEmoji } from '../src/render/format.js';
import {
  actions,
  type Block,
  type Button,
  context,
  divider,
  fields,
  header,
  type Tone,
  table,
  text,
} from '../src/render/reply.js';
import { configFields } from '../src/render/server-config.js';
import {
  channelParts,
  channelsText,
  clusterNamer,
  cpsLoads,
  cpsText,
  JOB_COLUMNS,
  jobRows,
  newestFirst,
  serverExpiry,
  serverLabel,
  serverRef,
} from '../src/render/server-views.js';

const RECENT_JOBS = 5;

const args = z.object({ server: serverArg('The server: IP, alias or id') });

function toneOf(server: Server): Tone {
  if (server.status === 'expired' || server.status === 'stopped') return 'danger';
  if (isBusy(server.status) || server.stale) return 'warning';
  return server.status === 'active' ? 'success' : 'neutral';
}

function summaryFields(server: Server, all: readonly Server[], clusterName: string, now: Date): Block {
  const load = cpsLoads(all).get(server.id)!;
  return fields({
    Status: `${statusEmoji(server.status)} ${server.status}`,
    Type: server.type === 'dispatcher' ? 'dispatcher (load balancer)' : 'switch',
    Cluster: server.cluster_id === null ? 'none' : clusterName,
    Zone: server.zone,
    Channels:
      server.channels_max > 0 ? channelsText(server.channels, server.channels_max) : '- (no channel limit)',
    CPS: cpsText(load),
    Expires: serverExpiry(server, now),
    'SIP/ICMP latency': latencyText(server.sip_latency_ms, server.icmp_latency_ms),
    ID: String(server.id),
  });
}

/** Where a full switch sends new calls (SIP 302), and which dispatchers balance it. */
function switchRouting(server: Server, all: readonly Server[]): Block {
  const failoverId = server.config.capacity_failover_id;
  const target = failoverId === null ? undefined : all.find((s) => s.id === failoverId);
  const failover =
    failoverId === null
      ? 'none: when full, new calls are rejected'
      : target
        ? `${serverLabel(target)}: when full, new calls are redirected there (SIP 302)`
        : `server #${failoverId}, no longer on the account`;
  const balancers = all.filter((s) => s.type === 'dispatcher' && s.members.includes(server.id));
  return fields({
    'Capacity failover': failover,
    'Balanced by': balancers.length > 0 ? balancers.map(serverLabel).join(', ') : 'no dispatcher',
  });
}

function dispatcherMembers(server: Server, all: readonly Server[]): Block[] {
  const members = server.members.map((id) => all.find((s) => s.id === id));
  if (members.length === 0) return [text('Balances no switches yet.')];
  const channels = alignedCells(
    members.map((m) => (m ? channelParts(m.channels, m.channels_max) : undefined)),
  );
  const rows = members.map((member, i) =>
    member
      ? [member.alias, member.ip, `${statusEmoji(member.status)} ${member.status}`, channels[i]!]
      : [`#${server.members[i]}`, '-', 'not on the account', '-'],
  );
  return [
    text({ bold: `Balances ${members.length} switch${members.length === 1 ? '' : 'es'}` }),
    table(['ALIAS', 'IP', 'STATUS', 'CHANNELS'], rows),
  ];
}

/** A stale server: will auto upgrade apply the update by itself, or does someone have to act? */
function pendingUpdateText(server: Server): string {
  const force = server.type === 'dispatcher' ? 'a flush' : 'an install';
  if (!server.config.auto_upgrade)
    return `⬆ An update is waiting. Auto upgrade is off: ${force} applies it now.`;
  if (server.channels === 0)
    return '⬆ An update is waiting. Auto upgrade applies it now: the server carries no calls.';
  return `⬆ An update is waiting. Auto upgrade applies it once the server is at zero channels (${server.channels} now); ${force} applies it at once.`;
}

function recentJobs(jobs: readonly Job[], now: Date): Block[] {
  const newest = newestFirst(jobs);
  if (newest.length === 0) return [context('No jobs for this server yet.')];
  const shown = newest.slice(0, RECENT_JOBS);
  return [
    text({ bold: `Recent jobs (${shown.length} of ${newest.length})` }),
    table(JOB_COLUMNS, jobRows(shown, now)),
  ];
}

/** Follow-ups that make sense for this server, among the commands this catalog has. */
function followUps(ctx: CommandContext, server: Server, ref: string): Button[] {
  const wanted: { name: string; label: string; when: boolean }[] = [
    { name: 'server', label: 'Refresh', when: true },
    { name: 'jobs', label: 'Jobs', when: true },
    { name: 'config', label: 'Config', when: true },
    { name: 'reactivate', label: 'Reactivate', when: server.status === 'expired' },
    { name: 'flush', label: 'Flush', when: server.type === 'dispatcher' && server.stale },
    { name: 'install', label: 'Install update', when: server.type === 'switch' && server.stale },
  ];
  return wanted
    .filter((w) => w.when && (ctx.catalog.get(w.name)?.positional?.length ?? 0) > 0)
    .map((w) => ({ label: w.label, command: commandLine(w.name, [ref]) }));
}

export default defineCommand({
  name: 'server',
  group: 'fleet',
  summary: 'Everything about one server: load, config, failover, members, pending update, recent jobs',
  examples: ['server ams-sw-1', 'server 203.0.113.42', 'server 17'],
  risk: 'read',
  args,
  positional: ['server'],
  async run(ctx, input) {
    const [all, clusters] = await Promise.all([ctx.fleet.servers(), ctx.controlPlane.listClusters()]);
    const server = findServer(all, input.server);
    const jobs = await ctx.controlPlane.listJobs(server.id);
    const now = ctx.now();
    const clusterName = clusterNamer(clusters)(server.cluster_id);

    const blocks: Block[] = [
      header(`${statusEmoji(server.status)} ${server.alias} · ${server.ip}`),
      summaryFields(server, all, clusterName, now),
    ];
    if (server.stale) blocks.push(text(pendingUpdateText(server)));
    blocks.push(divider());
    blocks.push(
      ...(server.type === 'dispatcher' ? dispatcherMembers(server, all) : [switchRouting(server, all)]),
    );
    blocks.push(divider(), text({ bold: 'Config' }), fields(configFields(server)));
    blocks.push(divider(), ...recentJobs(jobs, now));
    blocks.push(actions(...followUps(ctx, server, serverRef(server, all))));
    return { tone: toneOf(server), blocks };
  },
});
