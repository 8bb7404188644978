import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestFleet, type TestFleet } from '../helpers/fleet.js';
import { buttonsOf, contextLines, headerOf, rowsOf, rowWhere, textOf } from './reply-queries.js';

describe('clusters', () => {
  let fleet: TestFleet;
  beforeEach(async () => {
    fleet = await startTestFleet();
  });
  afterEach(async () => {
    await fleet.close();
  });

  it('sums the channels of the switches and holds CPS against the shared limit', async () => {
    const reply = await fleet.run('clusters');
    expect(headerOf(reply)).toBe('Clusters · 2 · 6 servers clustered, 2 not');
    expect(rowWhere(reply, 'CLUSTER', 'eu-core')).toEqual({
      CLUSTER: 'eu-core',
      SERVERS: '4',
      MEMBERS: 'ams-lb-1, ams-sw-1, ams-sw-2, fra-sw-1',
      // 611 + 12 + 240 of 3 x 700; the dispatcher relays those same calls and is not counted twice.
      CHANNELS: '████▏░░░░░ 863/2100 41%',
      CPS: '45/150 shared',
    });
    expect(rowWhere(reply, 'CLUSTER', 'us-core')).toMatchObject({
      MEMBERS: 'lax-sw-1, nyc-sw-1',
      CPS: ' 28/40 shared',
    });
    expect(contextLines(reply).some((line) => line.includes('10 CPS means 10 in total'))).toBe(true);
  });

  it('lists the unclustered servers with their own limits', async () => {
    const reply = await fleet.run('clusters');
    expect(textOf(reply)).toContain("Not in a cluster · 2 (each limit is the server's own)");
    const own = rowsOf(reply, 1);
    expect(own.map((r) => r.ALIAS)).toEqual(['lon-sw-1', 'sgp-sw-9']);
    expect(own.map((r) => r.CPS)).toEqual(['9/100', ' 0/40']);
    expect(own.some((r) => r.CPS!.includes('shared'))).toBe(false);
  });

  it('shows a new, empty cluster and links each cluster to its servers', async () => {
    await fleet.client.createCluster('ap-edge');
    const reply = await fleet.run('clusters');
    expect(rowWhere(reply, 'CLUSTER', 'ap-edge')).toEqual({
      CLUSTER: 'ap-edge',
      SERVERS: '0',
      MEMBERS: 'no servers yet',
      CHANNELS: '-',
      CPS: '-',
    });
    const buttons = buttonsOf(reply);
    expect(buttons).toEqual({
      Refresh: '/cx clusters',
      'eu-core servers': '/cx servers --cluster eu-core',
      'us-core servers': '/cx servers --cluster us-core',
    });
    expect(rowsOf(await fleet.run(buttons['us-core servers']!)).map((r) => r.ALIAS)).toEqual([
      'lax-sw-1',
      'nyc-sw-1',
    ]);
  });
});
