import { z } from 'zod';
import { balanceRule, cannot, guardedCommand, requireBalance } from '../src/core/actions.js';
import { choice, cluster, text as textArg, zone } from '../src/core/args.js';
import type { CommandContext } from '../src/core/command.js';
import { deployCheck } from '../src/domain/balance.js';
import type { Account, Cluster, ServerType } from '../src/domain/schemas.js';
import { money } from '../src/render/format.js';
import { pickName } from '../src/render/name-match.js';
import { context, fields, text } from '../src/render/reply.js';

const args = z.object({
  zone: zone('Where to deploy, e.g. "USA East" (/cx zones lists them)'),
  alias: textArg('A name for the new server, e.g. ams-sw-3', 64).regex(
    /^[a-z0-9][a-z0-9._-]*$/i,
    'must be letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. ams-sw-3)',
  ),
  type: choice(['switch', 'dispatcher'], 'switch (takes calls) or dispatcher (load balancer)').default(
    'switch',
  ),
  cluster: cluster('Cluster to join (/cx cluster create <name> makes one)').optional(),
});

interface DeployState {
  account: Account;
  serversOnAccount: number;
  zone: string;
  alias: string;
  type: ServerType;
  cluster: Cluster | undefined;
  needed: number;
}

/** The seed's preconditions, in the order the panel enforces them: the checklist, then the balance. */
async function check(ctx: CommandContext, input: z.infer<typeof args>): Promise<DeployState> {
  const account = await ctx.controlPlane.getAccount();
  if (!account.getting_started_done) {
    throw cannot(
      'deploy',
      "the account's Getting Started checklist is not done yet",
      'Complete it in the ConnexCS panel (https://docs.connexcs.com/getting-started/), then run the command again.',
    );
  }
  const servers = await ctx.fleet.servers();
  const balance = deployCheck(account, servers.length);
  requireBalance(
    'deploy',
    'a further deploy',
    balance,
    account,
    balanceRule(account, servers.length, 'server'),
  );

  const zones = await ctx.controlPlane.listZones();
  const zoneName = pickName(
    'zone',
    input.zone,
    zones.map((z) => z.name),
    'Type /cx zones to see them.',
  );
  const taken = servers.find((s) => s.alias.toLowerCase() === input.alias.toLowerCase());
  if (taken) {
    throw cannot(
      'deploy',
      `the alias ${taken.alias} is taken by ${taken.ip}`,
      'Pick another alias: commands find servers by it.',
    );
  }
  const joined = input.cluster === undefined ? undefined : await ctx.fleet.resolveCluster(input.cluster);
  return {
    account,
    serversOnAccount: servers.length,
    zone: zoneName,
    alias: input.alias,
    type: input.type,
    cluster: joined,
    needed: balance.needed,
  };
}

export default guardedCommand({
  name: 'deploy',
  group: 'actions',
  summary: 'Deploy a new server (spends money: $20 + $20 for each server already on the account)',
  examples: [
    'deploy zone="USA East" alias=nyc-sw-1',
    'deploy zone=Amsterdam alias=ams-lb-2 type=dispatcher cluster=eu-core',
  ],
  risk: 'disruptive',
  args,
  check,
  card(_ctx, state) {
    const cash = (value: number) => money(value, state.account.currency);
    return {
      title: `Deploy ${state.alias}, a new ${state.type} in ${state.zone}`,
      blocks: [
        fields({
          Zone: state.zone,
          Type: state.type === 'dispatcher' ? 'dispatcher (load balancer)' : 'switch',
          Cluster: state.cluster?.name ?? 'none',
          'Balance needed': `${cash(state.needed)} (${balanceRule(state.account, state.serversOnAccount, 'server')})`,
          'Balance available': cash(state.account.balance),
        }),
        text('This spends money: the account pays for one more server from now on.'),
        context('Delivery takes about 5 minutes; this card follows the job.'),
      ],
      confirmLabel: 'Confirm deploy',
    };
  },
  async send(ctx, state) {
    const deployed = await ctx.controlPlane.deployServer({
      zone: state.zone,
      alias: state.alias,
      type: state.type,
      cluster_id: state.cluster?.id ?? null,
    });
    return {
      tone: 'info',
      blocks: [text(`Deploying ${state.alias} in ${state.zone}: job ${deployed.job_id}.`)],
      jobId: deployed.job_id,
      serverId: deployed.id,
    };
  },
});
