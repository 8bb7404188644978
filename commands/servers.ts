import { z } from 'zod';
import { choice, cluster, int, zone } from '../src/core/args.js';
import { type CommandContext, defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { GUIDANCE, usageShare } from '../src/domain/capacity.js';
import { type Cluster, SERVER_STATUSES, type Server } from '../src/domain/schemas.js';
import { isBusy } from '../src/domain/status.js';
import { commandLine } from '../src/render/command-line.js';
import { alignedCells, latencyText, money, statusEmoji } from '../src/render/format.js';
import { pickName } from '../src/render/name-match.js';
import {
  actions,
  type Block,
  type Button,
  context,
  header,
  reply,
  table,
  text as textBlock,
} from '../src/render/reply.js';
import {
  CPS_RULE,
  channelParts,
  clusterNamer,
  cpsLoads,
  cpsParts,
  serverExpiry,
  sortServers,
} from '../src/render/server-views.js';

const PAGE_SIZE = 25;
const UNCLUSTERED_WORDS = ['none', '-'];
const TYPE_LABELS = { switch: 'switches', dispatcher: 'dispatchers' } as const;

const args = z.object({
  cluster: cluster('Only this cluster ("none" for servers in no cluster)').optional(),
  type: choice(['switch', 'dispatcher'], 'Only switches or only dispatchers (load balancers)').optional(),
  status: choice(SERVER_STATUSES, 'Only servers in this status, e.g. active, expired, stopped').optional(),
  zone: zone('Only servers in this zone').optional(),
  page: int('Page of 25 servers to show', { min: 1, max: 10_000 }).optional(),
});
type Args = z.infer<typeof args>;

/** One active filter: the flag that set it, how to say it, and which servers pass. */
interface Filter {
  flag: 'cluster' | 'type' | 'status' | 'zone';
  value: string;
  label: string;
  test(server: Server): boolean;
}

/** A cluster by name or id; "none" (unless a cluster is named so) keeps the servers in no cluster. */
async function clusterFilter(
  ctx: CommandContext,
  name: string,
  clusters: readonly Cluster[],
): Promise<Filter> {
  const wanted = name.trim().toLowerCase();
  const named = clusters.find((c) => c.name.toLowerCase() === wanted || String(c.id) === wanted);
  if (!named && UNCLUSTERED_WORDS.includes(wanted)) {
    return { flag: 'cluster', value: 'none', label: 'no cluster', test: (s) => s.cluster_id === null };
  }
  const found = named ?? (await ctx.fleet.resolveCluster(name));
  return {
    flag: 'cluster',
    value: found.name,
    label: `cluster ${found.name}`,
    test: (s) => s.cluster_id === found.id,
  };
}

async function zoneFilter(ctx: CommandContext, name: string, servers: readonly Server[]): Promise<Filter> {
  const zones = await ctx.controlPlane.listZones();
  const known = [...new Set([...zones.map((z) => z.name), ...servers.map((s) => s.zone)])].sort();
  const found = pickName('zone', name, known, 'Type /cx zones to see them.');
  return { flag: 'zone', value: found, label: `zone ${found}`, test: (s) => s.zone === found };
}

function fieldFilter<K extends 'type' | 'status'>(flag: K, value: Server[K], label: string): Filter {
  return { flag, value, label, test: (s) => s[flag] === value };
}

async function filtersOf(
  ctx: CommandContext,
  input: Args,
  fleet: { servers: readonly Server[]; clusters: readonly Cluster[] },
): Promise<Filter[]> {
  const filters: Filter[] = [];
  if (input.cluster !== undefined) filters.push(await clusterFilter(ctx, input.cluster, fleet.clusters));
  if (input.type !== undefined) filters.push(fieldFilter('type', input.type, TYPE_LABELS[input.type]));
  if (input.status !== undefined) filters.push(fieldFilter('status', input.status, `status ${input.status}`));
  if (input.zone !== undefined) filters.push(await zoneFilter(ctx, input.zone, fleet.servers));
  return filters;
}

const passing = (servers: readonly Server[], filters: readonly Filter[]) =>
  servers.filter((s) => filters.every((f) => f.test(s)));

function listLine(filters: readonly Filter[], page?: number): string {
  const flags = Object.fromEntries(filters.map((f) => [f.flag, f.value]));
  return commandLine('servers', [], { ...flags, page });
}

/** Nothing matched: say which filter to drop to see something. */
function nothingMatched(servers: readonly Server[], filters: readonly Filter[]): UserError {
  const wider = filters
    .map((dropped) => ({
      dropped,
      found: passing(
        servers,
        filters.filter((f) => f !== dropped),
      ).length,
    }))
    .filter((w) => w.found > 0)
    .map((w) => `without --${w.dropped.flag}: ${w.found} server${w.found === 1 ? '' : 's'}`);
  const hint =
    wider.length > 0
      ? `Widen it: ${wider.join(' · ')}. Type /cx servers for all ${servers.length}.`
      : `Type /cx servers for all ${servers.length}.`;
  return new UserError(`No servers match ${filters.map((f) => f.label).join(' · ')}.`, hint);
}

/** The things worth a look across every page, not just this one. */
function attentionLine(servers: readonly Server[]): Block | undefined {
  const countOf = (test: (s: Server) => boolean) => servers.filter(test).length;
  const notes = [
    [countOf((s) => s.status === 'expired'), 'expired'],
    [countOf((s) => s.status === 'stopped'), 'stopped'],
    [countOf((s) => isBusy(s.status)), 'busy with a job'],
    [
      countOf((s) => usageShare(s.channels, s.channels_max) > GUIDANCE.comfortableShare),
      `above the advised ${GUIDANCE.comfortableShare * 100}% of channels`,
    ],
    [countOf((s) => s.stale), 'with an update waiting'],
  ] as const;
  const said = notes.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  return said.length > 0 ? context(`⚠ ${said.join(' · ')}`) : undefined;
}

function pageButtons(filters: readonly Filter[], page: number, pages: number): Button[] {
  const buttons: Button[] = [{ label: 'Refresh', command: listLine(filters, page > 1 ? page : undefined) }];
  if (page > 1)
    buttons.push({ label: '◂ Previous', command: listLine(filters, page - 1 > 1 ? page - 1 : undefined) });
  if (page < pages)
    buttons.push({ label: 'Next page ▸', command: listLine(filters, page + 1), style: 'primary' });
  return buttons;
}

const COLUMNS = [
  '',
  'IP',
  'ALIAS',
  'TYPE',
  'CLUSTER',
  'CHANNELS',
  'CPS',
  'EXPIRES',
  'STATUS',
  { label: 'SIP/ICMP', align: 'right' as const },
];

export default defineCommand({
  name: 'servers',
  group: 'fleet',
  summary: 'List the servers: status, channels, CPS, expiry and latency, with filters and pages',
  examples: [
    'servers',
    'servers --cluster eu-core',
    'servers --type dispatcher',
    'servers --status expired --page 2',
  ],
  risk: 'read',
  args,
  async run(ctx, input) {
    const [all, clusters, account] = await Promise.all([
      ctx.fleet.servers(),
      ctx.controlPlane.listClusters(),
      ctx.controlPlane.getAccount(),
    ]);
    const heading = `${account.name} · balance ${money(account.balance, account.currency)}`;
    if (all.length === 0) {
      return reply(
        'info',
        header(`Servers · 0 · ${heading}`),
        textBlock('There are no servers on this account yet.'),
        context('Type /cx balance to see what a first deploy needs.'),
      );
    }
    const filters = await filtersOf(ctx, input, { servers: all, clusters });
    const matching = passing(all, filters);
    if (matching.length === 0) throw nothingMatched(all, filters);

    const pages = Math.ceil(matching.length / PAGE_SIZE);
    const page = input.page ?? 1;
    if (page > pages) {
      throw new UserError(
        `There is no page ${page}: ${matching.length} servers fill ${pages} page${pages === 1 ? '' : 's'}.`,
        `Type ${listLine(filters, pages > 1 ? pages : undefined)}`,
      );
    }
    const clusterName = clusterNamer(clusters);
    const shown = sortServers(matching, clusterName).slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const loads = cpsLoads(all);
    const now = ctx.now();
    const channels = alignedCells(shown.map((s) => channelParts(s.channels, s.channels_max)));
    const cps = alignedCells(shown.map((s) => cpsParts(loads.get(s.id)!)));
    const rows = shown.map((s, i) => [
      statusEmoji(s.status),
      s.ip,
      s.alias,
      s.type,
      clusterName(s.cluster_id),
      channels[i]!,
      cps[i]!,
      serverExpiry(s, now),
      s.status,
      latencyText(s.sip_latency_ms, s.icmp_latency_ms),
    ]);

    const counted = filters.length > 0 ? `${matching.length} of ${all.length}` : String(all.length);
    const blocks: Block[] = [header(`Servers · ${counted} · ${heading}`)];
    if (filters.length > 0) blocks.push(textBlock(`Showing ${filters.map((f) => f.label).join(' · ')}`));
    blocks.push(table(COLUMNS, rows));
    blocks.push(
      context(`page ${page} of ${pages} · ${matching.length} server${matching.length === 1 ? '' : 's'}`),
    );
    const attention = attentionLine(matching);
    if (attention) blocks.push(attention);
    if (shown.some((s) => s.cluster_id !== null)) blocks.push(context(CPS_RULE));
    blocks.push(actions(...pageButtons(filters, page, pages)));
    return { tone: 'info', blocks };
  },
});
