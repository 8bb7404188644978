import { describe, expect, it } from 'vitest';
import { clusterCapacity, GUIDANCE, serverCapacity, usageShare } from '../../src/domain/capacity.js';
import type { Server } from '../../src/domain/schemas.js';
import { defaultConfig } from '../../src/domain/server-defaults.js';

const server = (over: Partial<Server>): Server => ({
  id: 1,
  ip: '203.0.113.1',
  alias: 'sw',
  type: 'switch',
  cluster_id: 1,
  zone: 'Amsterdam',
  channels: 0,
  channels_max: 700,
  cps: 0,
  cps_max: 10,
  expires: null,
  status: 'active',
  stale: false,
  sip_latency_ms: null,
  icmp_latency_ms: null,
  members: [],
  config: defaultConfig(),
  ...over,
});

describe("the seed's CPS rule", () => {
  it('shares a clustered limit: 10 CPS means 10 in total, not 10 per server', () => {
    const summary = clusterCapacity([server({ id: 1, cps: 4 }), server({ id: 2, cps: 5 })]);
    expect(summary).toMatchObject({ cps: 9, cpsMax: 10, shared: true });
  });

  it('adds channels up across the cluster', () => {
    const summary = clusterCapacity([server({ channels: 611 }), server({ channels: 12 })]);
    expect(summary).toMatchObject({ channels: 623, channelsMax: 1400 });
  });

  it('gives an unclustered server its own limit', () => {
    expect(serverCapacity(server({ cluster_id: null, cps: 3 }))).toMatchObject({
      cps: 3,
      cpsMax: 10,
      shared: false,
    });
    expect(serverCapacity(server({ cluster_id: 2 })).shared).toBe(true);
  });

  it('computes shares without dividing by zero', () => {
    expect(usageShare(611, 700)).toBeCloseTo(0.873, 3);
    expect(usageShare(5, 0)).toBe(0);
    expect(GUIDANCE).toEqual({ channels: 1000, cps: 100, comfortableShare: 0.5 });
  });
});
