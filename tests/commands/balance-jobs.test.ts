import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Server } from '../../src/domain/schemas.js';
import { startTestFleet, type TestFleet } from '../helpers/fleet.js';
import { buttonsOf, contextLines, fieldsOf, headerOf, rowsOf, textOf } from './reply-queries.js';

describe('balance and jobs', () => {
  let fleet: TestFleet;
  let byAlias: (alias: string) => Server;
  beforeEach(async () => {
    fleet = await startTestFleet();
    const servers = await fleet.client.listServers();
    byAlias = (alias) => servers.find((s) => s.alias === alias)!;
  });
  afterEach(async () => {
    await fleet.close();
  });

  it('says what a further deploy needs and that the balance covers it', async () => {
    const reply = await fleet.run('balance');
    expect(headerOf(reply)).toBe('Balance · Quokka Telecom');
    expect(reply.tone).toBe('success');
    expect(fieldsOf(reply)).toEqual({
      'Available balance': '$412.50',
      'Servers on the account': '8 (1 expired)',
      'A further deploy needs': '$180.00 ($20.00 + $20.00 × 8 servers already on the account)',
      'Deploy balance': '✅ the balance covers it',
      'Getting Started': 'done',
    });
    expect(textOf(reply)).toContain(
      'Reactivating an expired server needs $160.00 available: ✅ the balance covers it.',
    );
  });

  it('says how much is missing', async () => {
    await fleet.sim('account', { balance: 100 });
    const reply = await fleet.run('balance');
    expect(reply.tone).toBe('warning');
    expect(fieldsOf(reply)['Deploy balance']).toBe('❌ $80.00 missing');
    expect(textOf(reply)).toContain('Add at least $80.00 to deploy another server.');
    expect(textOf(reply)).toContain(
      'Reactivating an expired server needs $160.00 available: ❌ $60.00 missing.',
    );
  });

  it("shows a server's jobs, newest first, with errors", async () => {
    const reply = await fleet.run('jobs sgp-sw-9');
    expect(headerOf(reply)).toBe('Jobs · sgp-sw-9 (198.51.100.7)');
    const [install] = rowsOf(reply);
    expect(install).toMatchObject({
      ACTION: 'install',
      STATUS: '❌ failed',
      CREATED: '4 days ago',
      ERROR: 'the server stopped answering during the install',
    });
    expect(install!.FINISHED).toMatch(/^4 days ago \(took \d+ s\)$/);
    expect(buttonsOf(reply)).toEqual({ Refresh: '/cx jobs sgp-sw-9', Server: '/cx server sgp-sw-9' });
  });

  it('shows a running job with its progress bar', async () => {
    const nyc = byAlias('nyc-sw-1');
    const { job_id } = await fleet.client.serverAction(nyc.id, 'restart');
    await fleet.sim('tick', { seconds: 30 });
    const reply = await fleet.run('jobs 198.51.100.21');
    const running = rowsOf(reply).find((r) => r.JOB === String(job_id))!;
    expect(running.STATUS).toMatch(/^🔄 running [█▏▎▍▌▋▊▉░]{10} \d+%$/);
    expect(running.FINISHED).toBe('-');
    expect(rowsOf(reply)[0]!.JOB).toBe(String(job_id));
    expect(contextLines(reply)).toContain('newest 2 of 2 · 1 not finished yet');
  });

  it('says when a server has no jobs, and refuses an unknown server', async () => {
    expect(textOf(await fleet.run('jobs lon-sw-1'))).toContain('No jobs for lon-sw-1 yet');
    await expect(fleet.run('jobs lon-sw-2')).rejects.toThrow(/No server "lon-sw-2"\. Did you mean lon-sw-1/);
  });
});

describe('a brand-new account', () => {
  let fleet: TestFleet;
  beforeEach(async () => {
    fleet = await startTestFleet({ seed: 'empty' });
  });
  afterEach(async () => {
    await fleet.close();
  });

  it('has no servers yet, and says what a first deploy needs', async () => {
    const list = await fleet.run('servers');
    expect(headerOf(list)).toBe('Servers · 0 · Quokka Telecom · balance $0.00');
    expect(textOf(list)).toContain('There are no servers on this account yet.');

    const reply = await fleet.run('balance');
    expect(reply.tone).toBe('warning');
    expect(fieldsOf(reply)).toMatchObject({
      'Servers on the account': '0',
      'A further deploy needs': '$20.00 ($20.00 + $20.00 × 0 servers already on the account)',
      'Deploy balance': '❌ $20.00 missing',
      'Getting Started': '⚠ not done',
    });
    expect(textOf(reply)).toContain('Finish the Getting Started checklist before deploying');
    expect(textOf(reply)).not.toContain('Reactivating');
  });
});
