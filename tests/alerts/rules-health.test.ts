import { describe, expect, it } from 'vitest';
import { emptyHistory, type History } from '../../src/alerts/snapshot.js';
import type { ServerStatus } from '../../src/domain/schemas.js';
import { ago, findingsOf, HOUR, job, server, snapshot, theFinding } from './rules-fixtures.js';

const MIN = 60_000;

function seenSince(id: number, status: ServerStatus, ms: number): History {
  return { ...emptyHistory(), statusSince: new Map([[id, { status, since: ago(ms) }]]) };
}

describe('stuck in a job', () => {
  const restarting = server(42, { status: 'restarting' });

  it('is critical once a job runs far longer than usual, with its progress', () => {
    const jobs = [job(5012, { server_id: 42, action: 'restart', created: ago(11 * MIN).toISOString() })];
    const finding = theFinding('health-status', snapshot({ servers: [restarting], jobs }));
    expect(finding.severity).toBe('critical');
    expect(finding.title).toBe('sw-42 (203.0.113.42) looks stuck: restarting for 11 min');
    expect(finding.lines).toEqual([
      'That usually takes about 1 min; meanwhile it processes no calls.',
      'job 5012 (restart): running 40%, started Thursday 10:49 UTC.',
    ]);
  });

  it('gives a short job at least the minimum time', () => {
    const jobs = [job(5012, { server_id: 42, action: 'restart', created: ago(9 * MIN).toISOString() })];
    expect(findingsOf('health-status', snapshot({ servers: [restarting], jobs }))).toEqual([]);
  });

  it('gives a deploy three times its five minutes', () => {
    const deploying = server(42, { status: 'deploying' });
    const at = (minutes: number) => [
      job(1, {
        server_id: 42,
        action: 'deploy',
        status: 'queued',
        created: ago(minutes * MIN).toISOString(),
      }),
    ];
    expect(findingsOf('health-status', snapshot({ servers: [deploying], jobs: at(14) }))).toEqual([]);
    const finding = theFinding('health-status', snapshot({ servers: [deploying], jobs: at(16) }));
    expect(finding.lines[0]).toBe('That usually takes about 5 min; meanwhile it processes no calls.');
  });

  it('looks at the running job, not an older finished one', () => {
    const jobs = [
      job(1, { server_id: 42, action: 'restart', status: 'done', created: ago(2 * HOUR).toISOString() }),
      job(2, { server_id: 42, action: 'restart', created: ago(2 * MIN).toISOString() }),
      job(3, { server_id: 7, action: 'restart', created: ago(3 * HOUR).toISOString() }),
    ];
    expect(findingsOf('health-status', snapshot({ servers: [restarting], jobs }))).toEqual([]);
  });

  it('falls back to how long the bot has seen the status, without a job', () => {
    const rebooting = server(42, { status: 'rebooting' });
    const finding = theFinding('health-status', snapshot({ servers: [rebooting] }), {
      history: seenSince(42, 'rebooting', 20 * MIN),
    });
    expect(finding.title).toBe('sw-42 (203.0.113.42) looks stuck: rebooting for 20 min');
    expect(finding.lines).toEqual(['That usually takes about 2 min; meanwhile it processes no calls.']);
  });

  it('cannot call a job stuck without knowing when it started', () => {
    expect(findingsOf('health-status', snapshot({ servers: [restarting] }))).toEqual([]);
    const otherStatus = seenSince(42, 'active', 3 * HOUR);
    expect(
      findingsOf('health-status', snapshot({ servers: [restarting] }), { history: otherStatus }),
    ).toEqual([]);
  });
});

describe('not active', () => {
  it('warns about a stopped server nobody stopped on purpose', () => {
    const finding = theFinding('health-status', snapshot({ servers: [server(3, { status: 'stopped' })] }));
    expect(finding.severity).toBe('warning');
    expect(finding.title).toBe('sw-3 (203.0.113.3) is stopped');
    expect(finding.lines).toEqual(['It processes no calls.', 'Start it once it should carry calls again.']);
  });

  it('reports a deliberate stop as info, so it is not forgotten', () => {
    const jobs = [
      job(77, {
        server_id: 3,
        action: 'stop',
        status: 'done',
        progress: 100,
        created: ago(HOUR).toISOString(),
      }),
    ];
    const finding = theFinding(
      'health-status',
      snapshot({ servers: [server(3, { status: 'stopped' })], jobs }),
      {
        history: seenSince(3, 'stopped', 55 * MIN),
      },
    );
    expect(finding.severity).toBe('info');
    expect(finding.lines).toEqual([
      'It processes no calls.',
      'stopped since Thursday 10:05 UTC (55 min).',
      'It was stopped on purpose by job 77 (stop).',
      'Start it once it should carry calls again.',
    ]);
  });

  it('warns again when a start after the stop failed, and says why', () => {
    const jobs = [
      job(77, { server_id: 3, action: 'stop', status: 'done', created: ago(2 * HOUR).toISOString() }),
      job(78, {
        server_id: 3,
        action: 'start',
        status: 'failed',
        error: 'no route to host',
        created: ago(HOUR).toISOString(),
      }),
    ];
    const finding = theFinding(
      'health-status',
      snapshot({ servers: [server(3, { status: 'stopped' })], jobs }),
    );
    expect(finding.severity).toBe('warning');
    expect(finding.lines).toContain('Its last job 78 (start) failed: no route to host.');
  });

  it('warns about an inactive server and what relies on it', () => {
    const idle = server(3, { status: 'inactive', cluster_id: 1 });
    const hot = server(4, { cluster_id: 1, config: { capacity_failover_id: 3 } });
    const finding = theFinding('health-status', snapshot({ servers: [idle, hot] }));
    expect(finding.severity).toBe('warning');
    expect(finding.lines).toContain(
      'Capacity failover of sw-4 (203.0.113.4) points at it: their overflow calls have nowhere to go.',
    );
  });

  it('leaves active and expired servers alone (expired has its own rule)', () => {
    const snap = snapshot({ servers: [server(1), server(2, { status: 'expired' })] });
    expect(findingsOf('health-status', snap)).toEqual([]);
  });
});

describe('SIP latency', () => {
  const at = (ms: number | null, fields: Parameters<typeof server>[1] = {}) =>
    snapshot({ servers: [server(5, { sip_latency_ms: ms, icmp_latency_ms: 3, ...fields })] });

  it('warns from 250 ms and is critical from 1000 ms', () => {
    expect(findingsOf('health-latency', at(249))).toEqual([]);
    const warning = theFinding('health-latency', at(250));
    expect(warning.severity).toBe('warning');
    expect(warning.title).toBe('SIP latency warning · sw-5 (203.0.113.5) at 250 ms');
    expect(warning.lines).toEqual([
      'SIP OPTIONS take 250 ms to answer (warning from 250 ms).',
      'ICMP answers in 3 ms: the network path looks fine, the SIP service itself is slow.',
    ]);
    expect(theFinding('health-latency', at(1000)).severity).toBe('critical');
  });

  it('holds a firing alert down to its exit level', () => {
    const previous = { 'health-latency|server:5': 'warning' as const };
    const held = theFinding('health-latency', at(210), { previous });
    expect(held.lines).toContain('Below the 250 ms warning level, but it holds until it drops under 200 ms.');
    expect(findingsOf('health-latency', at(199), { previous })).toEqual([]);
    expect(
      theFinding('health-latency', at(850), { previous: { 'health-latency|server:5': 'critical' } }).severity,
    ).toBe('critical');
  });

  it('points at the network when ICMP is slow too', () => {
    const finding = theFinding('health-latency', at(400, { icmp_latency_ms: 380 }));
    expect(finding.lines[1]).toBe('ICMP takes 380 ms too: look at the network path to the server.');
  });

  it('needs a measurement from an active server', () => {
    expect(findingsOf('health-latency', at(null))).toEqual([]);
    expect(findingsOf('health-latency', at(900, { status: 'stopped' }))).toEqual([]);
  });
});

describe('stale', () => {
  it('notes an update nothing will apply while Auto Upgrade is off', () => {
    const stale = server(8, { stale: true, channels: 37, config: { auto_upgrade: false } });
    const finding = theFinding('health-stale', snapshot({ servers: [stale] }));
    expect(finding.severity).toBe('info');
    expect(finding.title).toBe('sw-8 (203.0.113.8) has an update waiting');
    expect(finding.lines[1]).toContain('installing interrupts calls: 37 in progress now');
  });

  it('leaves it to Auto Upgrade when it is on, and says nothing without an update', () => {
    const auto = server(8, { stale: true, config: { auto_upgrade: true } });
    const current = server(9, { stale: false, config: { auto_upgrade: false } });
    expect(findingsOf('health-stale', snapshot({ servers: [auto, current] }))).toEqual([]);
  });
});
