import { describe, expect, it } from 'vitest';
import { parseThresholds } from '../../src/alerts/thresholds.js';
import { findingsOf, server, snapshot, theFinding } from './rules-fixtures.js';

const EU_CORE = { id: 3, name: 'eu-core' };

function atChannels(channels: number, extra: Parameters<typeof server>[1] = {}) {
  return snapshot({ servers: [server(42, { alias: 'ams-sw-1', channels, channels_max: 100, ...extra })] });
}

describe('server channels', () => {
  it('stays quiet at 84% and warns from 85%', () => {
    expect(findingsOf('capacity', atChannels(84))).toEqual([]);
    const warning = theFinding('capacity', atChannels(85));
    expect(warning.severity).toBe('warning');
    expect(warning.subject).toBe('server:42');
    expect(warning.title).toBe('Capacity warning · ams-sw-1 (203.0.113.42) at 85% of channels (85/100)');
    expect(warning.values).toMatchObject({ percent: 85, used: 85, max: 100 });
  });

  it('is critical from 95%', () => {
    expect(theFinding('capacity', atChannels(94)).severity).toBe('warning');
    expect(theFinding('capacity', atChannels(95)).severity).toBe('critical');
  });

  it('keeps a firing warning down to 75% and clears below it', () => {
    const previous = { 'capacity|server:42': 'warning' as const };
    const held = theFinding('capacity', atChannels(76), { previous });
    expect(held.severity).toBe('warning');
    expect(held.lines).toContain('Below the 85% warning level, but it holds until it drops under 75%.');
    expect(theFinding('capacity', atChannels(75), { previous }).severity).toBe('warning');
    expect(findingsOf('capacity', atChannels(74), { previous })).toEqual([]);
  });

  it('does not hold what was not firing: 76% after nothing is nothing', () => {
    expect(findingsOf('capacity', atChannels(76), { previous: { 'capacity|server:7': 'warning' } })).toEqual(
      [],
    );
  });

  it('keeps a critical down to 90%, then falls back to warning, then clears below 75%', () => {
    const previous = { 'capacity|server:42': 'critical' as const };
    expect(theFinding('capacity', atChannels(90), { previous }).severity).toBe('critical');
    expect(theFinding('capacity', atChannels(89), { previous }).severity).toBe('warning');
    expect(theFinding('capacity', atChannels(80), { previous }).severity).toBe('warning');
    expect(findingsOf('capacity', atChannels(74), { previous })).toEqual([]);
  });

  it('uses overridden thresholds', () => {
    const parsed = parseThresholds({ channels: { warning: { enter: 60, exit: 50 } } });
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    expect(theFinding('capacity', atChannels(60), { thresholds: parsed.thresholds }).severity).toBe(
      'warning',
    );
    expect(theFinding('capacity', atChannels(95), { thresholds: parsed.thresholds }).severity).toBe(
      'critical',
    );
  });

  it('ignores a server without channels (a dispatcher)', () => {
    const lb = server(1, { type: 'dispatcher', channels: 0, channels_max: 0 });
    expect(findingsOf('capacity', snapshot({ servers: [lb] }))).toEqual([]);
  });

  it('says where the overflow goes, and warns when the failover target is down', () => {
    const target = server(43, { alias: 'ams-sw-2', cluster_id: 3 });
    const hot = server(42, {
      alias: 'ams-sw-1',
      channels: 90,
      cluster_id: 3,
      config: { capacity_failover_id: 43 },
    });
    const up = theFinding('capacity', snapshot({ servers: [hot, target], clusters: [EU_CORE] }));
    expect(up.lines).toContain('When full, new calls are redirected (SIP 302) to ams-sw-2 (203.0.113.43).');
    const stopped = { ...target, status: 'stopped' as const };
    const down = theFinding('capacity', snapshot({ servers: [hot, stopped], clusters: [EU_CORE] }));
    expect(down.lines).toContain(
      'When full, new calls are redirected (SIP 302) to ams-sw-2 (203.0.113.43), but it is stopped.',
    );
    expect(theFinding('capacity', atChannels(90)).lines).toContain(
      'No capacity failover: when full, new calls are rejected ("server at max channels").',
    );
  });

  it('puts a clustered server in its cluster context and names the cluster', () => {
    const hot = server(42, {
      alias: 'ams-sw-1',
      channels: 616,
      channels_max: 700,
      cps: 33,
      cps_max: 150,
      cluster_id: 3,
    });
    const idle = server(43, { channels: 12, channels_max: 700, cps: 2, cps_max: 150, cluster_id: 3 });
    const finding = theFinding('capacity', snapshot({ servers: [hot, idle], clusters: [EU_CORE] }));
    expect(finding.title).toBe('Capacity warning · ams-sw-1 (203.0.113.42) at 88% of channels (616/700)');
    expect(finding.lines[0]).toBe('cluster eu-core at 44% overall · CPS 35/150 (shared)');
    expect(finding.cluster).toEqual(EU_CORE);
    expect(finding.server).toEqual({ id: 42, alias: 'ams-sw-1', ip: '203.0.113.42' });
  });
});

describe('server CPS', () => {
  it('alerts an unclustered server against its own limit', () => {
    const solo = server(5, { cps: 48, cps_max: 50 });
    const finding = theFinding('cps', snapshot({ servers: [solo] }));
    expect(finding.severity).toBe('critical');
    expect(finding.title).toBe('CPS critical · sw-5 (203.0.113.5) at 96% of its CPS limit (48/50)');
  });

  it('leaves a clustered server to the cluster rule: its limit is the cluster’s', () => {
    const member = server(5, { cps: 48, cps_max: 50, cluster_id: 3 });
    const other = server(6, { cps: 0, cps_max: 50, cluster_id: 3 });
    const snap = snapshot({ servers: [member, other], clusters: [EU_CORE] });
    expect(findingsOf('cps', snap)).toEqual([]);
    expect(theFinding('cluster-cps', snap).values).toMatchObject({ used: 48, max: 50 });
  });
});

describe('cluster capacity', () => {
  it('adds the members’ channels up', () => {
    const a = server(1, { channels: 90, channels_max: 100, cluster_id: 3 });
    const b = server(2, { channels: 80, channels_max: 100, cluster_id: 3 });
    const finding = theFinding('cluster-capacity', snapshot({ servers: [a, b], clusters: [EU_CORE] }));
    expect(finding.severity).toBe('warning');
    expect(finding.subject).toBe('cluster:3');
    expect(finding.title).toBe('Cluster capacity warning · eu-core at 85% of channels (170/200)');
    expect(finding.lines[0]).toBe('sw-1 90% (90/100) · sw-2 80% (80/100)');
  });

  it('stays quiet when a hot member is balanced by an idle one', () => {
    const a = server(1, { channels: 99, channels_max: 100, cluster_id: 3 });
    const b = server(2, { channels: 0, channels_max: 100, cluster_id: 3 });
    const snap = snapshot({ servers: [a, b], clusters: [EU_CORE] });
    expect(findingsOf('cluster-capacity', snap)).toEqual([]);
    expect(theFinding('capacity', snap).severity).toBe('critical');
  });

  it('skips a cluster of one server, which its own alert already covers', () => {
    const only = server(1, { channels: 99, cluster_id: 3 });
    const lb = server(2, { type: 'dispatcher', channels_max: 0, cluster_id: 3 });
    expect(findingsOf('cluster-capacity', snapshot({ servers: [only, lb], clusters: [EU_CORE] }))).toEqual(
      [],
    );
  });

  it('holds a firing cluster alert down to its exit level', () => {
    const a = server(1, { channels: 80, channels_max: 100, cluster_id: 3 });
    const b = server(2, { channels: 72, channels_max: 100, cluster_id: 3 });
    const snap = snapshot({ servers: [a, b], clusters: [EU_CORE] });
    expect(findingsOf('cluster-capacity', snap)).toEqual([]);
    expect(
      theFinding('cluster-capacity', snap, { previous: { 'cluster-capacity|cluster:3': 'warning' } })
        .severity,
    ).toBe('warning');
  });
});

describe('cluster CPS', () => {
  it('counts every member against one shared limit', () => {
    const a = server(1, { alias: 'ams-sw-1', cps: 60, cps_max: 150, cluster_id: 3 });
    const b = server(2, { alias: 'ams-sw-2', cps: 50, cps_max: 150, cluster_id: 3 });
    const lb = server(3, {
      alias: 'ams-lb-1',
      type: 'dispatcher',
      channels_max: 0,
      cps: 20,
      cps_max: 150,
      cluster_id: 3,
    });
    const finding = theFinding('cluster-cps', snapshot({ servers: [a, b, lb], clusters: [EU_CORE] }));
    expect(finding.severity).toBe('warning');
    expect(finding.title).toBe('Cluster CPS warning · eu-core at 86% of its shared CPS limit (130/150)');
    expect(finding.lines).toEqual([
      'The limit is shared: the 3 servers together may take 150 calls per second.',
      'ams-sw-1 60 CPS · ams-sw-2 50 CPS · ams-lb-1 20 CPS',
      'Calls above the limit are rejected ("server at max cps").',
    ]);
  });

  it('would not alert if each member had its own limit: 60 and 50 of 150 each', () => {
    const a = server(1, { cps: 60, cps_max: 150 });
    const b = server(2, { cps: 50, cps_max: 150 });
    const snap = snapshot({ servers: [a, b] });
    expect(findingsOf('cps', snap)).toEqual([]);
    expect(findingsOf('cluster-cps', snap)).toEqual([]);
  });

  it('names an unknown cluster by its id in a member’s context line', () => {
    const a = server(1, { channels: 90, cluster_id: 9 });
    const finding = theFinding('capacity', snapshot({ servers: [a] }));
    expect(finding.lines[0]).toBe('cluster #9 at 90% overall · CPS 0/50 (shared)');
    expect(finding.cluster).toBeUndefined();
  });
});
