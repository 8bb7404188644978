import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { controlPlaneUnreachable } from '../../src/alerts/controlplane-finding.js';
import { Finding, findingKey, type Severity } from '../../src/alerts/findings.js';
import { emptyHistory, nextHistory } from '../../src/alerts/snapshot.js';
import { DEFAULT_THRESHOLDS, parseThresholds } from '../../src/alerts/thresholds.js';
import { SERVER_STATUSES } from '../../src/domain/schemas.js';
import { account, ago, ahead, DAY, HOUR, NOW, run, server, snapshot } from './rules-fixtures.js';

describe('thresholds', () => {
  it('defaults to the documented levels', () => {
    expect(DEFAULT_THRESHOLDS.channels).toEqual({
      warning: { enter: 85, exit: 75 },
      critical: { enter: 95, exit: 90 },
    });
    expect(DEFAULT_THRESHOLDS.expiry.steps.map((s) => s.days)).toEqual([14, 7, 3, 1]);
    expect(DEFAULT_THRESHOLDS.topup).toMatchObject({ warningDays: 7, criticalDays: 2, targetDays: 7 });
    expect(DEFAULT_THRESHOLDS.health.sipLatencyMs.warning.enter).toBe(250);
    expect(DEFAULT_THRESHOLDS.advice).toMatchObject({
      maxChannels: 1000,
      maxCps: 100,
      comfortablePercent: 50,
    });
  });

  it('merges an override onto the defaults', () => {
    const parsed = parseThresholds({ cps: { critical: { enter: 99 } }, topup: { warningDays: 10 } });
    expect(parsed.ok && parsed.thresholds.cps).toEqual({
      warning: { enter: 85, exit: 75 },
      critical: { enter: 99, exit: 90 },
    });
    expect(parsed.ok && parsed.thresholds.topup.warningDays).toBe(10);
    expect(parsed.ok && parsed.thresholds.channels).toEqual(DEFAULT_THRESHOLDS.channels);
  });

  it('names every bad value and what to do instead', () => {
    const parsed = parseThresholds({
      channels: { warning: { exit: 90 }, critical: { entr: 96 } },
      expiry: {
        steps: [
          { days: 3, severity: 'warning' },
          { days: 7, severity: 'info' },
        ],
      },
      timeZone: 'Mars/Olympus',
    });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems).toEqual([
      'channels.warning.exit: exit must be at or below enter: it is the level a firing alert clears at',
      'channels.critical: Unrecognized key: "entr"',
      'expiry.steps: list the steps from the most days left to the fewest, each day count once',
      'timeZone: not a time zone: use an IANA name such as UTC or Europe/Amsterdam',
    ]);
  });

  it('refuses a warning level above the critical one', () => {
    const parsed = parseThresholds({ channels: { warning: { enter: 97, exit: 80 } } });
    expect(!parsed.ok && parsed.problems).toEqual([
      'channels.warning.enter: the warning level must start at or below the critical level',
    ]);
  });
});

describe('findingKey', () => {
  const base = { subject: 'server:12', severity: 'warning' as const, title: 't', lines: [] };

  it('is rule and subject', () => {
    expect(findingKey({ ...base, rule: 'capacity', values: { percent: 90 } })).toBe('capacity|server:12');
  });

  it('adds the step of a stepped finding', () => {
    expect(findingKey({ ...base, rule: 'expiry', values: { step: 7 } })).toBe('expiry|server:12|7');
  });
});

describe('nextHistory', () => {
  const busy = server(1, { channels: 30, channels_max: 60, status: 'active' });
  const dispatcher = server(2, { type: 'dispatcher', channels_max: 0, status: 'stopped' });

  it('records the balance, each server’s usage and when its status began', () => {
    const history = nextHistory(
      emptyHistory(),
      snapshot({ servers: [busy, dispatcher], account: account({ balance: 77 }) }),
      DEFAULT_THRESHOLDS,
    );
    expect(history.balances).toEqual([{ at: NOW, balance: 77 }]);
    expect(history.usage.get(1)).toEqual([{ at: NOW, share: 0.5 }]);
    expect(history.usage.has(2)).toBe(false);
    expect(history.statusSince.get(2)).toEqual({ status: 'stopped', since: NOW });
  });

  it('keeps a status’s start while it lasts and restarts it on a change', () => {
    const before = {
      ...emptyHistory(),
      statusSince: new Map([
        [1, { status: 'active' as const, since: ago(DAY) }],
        [2, { status: 'active' as const, since: ago(DAY) }],
      ]),
    };
    const history = nextHistory(before, snapshot({ servers: [busy, dispatcher] }), DEFAULT_THRESHOLDS);
    expect(history.statusSince.get(1)?.since).toEqual(ago(DAY));
    expect(history.statusSince.get(2)).toEqual({ status: 'stopped', since: NOW });
  });

  it('forgets what the rules no longer look at: old samples, removed servers', () => {
    const before = {
      ...emptyHistory(),
      balances: [
        { at: ago(8 * DAY), balance: 500 },
        { at: ago(6 * DAY), balance: 400 },
      ],
      usage: new Map([
        [
          1,
          [
            { at: ago(25 * HOUR), share: 1 },
            { at: ago(HOUR), share: 0.2 },
          ],
        ],
        [99, [{ at: ago(HOUR), share: 0.9 }]],
      ]),
    };
    const history = nextHistory(before, snapshot({ servers: [busy] }), DEFAULT_THRESHOLDS);
    expect(history.balances.map((b) => b.balance)).toEqual([400, 1000]);
    expect(history.usage.get(1)?.map((s) => s.share)).toEqual([0.2, 0.5]);
    expect(history.usage.has(99)).toBe(false);
  });
});

describe('controlPlaneUnreachable', () => {
  it('says since when, how often and the last error', () => {
    const finding = controlPlaneUnreachable({
      baseUrl: 'https://app.connexcs.com/api/cp/',
      failedPolls: 3,
      since: ago(4 * 60_000),
      at: NOW,
      error: 'the control plane did not answer within 10 s',
      timeZone: 'UTC',
    });
    expect(Finding.parse(finding)).toEqual(finding);
    expect(finding.lines).toEqual([
      '3 polls in a row failed since Thursday 10:56 UTC (4 min).',
      'Last error: the control plane did not answer within 10 s',
      'Fleet alerts cannot change until it answers again.',
    ]);
  });
});

describe('evaluate over any fleet', () => {
  const anyServer = fc
    .record({
      channelsMax: fc.integer({ min: 0, max: 2000 }),
      load: fc.double({ min: 0, max: 1.1, noNaN: true }),
      cpsMax: fc.integer({ min: 0, max: 300 }),
      cps: fc.integer({ min: 0, max: 300 }),
      cluster: fc.constantFrom(null, 1, 2),
      status: fc.constantFrom(...SERVER_STATUSES),
      expiresInHours: fc.option(fc.integer({ min: -48, max: 24 * 20 })),
      latency: fc.option(fc.integer({ min: 1, max: 2000 })),
      stale: fc.boolean(),
      autoUpgrade: fc.boolean(),
    })
    .map((r) => ({
      channels_max: r.channelsMax,
      channels: Math.floor(r.channelsMax * r.load),
      cps_max: r.cpsMax,
      cps: r.cps,
      cluster_id: r.cluster,
      status: r.status,
      expires: r.expiresInHours === null ? null : ahead(r.expiresInHours * HOUR).toISOString(),
      sip_latency_ms: r.latency,
      stale: r.stale,
      config: { auto_upgrade: r.autoUpgrade },
    }));
  const anyFleet = fc.record({
    servers: fc.array(anyServer, { maxLength: 8 }),
    balance: fc.integer({ min: -50, max: 500 }),
  });
  const build = ({ servers, balance }: FleetInput) =>
    snapshot({
      servers: servers.map((fields, i) => server(i + 1, fields)),
      clusters: [
        { id: 1, name: 'eu-core' },
        { id: 2, name: 'us-east' },
      ],
      account: account({ balance }),
    });
  type FleetInput = typeof anyFleet extends fc.Arbitrary<infer T> ? T : never;
  const severities = (findings: Finding[]) =>
    new Map(findings.map((f) => [findingKey(f), f.severity] as const));
  const rank: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

  it('returns valid findings with one key each', () => {
    fc.assert(
      fc.property(anyFleet, (fleet) => {
        const findings = run(build(fleet));
        for (const f of findings) expect(Finding.parse(f)).toEqual(f);
        expect(new Set(findings.map(findingKey)).size).toBe(findings.length);
      }),
    );
  });

  it('is settled: fed its own result as the previous state, it returns the same', () => {
    fc.assert(
      fc.property(anyFleet, (fleet) => {
        const snap = build(fleet);
        const first = run(snap);
        expect(severities(run(snap, { previous: Object.fromEntries(severities(first)) }))).toEqual(
          severities(first),
        );
      }),
    );
  });

  it('only ever holds more with a firing past, never less', () => {
    fc.assert(
      fc.property(anyFleet, fc.constantFrom<Severity>('warning', 'critical'), (fleet, past) => {
        const snap = build(fleet);
        const fresh = severities(run(snap));
        const keys = snap.servers.flatMap((s) => [
          `capacity|server:${s.id}`,
          `cps|server:${s.id}`,
          `health-latency|server:${s.id}`,
        ]);
        const held = severities(run(snap, { previous: Object.fromEntries(keys.map((k) => [k, past])) }));
        for (const [key, severity] of fresh)
          expect(rank[held.get(key) ?? 'info']).toBeGreaterThanOrEqual(rank[severity]);
      }),
    );
  });
});
