import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import flush from '../../commands/flush.js';
import reactivate from '../../commands/reactivate.js';
import type { Server } from '../../src/domain/schemas.js';
import { startTestFleet, type TestFleet } from '../helpers/fleet.js';
import { buttonsOf, fieldsOf, headerOf, rowsOf, rowWhere, textOf } from './reply-queries.js';

describe('server', () => {
  let fleet: TestFleet;
  let byAlias: (alias: string) => Server;
  beforeEach(async () => {
    fleet = await startTestFleet({ commands: [reactivate, flush] });
    const servers = await fleet.client.listServers();
    byAlias = (alias) => servers.find((s) => s.alias === alias)!;
  });
  afterEach(async () => {
    await fleet.close();
  });

  it('shows the list columns of a switch as fields', async () => {
    const reply = await fleet.run('server ams-sw-1');
    expect(headerOf(reply)).toBe('🟢 ams-sw-1 · 203.0.113.42');
    expect(reply.tone).toBe('success');
    expect(fieldsOf(reply)).toMatchObject({
      Status: '🟢 active',
      Type: 'switch',
      Cluster: 'eu-core',
      Zone: 'Amsterdam',
      Channels: '████████▊░ 611/700 87%',
      CPS: '31/150 shared',
      Expires: '-',
      'SIP/ICMP latency': '3/2 ms',
      'Balanced by': 'ams-lb-1 (203.0.113.41)',
      'Capacity failover': 'none: when full, new calls are rejected',
    });
  });

  it('shows the whole config, with the default ports and no password', async () => {
    const fields = fieldsOf(await fleet.run('server ams-sw-1'));
    expect(fields).toMatchObject({
      FQDN: 'ams-sw-1.quokka.example',
      'UAC auth': 'user quokka-trunk · password set',
      TLS: 'on',
      WebRTC: 'off',
      'TLS internals': 'off',
      'Auto upgrade': 'on (applies updates at zero channels)',
      'UAC ping': 'on',
      'UAC location sharing': 'off',
      'US/EU': 'off',
      'UDP ports': '5060 (default)',
      'TCP ports': '5061 (default)',
      'TLS ports': '5061 (default)',
      'TCP SIP trace': 'off',
      AnyReg: 'off',
    });
    const plain = fieldsOf(await fleet.run('server lon-sw-1'));
    expect(plain).toMatchObject({
      FQDN: 'not set (TLS and WebRTC need one)',
      'UAC auth': 'off',
      TLS: 'off (needs an FQDN first)',
    });
  });

  it('never shows a UAC password, and follows the capacity failover to its target', async () => {
    const password = 'hunter2-never-shown';
    await fleet.client.updateServer(byAlias('ams-sw-1').id, {
      uac_auth: { username: 'carrier-7', password },
      capacity_failover_id: byAlias('ams-sw-2').id,
      disable_uac_ping: true,
      uac_location_sharing: true,
      tcp_ports: [5071, 5070],
    });
    const reply = await fleet.run('server 203.0.113.42');
    expect(JSON.stringify(reply)).not.toContain(password);
    expect(fieldsOf(reply)).toMatchObject({
      'UAC auth': 'user carrier-7 · password set',
      'Capacity failover': 'ams-sw-2 (203.0.113.43): when full, new calls are redirected there (SIP 302)',
      'UAC ping': 'off (disabled: no UAC latency details)',
      'UAC location sharing': 'on (unnecessary: the cluster already shares locations)',
      'TCP ports': '5061 (default) + 5070, 5071',
    });
  });

  it('says a pending update needs an install when auto upgrade is off', async () => {
    const reply = await fleet.run('server fra-sw-1');
    expect(reply.tone).toBe('warning');
    expect(textOf(reply)).toContain(
      '⬆ An update is waiting. Auto upgrade is off: an install applies it now.',
    );
    expect(fieldsOf(reply)['UDP ports']).toBe('5060 (default) + 5080');
  });

  it('says auto upgrade waits for zero channels, and applies at zero', async () => {
    const fra = byAlias('fra-sw-1');
    await fleet.client.updateServer(fra.id, { auto_upgrade: true });
    expect(textOf(await fleet.run('server fra-sw-1'))).toContain(
      'Auto upgrade applies it once the server is at zero channels (240 now); an install applies it at once.',
    );
    await fleet.sim(`server/${fra.id}`, { channels: 0 });
    expect(textOf(await fleet.run('server fra-sw-1'))).toContain(
      'Auto upgrade applies it now: the server carries no calls.',
    );
  });

  it('lists the switches a dispatcher balances and its jobs', async () => {
    const reply = await fleet.run('server ams-lb-1');
    expect(fieldsOf(reply)).toMatchObject({
      Type: 'dispatcher (load balancer)',
      Channels: '- (no channel limit)',
      CPS: '45/150 shared',
    });
    expect(rowsOf(reply, 0).map((r) => r.ALIAS)).toEqual(['ams-sw-1', 'ams-sw-2', 'fra-sw-1']);
    expect(rowWhere(reply, 'ALIAS', 'ams-sw-1', 0)).toMatchObject({
      IP: '203.0.113.42',
      STATUS: '🟢 active',
    });
    const jobs = rowsOf(reply, 1);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ ACTION: 'flush', STATUS: '✅ done', CREATED: '2 days ago' });
    expect(jobs[0]!.FINISHED).toContain('(took 10 s)');
  });

  it('shows an expired server with its failed job and a Reactivate button', async () => {
    const reply = await fleet.run('server sgp-sw-9');
    expect(reply.tone).toBe('danger');
    expect(fieldsOf(reply)).toMatchObject({ Expires: 'expired', 'SIP/ICMP latency': '-', CPS: '0/40' });
    expect(rowWhere(reply, 'ACTION', 'install')).toMatchObject({
      STATUS: '❌ failed',
      ERROR: 'the server stopped answering during the install',
    });
    expect(buttonsOf(reply)).toEqual({
      Refresh: '/cx server sgp-sw-9',
      Jobs: '/cx jobs sgp-sw-9',
      Reactivate: '/cx reactivate sgp-sw-9',
    });
  });

  it('offers only follow-ups that make sense for the server', async () => {
    const buttons = buttonsOf(await fleet.run('server ams-sw-1'));
    expect(buttons).toEqual({ Refresh: '/cx server ams-sw-1', Jobs: '/cx jobs ams-sw-1' });
    const lb = byAlias('ams-lb-1');
    await fleet.sim(`server/${lb.id}`, { stale: true });
    expect(buttonsOf(await fleet.run(`server ${lb.id}`)).Flush).toBe('/cx flush ams-lb-1');
  });

  it('shows the newest five jobs', async () => {
    const nyc = byAlias('nyc-sw-1');
    for (let i = 0; i < 6; i++) {
      await fleet.client.serverAction(nyc.id, 'restart');
      await fleet.sim('tick', { seconds: 120 });
    }
    const reply = await fleet.run('server nyc-sw-1');
    expect(rowsOf(reply)).toHaveLength(5);
    expect(textOf(reply)).toContain('Recent jobs (5 of 7)');
  });

  it('names the closest servers for an unknown one', async () => {
    await expect(fleet.run('server ams-sw-3')).rejects.toThrow(
      /No server "ams-sw-3"\. Did you mean .*ams-sw-1/,
    );
    await expect(fleet.run('server')).rejects.toThrow(/Missing <server>/);
  });
});
