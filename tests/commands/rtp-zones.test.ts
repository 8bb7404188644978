import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestFleet, type TestFleet } from '../helpers/fleet.js';
import { buttonsOf, headerOf, rowsOf, rowWhere } from './reply-queries.js';

describe('rtp and zones', () => {
  let fleet: TestFleet;
  beforeEach(async () => {
    fleet = await startTestFleet();
  });
  afterEach(async () => {
    await fleet.close();
  });

  it('lists the RTP servers by zone, with a Refresh that runs it again', async () => {
    const reply = await fleet.run('rtp');
    expect(headerOf(reply)).toBe('RTP servers · 3');
    expect(rowsOf(reply)).toEqual([
      { IP: '192.0.2.11', ALIAS: 'rtp-ams-1', ZONE: 'Amsterdam' },
      { IP: '192.0.2.10', ALIAS: 'rtp-lon-1', ZONE: 'UK' },
      { IP: '192.0.2.12', ALIAS: 'rtp-nyc-1', ZONE: 'USA East' },
    ]);
    expect(buttonsOf(reply)).toEqual({ Refresh: '/cx rtp' });
  });

  it('filters by zone, keeping the filter on Refresh', async () => {
    const reply = await fleet.run('rtp --zone "usa east"');
    expect(headerOf(reply)).toBe('RTP servers · 1 of 3 · zone USA East');
    expect(rowsOf(reply).map((r) => r.ALIAS)).toEqual(['rtp-nyc-1']);
    const refresh = buttonsOf(reply).Refresh!;
    expect(refresh).toBe('/cx rtp --zone "USA East"');
    expect(rowsOf(await fleet.run(refresh)).map((r) => r.ALIAS)).toEqual(['rtp-nyc-1']);
  });

  it('refuses an unknown zone and a zone without RTP servers', async () => {
    await expect(fleet.run('rtp --zone Germny')).rejects.toThrow(/No zone "Germny"\. Did you mean Germany\?/);
    await expect(fleet.run('rtp --zone Germany')).rejects.toThrow('No RTP servers in zone Germany.');
  });

  it('counts servers and RTP servers in each zone', async () => {
    const reply = await fleet.run('zones');
    expect(headerOf(reply)).toBe('Zones · 6 · 8 servers · 3 RTP servers');
    expect(rowsOf(reply).map((r) => r.ZONE)).toEqual([
      'Amsterdam',
      'Germany',
      'Singapore',
      'UK',
      'USA East',
      'USA West',
    ]);
    expect(rowWhere(reply, 'ZONE', 'Amsterdam')).toEqual({
      ZONE: 'Amsterdam',
      SERVERS: '3',
      SWITCHES: '2',
      DISPATCHERS: '1',
      RTP: '1',
    });
    expect(rowWhere(reply, 'ZONE', 'Singapore')).toMatchObject({ SERVERS: '1', RTP: '0' });
  });
});
