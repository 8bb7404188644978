import { describe, expect, it } from 'vitest';
import { FleetIndex } from '../../src/alerts/fleet-index.js';
import { ago, HOUR, job, server, snapshot } from './rules-fixtures.js';

const cluster = { id: 7, name: 'ams-cluster' };

describe('FleetIndex', () => {
  it('lists a cluster’s servers in fleet order, counts its switches and adds up its capacity', () => {
    const a = server(1, { cluster_id: 7, channels: 10, channels_max: 100, cps: 3, cps_max: 30 });
    const lb = server(2, { cluster_id: 7, type: 'dispatcher', channels_max: 0, cps: 5, cps_max: 30 });
    const b = server(3, { cluster_id: 7, channels: 40, channels_max: 200, cps: 2, cps_max: 30 });
    const fleet = new FleetIndex(snapshot({ servers: [a, server(4), lb, b], clusters: [cluster] }));
    expect(fleet.clusterMembers(7).map((s) => s.id)).toEqual([1, 2, 3]);
    expect(fleet.switchesIn(7)).toBe(2);
    expect(fleet.clusterTotal(7)).toEqual({
      channels: 50,
      channelsMax: 300,
      cps: 10,
      cpsMax: 30,
      shared: true,
    });
    expect(fleet.clusterOf(a)).toEqual(cluster);
    expect(fleet.clusterMembers(8)).toEqual([]);
    expect(fleet.switchesIn(8)).toBe(0);
  });

  it('takes the first of a duplicated id, as a search of the list would', () => {
    const first = { id: 7, name: 'first' };
    const target = server(5, { alias: 'first' });
    const fleet = new FleetIndex(
      snapshot({
        servers: [server(1, { config: { capacity_failover_id: 5 } }), target, server(5, { alias: 'second' })],
        clusters: [first, { id: 7, name: 'second' }],
      }),
    );
    expect(fleet.cluster(7)).toBe(first);
    expect(fleet.failoverTarget(server(9, { config: { capacity_failover_id: 5 } }))).toBe(target);
  });

  it('knows who fails over to a server, and leaves out a server pointing at itself', () => {
    const self = server(3, { config: { capacity_failover_id: 3 } });
    const fleet = new FleetIndex(
      snapshot({
        servers: [server(1, { config: { capacity_failover_id: 3 } }), server(2), self],
      }),
    );
    expect(fleet.failingOverTo(3).map((s) => s.id)).toEqual([1]);
    expect(fleet.failoverTarget(self)).toBe(self);
    expect(fleet.failoverTarget(server(2))).toBeUndefined();
    expect(fleet.failoverTarget(server(4, { config: { capacity_failover_id: 99 } }))).toBeUndefined();
  });

  it('names each dispatcher of a server once, even when it lists the server twice', () => {
    const lb1 = server(10, { type: 'dispatcher', members: [1, 2, 1] });
    const lb2 = server(11, { type: 'dispatcher', members: [1] });
    const fleet = new FleetIndex(snapshot({ servers: [lb1, server(1), lb2, server(12, { members: [1] })] }));
    expect(fleet.dispatchersOf(1).map((s) => s.id)).toEqual([10, 11]);
    expect(fleet.dispatchersOf(2).map((s) => s.id)).toEqual([10]);
    expect(fleet.dispatchersOf(3)).toEqual([]);
  });

  it('gives a server’s jobs newest first, higher id first on a tie, without unreadable dates', () => {
    const jobs = [
      job(1, { server_id: 1, action: 'stop', created: ago(2 * HOUR).toISOString() }),
      job(2, { server_id: 2, action: 'stop' }),
      job(3, { server_id: 1, action: 'start', created: 'yesterday-ish' }),
      job(4, { server_id: 1, action: 'start', created: ago(HOUR).toISOString() }),
      job(5, { server_id: 1, action: 'restart', created: ago(HOUR).toISOString() }),
    ];
    const fleet = new FleetIndex(snapshot({ servers: [server(1), server(2)], jobs }));
    expect(fleet.jobsOf(1).map((j) => j.id)).toEqual([5, 4, 1]);
    expect(fleet.jobsOf(1).map((j) => j.id)).toEqual([5, 4, 1]);
    expect(fleet.jobsOf(3)).toEqual([]);
    expect(new FleetIndex(snapshot({ servers: [server(1)] })).jobsOf(1)).toEqual([]);
  });
});
