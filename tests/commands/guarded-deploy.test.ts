import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GuardedFleet, outcomeText, planText, refusalOf, startGuardedFleet } from './guarded-harness.js';
import { fieldsOf } from './reply-queries.js';

describe('deploy', () => {
  let fleet: GuardedFleet;
  let onAccount: number;
  beforeEach(async () => {
    fleet = await startGuardedFleet();
    onAccount = (await fleet.client.listServers()).length;
  });
  afterEach(async () => {
    await fleet.close();
  });

  const neededFor = (servers: number) => 20 + 20 * servers;

  it('is disruptive (it spends money), and its card shows what it costs against the balance', async () => {
    expect(fleet.bind('deploy zone=UK alias=lon-sw-2').command.risk).toBe('disruptive');
    const plan = await fleet.plan('deploy zone=amsterdam alias=ams-sw-3 cluster=eu-core');
    expect(plan.title).toBe('Deploy ams-sw-3, a new switch in Amsterdam');
    expect(plan.confirmLabel).toBe('Confirm deploy');
    expect(fieldsOf({ tone: 'neutral', blocks: plan.blocks })).toEqual({
      Zone: 'Amsterdam',
      Type: 'switch',
      Cluster: 'eu-core',
      'Balance needed': `$${neededFor(onAccount).toFixed(2)} ($20 + $20 x ${onAccount} servers)`,
      'Balance available': '$412.50',
    });
    expect(planText(plan)).toContain('This spends money');
  });

  it('executes into a deploy job the flow can follow, and the server appears', async () => {
    const outcome = await fleet.execute(
      'deploy zone="USA East" alias=nyc-lb-1 type=dispatcher cluster=us-core',
    );
    expect(outcome.jobId).toBeTypeOf('number');
    expect(outcomeText(outcome)).toBe(`Deploying nyc-lb-1 in USA East: job ${outcome.jobId}.`);
    const deployed = await fleet.server('nyc-lb-1');
    expect(deployed).toMatchObject({
      id: outcome.serverId,
      type: 'dispatcher',
      zone: 'USA East',
      status: 'deploying',
    });
    const clusters = await fleet.client.listClusters();
    expect(clusters.find((c) => c.id === deployed.cluster_id)?.name).toBe('us-core');
  });

  it('refuses before any card when the Getting Started checklist is not done', async () => {
    await fleet.sim('account', { getting_started_done: false });
    const refused = await refusalOf(fleet.plan('deploy zone=UK alias=lon-sw-2'));
    expect(refused.message).toBe("Cannot deploy: the account's Getting Started checklist is not done yet.");
    expect(refused.hint).toContain('https://docs.connexcs.com/getting-started/');
  });

  it('refuses with too little balance, saying exactly how much is missing', async () => {
    await fleet.sim('account', { balance: 35 });
    const needed = neededFor(onAccount);
    expect((await refusalOf(fleet.plan('deploy zone=UK alias=lon-sw-2'))).message).toBe(
      `Cannot deploy: the account has $35.00 available and a further deploy needs $${needed.toFixed(2)} ($20 + $20 x ${onAccount} servers). Add $${(needed - 35).toFixed(2)} first, then run the command again.`,
    );
  });

  it('refuses an unknown zone or cluster, and an alias already taken', async () => {
    const zone = await refusalOf(fleet.plan('deploy zone=Amsterdm alias=ams-sw-3'));
    expect(zone.message).toBe('No zone "Amsterdm". Did you mean Amsterdam?');
    expect((await refusalOf(fleet.plan('deploy zone=UK alias=lon-sw-2 cluster=eu-cor'))).message).toMatch(
      /^No cluster "eu-cor"\. Did you mean eu-core/,
    );
    expect((await refusalOf(fleet.plan('deploy zone=UK alias=AMS-SW-1'))).message).toBe(
      'Cannot deploy: the alias ams-sw-1 is taken by 203.0.113.42.',
    );
    const alias = await refusalOf(() => fleet.bind('deploy zone=UK alias="two words"'));
    expect(alias.message).toContain('--alias must be letters, digits');
  });

  it('checks the balance again at execute: nothing is deployed once it no longer covers it', async () => {
    await fleet.plan('deploy zone=UK alias=lon-sw-2');
    await fleet.sim('account', { balance: 10 });
    const refused = await refusalOf(fleet.execute('deploy zone=UK alias=lon-sw-2'));
    expect(refused.message).toMatch(
      /^Things changed since the request, so nothing was sent\. Cannot deploy: the account has \$10\.00/,
    );
    expect(await fleet.client.listServers()).toHaveLength(onAccount);
  });
});
