import { describe, expect, it } from 'vitest';
import { Finding, type Severity } from '../../src/alerts/findings.js';
import type { Server } from '../../src/domain/schemas.js';
import type { ProbeHistory } from '../../src/probe/history.js';
import { probeFindings } from '../../src/probe/rules.js';
import { DEFAULT_PROBE_THRESHOLDS, ProbeThresholds } from '../../src/probe/thresholds.js';
import { server } from '../alerts/rules-fixtures.js';
import { answered, failed, historyOf, lost } from './probe-fixtures.js';

const sw = server(42, { alias: 'ams-sw-1', ip: '203.0.113.42', sip_latency_ms: 4 });

function findings(servers: Server[], history: ProbeHistory, previous: Record<string, Severity> = {}) {
  return probeFindings({ servers, clusters: [] }, history, new Map(Object.entries(previous)));
}

function only(rule: Finding['rule'], found: Finding[]): Finding {
  const matching = found.filter((f) => f.rule === rule);
  if (matching.length !== 1) throw new Error(`expected one ${rule} finding, got ${matching.length}`);
  return matching[0]!;
}

const ok = answered(12);

describe('probe-unreachable', () => {
  it('says nothing while every probe is answered', () => {
    expect(findings([sw], historyOf([sw, { 5060: [ok, ok, ok, ok, ok] }]))).toEqual([]);
  });

  it('warns after three unanswered probes in a row, next to what the control plane sees', () => {
    const found = only(
      'probe-unreachable',
      findings([sw], historyOf([sw, { 5060: [ok, ok, lost, lost, lost] }])),
    );
    expect(found).toMatchObject({
      subject: 'server:42',
      severity: 'warning',
      title: 'ams-sw-1 (203.0.113.42) misses SIP probes from outside',
      server: { id: 42, alias: 'ams-sw-1', ip: '203.0.113.42' },
      values: { missedProbes: 3, window: 5 },
    });
    expect(found.lines[0]).toBe('UDP 5060: 3 of the last 5 OPTIONS unanswered.');
    expect(found.lines[1]).toContain(
      'The control plane says it is active and gets SIP answers in 4 ms from inside',
    );
    expect(() => Finding.parse(found)).not.toThrow();
  });

  it('is critical when none of the window was answered', () => {
    const found = only(
      'probe-unreachable',
      findings([sw], historyOf([sw, { 5060: [lost, lost, lost, lost, lost] }])),
    );
    expect(found).toMatchObject({
      severity: 'critical',
      title: 'ams-sw-1 (203.0.113.42) does not answer SIP from outside',
    });
    expect(found.lines[0]).toBe('UDP 5060: no answer to the last 5 OPTIONS.');
  });

  it('names the silent port when the others answer', () => {
    const history = historyOf([sw, { 5060: [ok, ok, ok], 5080: [lost, lost, lost] }]);
    const found = only('probe-unreachable', findings([sw], history));
    expect(found.title).toBe('ams-sw-1 (203.0.113.42) does not answer SIP from outside on UDP 5080');
    expect(found.lines.slice(0, 2)).toEqual([
      'UDP 5060: answers (median 12 ms, SIP/2.0 200 OK).',
      'UDP 5080: no answer to the last 3 OPTIONS.',
    ]);
  });

  it('counts a probe that could not be sent as unanswered, and says why', () => {
    const unsent = failed('EHOSTUNREACH: send EHOSTUNREACH 203.0.113.42:5060');
    const found = only('probe-unreachable', findings([sw], historyOf([sw, { 5060: [lost, lost, unsent] }])));
    expect(found.lines[0]).toBe(
      'UDP 5060: no answer to the last 3 OPTIONS (the last one could not be sent: EHOSTUNREACH: send EHOSTUNREACH 203.0.113.42:5060).',
    );
  });

  it('holds a firing alert down to its exit level, so a lossy path does not flap', () => {
    const recovering = historyOf([sw, { 5060: [lost, lost, ok, ok, ok] }]);
    expect(findings([sw], recovering)).toEqual([]);
    const held = only(
      'probe-unreachable',
      findings([sw], recovering, { 'probe-unreachable|server:42': 'warning' }),
    );
    expect(held.severity).toBe('warning');
    expect(held.lines.at(-1)).toBe(
      'It answers more often again; the alert holds until fewer than 2 of the last 5 probes of a port go unanswered.',
    );
    const recovered = historyOf([sw, { 5060: [lost, ok, ok, ok, ok] }]);
    expect(findings([sw], recovered, { 'probe-unreachable|server:42': 'warning' })).toEqual([]);
  });

  it('drops from critical to warning only below the critical exit', () => {
    const oneAnswer = historyOf([sw, { 5060: [lost, lost, lost, lost, ok] }]);
    const previous = { 'probe-unreachable|server:42': 'critical' as const };
    expect(only('probe-unreachable', findings([sw], oneAnswer, previous)).severity).toBe('critical');
    expect(only('probe-unreachable', findings([sw], oneAnswer)).severity).toBe('warning');
  });

  it('judges only servers the control plane calls active', () => {
    const stopped = { ...sw, status: 'stopped' as const };
    expect(findings([stopped], historyOf([stopped, { 5060: [lost, lost, lost, lost, lost] }]))).toEqual([]);
  });

  it('says nothing of a server that was never probed', () => {
    expect(findings([sw], historyOf())).toEqual([]);
  });
});

describe('probe-latency', () => {
  it('warns on the median round trip, and tells a slow path from a slow server', () => {
    const history = historyOf([
      sw,
      { 5060: [answered(300), answered(900), answered(280)], 5080: [ok, ok, ok] },
    ]);
    const found = only('probe-latency', findings([sw], history));
    expect(found).toMatchObject({
      severity: 'warning',
      title: 'SIP latency from outside warning · ams-sw-1 (203.0.113.42) at 300 ms',
      values: { probeLatencyMs: 300 },
    });
    expect(found.lines).toEqual([
      'SIP OPTIONS from outside take 300 ms on UDP 5060 (median of the last 3 answers; warning from 250 ms).',
      'Other ports: UDP 5080 12 ms.',
      'The control plane gets answers in 4 ms from inside: the server is quick, the path from outside is slow.',
    ]);
    const slowInside = { ...sw, sip_latency_ms: 280 };
    expect(only('probe-latency', findings([slowInside], history)).lines).toContain(
      'The control plane measures 280 ms too: the server itself answers slowly.',
    );
  });

  it('is critical from 1,000 ms', () => {
    const history = historyOf([sw, { 5060: [answered(1_200), answered(1_300)] }]);
    expect(only('probe-latency', findings([sw], history))).toMatchObject({
      severity: 'critical',
      values: { probeLatencyMs: 1_250 },
    });
  });

  it('holds a firing warning down to 200 ms', () => {
    const history = historyOf([sw, { 5060: [answered(220), answered(230), answered(210)] }]);
    expect(findings([sw], history)).toEqual([]);
    const held = only('probe-latency', findings([sw], history, { 'probe-latency|server:42': 'warning' }));
    expect(held.lines.at(-1)).toBe(
      'Below the 250 ms warning level, but it holds until it drops under 200 ms.',
    );
  });

  it('ignores unanswered probes: they are the other rule', () => {
    expect(findings([sw], historyOf([sw, { 5060: [ok] }])).filter((f) => f.rule === 'probe-latency')).toEqual(
      [],
    );
    expect(
      findings([sw], historyOf([sw, { 5060: [lost] }])).filter((f) => f.rule === 'probe-latency'),
    ).toEqual([]);
  });
});

describe('ProbeThresholds', () => {
  it('defaults to a window of 5, misses at 3/2 and 5/4, latency like the control plane rule', () => {
    expect(DEFAULT_PROBE_THRESHOLDS).toEqual({
      window: 5,
      misses: { warning: { enter: 3, exit: 2 }, critical: { enter: 5, exit: 4 } },
      latencyMs: { warning: { enter: 250, exit: 200 }, critical: { enter: 1000, exit: 800 } },
    });
  });

  it('refuses levels that could never fire or never clear', () => {
    const band = (enter: number, exit: number) => ({ enter, exit });
    expect(ProbeThresholds.safeParse({ misses: { warning: band(3, 4), critical: band(5, 4) } }).success).toBe(
      false,
    );
    expect(ProbeThresholds.safeParse({ window: 3 }).success).toBe(false);
    expect(
      ProbeThresholds.safeParse({ window: 3, misses: { warning: band(2, 1), critical: band(3, 2) } }).success,
    ).toBe(true);
  });
});
