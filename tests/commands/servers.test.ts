import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { startTestFleet, type TestFleet } from '../helpers/fleet.js';
import { buttonsOf, contextLines, headerOf, rowsOf, rowWhere, textOf } from './reply-queries.js';

describe('servers on the demo fleet', () => {
  let fleet: TestFleet;
  beforeEach(async () => {
    fleet = await startTestFleet();
  });
  afterEach(async () => {
    await fleet.close();
  });

  it('heads the list with the count, the company and the balance', async () => {
    const reply = await fleet.run('servers');
    expect(headerOf(reply)).toBe('Servers · 8 · Quokka Telecom · balance $412.50');
    expect(contextLines(reply)).toContain('page 1 of 1 · 8 servers');
  });

  it('orders by cluster, dispatchers first, unclustered last', async () => {
    const aliases = rowsOf(await fleet.run('servers')).map((r) => r.ALIAS);
    expect(aliases).toEqual([
      'ams-lb-1',
      'ams-sw-1',
      'ams-sw-2',
      'fra-sw-1',
      'lax-sw-1',
      'nyc-sw-1',
      'lon-sw-1',
      'sgp-sw-9',
    ]);
  });

  it('shows the hot server with its bar, the shared CPS limit and its latency', async () => {
    const reply = await fleet.run('servers');
    const hot = rowWhere(reply, 'ALIAS', 'ams-sw-1');
    expect(hot).toMatchObject({
      '': '🟢',
      IP: '203.0.113.42',
      TYPE: 'switch',
      CLUSTER: 'eu-core',
      STATUS: 'active',
    });
    expect(hot.CHANNELS).toBe('████████▊░  611/700 87%');
    expect(hot.CPS).toBe('31/150 shared');
    expect(hot['SIP/ICMP']).toBe('3/2 ms');
    expect(rowWhere(reply, 'ALIAS', 'ams-sw-2').CHANNELS).toBe('▏░░░░░░░░░   12/700  2%');
    expect(contextLines(reply).some((line) => line.includes('10 CPS means 10 in total'))).toBe(true);
  });

  it('gives dispatchers no channel bar, unclustered servers their own CPS limit', async () => {
    const reply = await fleet.run('servers');
    expect(rowWhere(reply, 'ALIAS', 'ams-lb-1')).toMatchObject({ TYPE: 'dispatcher', CHANNELS: '-' });
    expect(rowWhere(reply, 'ALIAS', 'lon-sw-1')).toMatchObject({ CLUSTER: '-', CPS: ' 9/100' });
  });

  it('marks the expired server and the expiring one', async () => {
    const reply = await fleet.run('servers');
    expect(rowWhere(reply, 'ALIAS', 'sgp-sw-9')).toMatchObject({
      '': '🔴',
      EXPIRES: 'expired',
      STATUS: 'expired',
      'SIP/ICMP': '-',
    });
    expect(rowWhere(reply, 'ALIAS', 'ams-sw-2').EXPIRES).toBe('in 2 days');
    expect(rowWhere(reply, 'ALIAS', 'ams-sw-1').EXPIRES).toBe('-');
    expect(contextLines(reply).some((line) => line.includes('1 expired'))).toBe(true);
  });

  it('shows what the simulation sets', async () => {
    const lon = (await fleet.client.listServers()).find((s) => s.alias === 'lon-sw-1')!;
    await fleet.sim(`server/${lon.id}`, { channels: 950, status: 'stopped' });
    const row = rowWhere(await fleet.run('servers'), 'ALIAS', 'lon-sw-1');
    expect(row.CHANNELS).toContain('950/1000');
    expect(row.CHANNELS).toContain('95%');
    expect(row).toMatchObject({ '': '🔴', STATUS: 'stopped' });
  });

  it('filters by cluster, type, status and zone, saying what it shows', async () => {
    const eu = await fleet.run('servers --cluster EU-Core');
    expect(headerOf(eu)).toBe('Servers · 4 of 8 · Quokka Telecom · balance $412.50');
    expect(textOf(eu)).toContain('Showing cluster eu-core');
    expect(buttonsOf(eu).Refresh).toBe('/cx servers --cluster eu-core');

    expect(rowsOf(await fleet.run('servers --type dispatcher')).map((r) => r.ALIAS)).toEqual(['ams-lb-1']);
    expect(rowsOf(await fleet.run('servers --status expired')).map((r) => r.ALIAS)).toEqual(['sgp-sw-9']);
    expect(rowsOf(await fleet.run('servers --cluster none')).map((r) => r.ALIAS)).toEqual([
      'lon-sw-1',
      'sgp-sw-9',
    ]);

    const us = await fleet.run('servers --zone "usa east"');
    expect(rowsOf(us).map((r) => r.ALIAS)).toEqual(['nyc-sw-1']);
    expect(buttonsOf(us).Refresh).toBe('/cx servers --zone "USA East"');
    expect(rowsOf(await fleet.run(buttonsOf(us).Refresh!)).map((r) => r.ALIAS)).toEqual(['nyc-sw-1']);
  });

  it('names the closest cluster, zone and status for a typo', async () => {
    await expect(fleet.run('servers --cluster eu-cor')).rejects.toThrow(
      /No cluster "eu-cor"\. Did you mean eu-core/,
    );
    await expect(fleet.run('servers --zone Amsterdm')).rejects.toThrow(
      /No zone "Amsterdm"\. Did you mean Amsterdam\?/,
    );
    await expect(fleet.run('servers --status activ')).rejects.toThrow(/Did you mean active/);
    await expect(fleet.run('servers --type router')).rejects.toThrow(/must be one of switch, dispatcher/);
  });

  it('says which filter to drop when nothing matches', async () => {
    const refusal = await fleet
      .run('servers --cluster eu-core --status expired')
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UserError);
    expect((refusal as UserError).message).toBe('No servers match cluster eu-core · status expired.');
    expect((refusal as UserError).hint).toBe(
      'Widen it: without --cluster: 1 server · without --status: 4 servers. Type /cx servers for all 8.',
    );
  });

  it('refuses a page past the end', async () => {
    await expect(fleet.run('servers --page 2')).rejects.toThrow('There is no page 2: 8 servers fill 1 page.');
    await expect(fleet.run('servers --page 0')).rejects.toThrow(/at least 1/);
  });
});

describe('servers on a fleet of 500', () => {
  let fleet: TestFleet;
  beforeAll(async () => {
    fleet = await startTestFleet();
    await fleet.sim('fleet', { count: 500, seed: 1 });
  });
  afterAll(async () => {
    await fleet.close();
  });

  it('pages 25 at a time with working page buttons', async () => {
    const first = await fleet.run('servers');
    expect(rowsOf(first)).toHaveLength(25);
    expect(contextLines(first)).toContain('page 1 of 20 · 500 servers');
    expect(buttonsOf(first)).toEqual({ Refresh: '/cx servers', 'Next page ▸': '/cx servers --page 2' });

    const second = await fleet.run(buttonsOf(first)['Next page ▸']!);
    expect(contextLines(second)).toContain('page 2 of 20 · 500 servers');
    expect(buttonsOf(second)).toEqual({
      Refresh: '/cx servers --page 2',
      '◂ Previous': '/cx servers',
      'Next page ▸': '/cx servers --page 3',
    });
    const firstIps = new Set(rowsOf(first).map((r) => r.IP));
    expect(rowsOf(second).some((r) => firstIps.has(r.IP!))).toBe(false);
  });

  it('shows every server exactly once across the pages', async () => {
    const seen: string[] = [];
    let line: string | undefined = '/cx servers';
    for (let page = 1; line !== undefined && page <= 25; page++) {
      const reply = await fleet.run(line);
      seen.push(...rowsOf(reply).map((r) => r.IP!));
      line = buttonsOf(reply)['Next page ▸'];
    }
    expect(seen).toHaveLength(500);
    expect(new Set(seen).size).toBe(500);
  });

  it('keeps the filters on the page buttons', async () => {
    const dispatchers = await fleet.run('servers --type switch --page 3');
    const buttons = buttonsOf(dispatchers);
    expect(buttons['Next page ▸']).toBe('/cx servers --type switch --page 4');
    expect(buttons['◂ Previous']).toBe('/cx servers --type switch --page 2');
    expect(rowsOf(dispatchers).every((r) => r.TYPE === 'switch')).toBe(true);
  });
});
