import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SERVICE_WARNING } from '../../src/render/cards.js';
import {
  DISRUPTIVE_ACTIONS,
  type GuardedFleet,
  outcomeText,
  planText,
  refusalOf,
  startGuardedFleet,
} from './guarded-harness.js';

describe('server actions', () => {
  let fleet: GuardedFleet;
  beforeEach(async () => {
    fleet = await startGuardedFleet();
  });
  afterEach(async () => {
    await fleet.close();
  });

  it('a restart card names the server, its place, the calls it cuts and the seed warning', async () => {
    const plan = await fleet.plan('restart ams-sw-1');
    const ams = await fleet.server('ams-sw-1');
    expect(plan.title).toBe('Restart ams-sw-1 (203.0.113.42)');
    expect(plan.serverId).toBe(ams.id);
    expect(plan.confirmLabel).toBe('Confirm restart');
    const text = planText(plan);
    expect(text).toContain('Switch in eu-core, Amsterdam · active');
    expect(text).toContain('611 calls in progress right now will be cut.');
    expect(text).toContain(SERVICE_WARNING);
  });

  it('the card shows the calls in progress right now, as the control plane has them', async () => {
    const ams = await fleet.server('ams-sw-1');
    await fleet.sim(`server/${ams.id}`, { channels: 1 });
    expect(planText(await fleet.plan('stop ams-sw-1'))).toContain(
      '1 call in progress right now will be cut.',
    );
    await fleet.sim(`server/${ams.id}`, { channels: 0 });
    expect(planText(await fleet.plan('stop ams-sw-1'))).toContain('No calls in progress right now.');
  });

  it('a dispatcher card names the switches whose calls go through it', async () => {
    const text = planText(await fleet.plan('restart ams-lb-1'));
    expect(text).toContain('Dispatcher in eu-core, Amsterdam');
    expect(text).toMatch(
      /It balances ams-sw-1, ams-sw-2, fra-sw-1: new calls through it fail until it is back; 863 calls in progress there\./,
    );
  });

  it('every Actions-menu command is disruptive and repeats the seed warning; a power cycle says it is a hard reset', async () => {
    for (const command of DISRUPTIVE_ACTIONS) {
      expect(command.risk).toBe('disruptive');
    }
    for (const action of ['install', 'stop', 'restart', 'os-cycle', 'power-cycle']) {
      expect(planText(await fleet.plan(`${action} lon-sw-1`))).toContain(SERVICE_WARNING);
    }
    expect(planText(await fleet.plan('power-cycle lon-sw-1'))).toContain(
      'This is a hard reset, like pressing the power button',
    );
    expect(planText(await fleet.plan('os-cycle lon-sw-1'))).not.toContain('hard reset');
  });

  it('execute starts the job and hands its id back for the flow to follow', async () => {
    const ams = await fleet.server('ams-sw-1');
    const outcome = await fleet.execute('restart ams-sw-1');
    expect(outcome.jobId).toBeTypeOf('number');
    expect(outcome.serverId).toBe(ams.id);
    expect(outcomeText(outcome)).toBe(`Restart of ams-sw-1 (203.0.113.42) started: job ${outcome.jobId}.`);
    const job = await fleet.client.getJob(outcome.jobId!);
    expect(job).toMatchObject({ server_id: ams.id, action: 'restart' });
    expect((await fleet.server('ams-sw-1')).status).toBe('restarting');
  });

  it('refuses an action the state does not allow, before any card', async () => {
    const lon = await fleet.server('lon-sw-1');
    await fleet.sim(`server/${lon.id}`, { status: 'stopped' });
    expect((await refusalOf(fleet.plan('stop lon-sw-1'))).message).toBe(
      'Cannot stop lon-sw-1: cannot stop a server that is stopped (allowed when active or inactive).',
    );
    // …and what it does allow goes through, without a calls line (a stopped server carries none).
    const startCard = planText(await fleet.plan('start lon-sw-1'));
    expect(startCard).toContain('Activates the server');
    expect(startCard).not.toContain('in progress');

    expect((await refusalOf(fleet.plan('start ams-sw-1'))).message).toBe(
      'Cannot start ams-sw-1: cannot start a server that is active (allowed when stopped or inactive).',
    );
    await fleet.sim(`server/${lon.id}`, { status: 'restarting' });
    expect((await refusalOf(fleet.plan('restart lon-sw-1'))).message).toBe(
      'Cannot restart lon-sw-1: the server is restarting: wait for its current job to finish.',
    );
    const expired = await refusalOf(fleet.plan('power-cycle sgp-sw-9'));
    expect(expired.message).toBe('Cannot power cycle sgp-sw-9: the server has expired: reactivate it first.');
    expect(expired.hint).toBe('Type /cx server sgp-sw-9 to see its state and jobs.');
  });

  it('an unknown server is refused with a suggestion', async () => {
    expect((await refusalOf(fleet.plan('restart ams-sw-l'))).message).toMatch(
      /^No server "ams-sw-l"\. Did you mean/,
    );
  });

  it('checks again at execute: when the state moved on, nothing is sent and the refusal says why', async () => {
    const ams = await fleet.server('ams-sw-1');
    await fleet.plan('restart ams-sw-1');
    await fleet.sim(`server/${ams.id}`, { status: 'stopping' });
    const jobsBefore = await fleet.client.listJobs(ams.id);
    const refused = await refusalOf(fleet.execute('restart ams-sw-1'));
    expect(refused.message).toBe(
      'Things changed since the request, so nothing was sent. Cannot restart ams-sw-1: the server is stopping: wait for its current job to finish.',
    );
    expect(await fleet.client.listJobs(ams.id)).toEqual(jobsBefore);
  });
});

describe('reactivate', () => {
  let fleet: GuardedFleet;
  beforeEach(async () => {
    fleet = await startGuardedFleet();
  });
  afterEach(async () => {
    await fleet.close();
  });

  it('is a change whose card shows the balance against the rule', async () => {
    const servers = await fleet.client.listServers();
    const plan = await fleet.plan('reactivate sgp-sw-9');
    expect(fleet.bind('reactivate sgp-sw-9').command.risk).toBe('change');
    const others = servers.length - 1;
    expect(planText(plan)).toContain(
      `Balance: $412.50 available; reactivating needs $${(20 + 20 * others).toFixed(2)} ($20 + $20 x ${others} other servers).`,
    );
    expect(planText(plan)).not.toContain(SERVICE_WARNING);
  });

  it('refuses with too little balance, saying exactly how much is missing', async () => {
    const others = (await fleet.client.listServers()).length - 1;
    await fleet.sim('account', { balance: 35 });
    const needed = 20 + 20 * others;
    const refused = await refusalOf(fleet.plan('reactivate sgp-sw-9'));
    expect(refused.message).toBe(
      `Cannot reactivate sgp-sw-9: the account has $35.00 available and reactivating it needs $${needed.toFixed(2)} ($20 + $20 x ${others} other servers). Add $${(needed - 35).toFixed(2)} first, then run the command again.`,
    );
  });

  it('refuses a server that has not expired', async () => {
    expect((await refusalOf(fleet.plan('reactivate ams-sw-1'))).message).toBe(
      'Cannot reactivate ams-sw-1: only expired servers can be reactivated; this one is active.',
    );
  });

  it('executes into a job, and refuses at execute once the balance drained', async () => {
    await fleet.plan('reactivate sgp-sw-9');
    await fleet.sim('account', { balance: 1 });
    const refused = await refusalOf(fleet.execute('reactivate sgp-sw-9'));
    expect(refused.message).toMatch(
      /^Things changed since the request, so nothing was sent\. Cannot reactivate sgp-sw-9: the account has \$1\.00 available/,
    );
    expect((await fleet.server('sgp-sw-9')).status).toBe('expired');

    await fleet.sim('account', { balance: 500 });
    const outcome = await fleet.execute('reactivate sgp-sw-9');
    expect((await fleet.client.getJob(outcome.jobId!)).action).toBe('reactivate');
  });
});

describe('flush', () => {
  let fleet: GuardedFleet;
  beforeEach(async () => {
    fleet = await startGuardedFleet();
  });
  afterEach(async () => {
    await fleet.close();
  });

  it('works on dispatchers only, naming the dispatchers there are', async () => {
    const refused = await refusalOf(fleet.plan('flush ams-sw-1'));
    expect(refused.message).toBe(
      'Cannot flush ams-sw-1: ams-sw-1 is a switch, and only dispatchers (load balancers) do this.',
    );
    expect(refused.hint).toBe('Dispatchers: ams-lb-1 (203.0.113.41).');
  });

  it('plans a change that forces an update, and executes into a job', async () => {
    const plan = await fleet.plan('flush ams-lb-1');
    expect(plan.title).toBe('Flush ams-lb-1 (203.0.113.41)');
    expect(planText(plan)).toContain('Forces a server update');
    const outcome = await fleet.execute('flush ams-lb-1');
    expect((await fleet.client.getJob(outcome.jobId!)).action).toBe('flush');
  });
});
