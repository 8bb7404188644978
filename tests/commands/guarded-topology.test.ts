import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GuardedFleet, outcomeText, planText, refusalOf, startGuardedFleet } from './guarded-harness.js';

const DAY = 86_400_000;

let fleet: GuardedFleet;
beforeEach(async () => {
  fleet = await startGuardedFleet();
});
afterEach(async () => {
  await fleet.close();
});

const refused = async (line: string) => (await refusalOf(fleet.plan(line))).message;

describe('failover', () => {
  it('shows now and new, what happens when full, and warns that the target expires soon', async () => {
    const target = await fleet.server('ams-sw-2');
    // A clock two days and an hour before the test period ends, so the card's wording is exact.
    const ctx = {
      ...fleet.context(),
      now: () => new Date(Date.parse(target.expires!) - 2 * DAY - 3_600_000),
    };
    const plan = await fleet.plan('failover ams-sw-1 ams-sw-2', ctx);
    expect(plan.title).toBe('Capacity failover for ams-sw-1 (203.0.113.42)');
    expect(plan.blocks.map((b) => (b.kind === 'text' ? b.text.join('') : ''))).toEqual([
      'now: none  →  new: ams-sw-2 (203.0.113.43), same cluster eu-core',
      'When ams-sw-1 is full, new calls are redirected (SIP 302) to ams-sw-2.',
      "⚠ ams-sw-2's test period ends in 2 days: failover to it stops working then.",
    ]);
  });

  it('executes, and "none" takes it back', async () => {
    const target = await fleet.server('ams-sw-2');
    const outcome = await fleet.execute('failover ams-sw-1 ams-sw-2');
    expect(outcomeText(outcome)).toBe('ams-sw-1 now fails over to ams-sw-2 (203.0.113.43).');
    expect((await fleet.server('ams-sw-1')).config.capacity_failover_id).toBe(target.id);

    const back = await fleet.plan('failover ams-sw-1 none');
    expect(planText(back)).toContain('now: ams-sw-2 (203.0.113.43)  →  new: none');
    expect(planText(back)).toContain('new calls are rejected');
    await fleet.execute('failover ams-sw-1 none');
    expect((await fleet.server('ams-sw-1')).config.capacity_failover_id).toBeNull();
  });

  it('refuses itself, another cluster, no cluster, a dispatcher, and no change', async () => {
    expect(await refused('failover ams-sw-1 203.0.113.42')).toBe(
      'Cannot set the capacity failover of ams-sw-1: a server cannot fail over to itself.',
    );
    expect(await refused('failover ams-sw-1 nyc-sw-1')).toBe(
      'Cannot set the capacity failover of ams-sw-1: nyc-sw-1 is not in the same cluster as ams-sw-1.',
    );
    expect(await refused('failover lon-sw-1 ams-sw-2')).toBe(
      'Cannot set the capacity failover of lon-sw-1: lon-sw-1 is in no cluster: capacity failover needs a cluster.',
    );
    expect(await refused('failover ams-sw-1 ams-lb-1')).toBe(
      'Cannot set the capacity failover of ams-sw-1: ams-lb-1 is a dispatcher: fail over to a switch.',
    );
    expect(await refused('failover ams-lb-1 ams-sw-1')).toBe(
      'Cannot set the capacity failover of ams-lb-1: ams-lb-1 is a dispatcher: capacity failover is set on switches.',
    );
    expect(await refused('failover ams-sw-1 none')).toBe(
      'Cannot set the capacity failover of ams-sw-1: nothing would change: it already has no capacity failover.',
    );
  });

  it('checks again at execute: an expired target is refused and nothing changes', async () => {
    const target = await fleet.server('ams-sw-2');
    await fleet.plan('failover ams-sw-1 ams-sw-2');
    await fleet.sim(`server/${target.id}`, { status: 'expired' });
    expect((await refusalOf(fleet.execute('failover ams-sw-1 ams-sw-2'))).message).toBe(
      'Things changed since the request, so nothing was sent. Cannot set the capacity failover of ams-sw-1: ams-sw-2 has expired: reactivate it first.',
    );
    expect((await fleet.server('ams-sw-1')).config.capacity_failover_id).toBeNull();
  });
});

describe('lb add / lb remove', () => {
  it('adds a switch, warning when it is outside the dispatcher cluster', async () => {
    const plan = await fleet.plan('lb add ams-lb-1 lon-sw-1');
    expect(plan.title).toBe('Add lon-sw-1 (203.0.113.45) to ams-lb-1 (203.0.113.41)');
    const text = planText(plan);
    expect(text).toContain('ams-lb-1 starts sending new calls to lon-sw-1 too.');
    expect(text).toContain('It then balances ams-sw-1, ams-sw-2, fra-sw-1, lon-sw-1.');
    expect(text).toContain("⚠ lon-sw-1 is not in ams-lb-1's cluster eu-core");

    const outcome = await fleet.execute('lb add ams-lb-1 lon-sw-1');
    expect(outcomeText(outcome)).toBe('ams-lb-1 now balances lon-sw-1.');
    const lon = await fleet.server('lon-sw-1');
    expect((await fleet.server('ams-lb-1')).members).toContain(lon.id);
  });

  it('removes a switch: calls in progress go on, and the last one leaves a warning', async () => {
    const text = planText(await fleet.plan('lb remove ams-lb-1 ams-sw-1'));
    expect(text).toContain('ams-lb-1 stops sending new calls to ams-sw-1; its 611 calls in progress go on.');
    expect(text).toContain('It then balances ams-sw-2, fra-sw-1.');
    await fleet.execute('lb remove ams-lb-1 ams-sw-1');
    await fleet.execute('lb remove ams-lb-1 ams-sw-2');
    expect(planText(await fleet.plan('lb remove ams-lb-1 fra-sw-1'))).toContain(
      '⚠ ams-lb-1 then balances no switch: calls through it have nowhere to go.',
    );
    const ams = await fleet.server('ams-sw-1');
    expect((await fleet.server('ams-lb-1')).members).not.toContain(ams.id);
  });

  it('works on dispatchers only, with switches as members, and refuses what is already so', async () => {
    const notDispatcher = await refusalOf(fleet.plan('lb add ams-sw-1 lon-sw-1'));
    expect(notDispatcher.message).toBe(
      'Cannot add lon-sw-1 to ams-sw-1: ams-sw-1 is a switch, and only dispatchers (load balancers) do this.',
    );
    expect(notDispatcher.hint).toBe('Dispatchers: ams-lb-1 (203.0.113.41).');
    expect(await refused('lb remove lon-sw-1 ams-sw-1')).toBe(
      'Cannot remove ams-sw-1 from lon-sw-1: lon-sw-1 is a switch, and only dispatchers (load balancers) do this.',
    );
    expect(await refused('lb add ams-lb-1 ams-lb-1')).toBe(
      'Cannot add ams-lb-1 to ams-lb-1: ams-lb-1 is a dispatcher: dispatchers balance switches.',
    );
    expect(await refused('lb add ams-lb-1 ams-sw-1')).toBe(
      'Cannot add ams-sw-1 to ams-lb-1: ams-lb-1 already balances ams-sw-1.',
    );
    expect(await refused('lb remove ams-lb-1 lon-sw-1')).toBe(
      'Cannot remove lon-sw-1 from ams-lb-1: ams-lb-1 does not balance lon-sw-1 (it balances ams-sw-1, ams-sw-2, fra-sw-1).',
    );
    expect(await refused('lb add ams-lb-1 sgp-sw-9')).toBe(
      'Cannot add sgp-sw-9 to ams-lb-1: sgp-sw-9 has expired: reactivate it first.',
    );
  });

  it('checks again at execute: a member added meanwhile is not added twice', async () => {
    await fleet.plan('lb add ams-lb-1 lon-sw-1');
    await fleet.execute('lb add ams-lb-1 lon-sw-1');
    expect((await refusalOf(fleet.execute('lb add ams-lb-1 lon-sw-1'))).message).toBe(
      'Things changed since the request, so nothing was sent. Cannot add lon-sw-1 to ams-lb-1: ams-lb-1 already balances lon-sw-1.',
    );
  });
});

describe('cluster create', () => {
  it('explains what a cluster shares, then creates it', async () => {
    const plan = await fleet.plan('cluster create ap-core');
    expect(plan.title).toBe('Create cluster ap-core');
    expect(planText(plan)).toContain('a CPS limit of 10 means 10 for the whole cluster');
    const outcome = await fleet.execute('cluster create ap-core');
    const created = (await fleet.client.listClusters()).find((c) => c.name === 'ap-core');
    expect(outcomeText(outcome)).toBe(`Cluster ap-core created (id ${created?.id}).`);
  });

  it('refuses a name already taken, in any case', async () => {
    expect(await refused('cluster create EU-Core')).toBe(
      'Cannot create cluster EU-Core: a cluster named eu-core exists already.',
    );
  });
});
