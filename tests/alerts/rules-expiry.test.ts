import { describe, expect, it } from 'vitest';
import { findingKey } from '../../src/alerts/findings.js';
import { parseThresholds } from '../../src/alerts/thresholds.js';
import {
  account,
  ago,
  ahead,
  DAY,
  findingsOf,
  HOUR,
  server,
  snapshot,
  theFinding,
} from './rules-fixtures.js';

function endingIn(ms: number) {
  return snapshot({ servers: [server(43, { alias: 'ams-sw-2', expires: ahead(ms).toISOString() })] });
}

describe('expiry steps', () => {
  it('says nothing more than 14 days out', () => {
    expect(findingsOf('expiry', endingIn(14 * DAY + HOUR))).toEqual([]);
  });

  it.each([
    { label: '14 days', left: 14 * DAY, step: 14, severity: 'info' },
    { label: '10 days', left: 10 * DAY, step: 14, severity: 'info' },
    { label: '7 days', left: 7 * DAY, step: 7, severity: 'warning' },
    { label: '4 days', left: 4 * DAY, step: 7, severity: 'warning' },
    { label: '3 days', left: 3 * DAY, step: 3, severity: 'warning' },
    { label: '25 hours', left: DAY + HOUR, step: 3, severity: 'warning' },
    { label: '24 hours', left: DAY, step: 1, severity: 'critical' },
    { label: '2 hours', left: 2 * HOUR, step: 1, severity: 'critical' },
  ])('$label left is step $step ($severity)', ({ left, step, severity }) => {
    const finding = theFinding('expiry', endingIn(left));
    expect(finding.severity).toBe(severity);
    expect(finding.values?.step).toBe(step);
  });

  it('gives each step its own key, so each posts its own message', () => {
    const keys = [10, 5, 2, 0.5].map((days) => findingKey(theFinding('expiry', endingIn(days * DAY))));
    expect(keys).toEqual([
      'expiry|server:43|14',
      'expiry|server:43|7',
      'expiry|server:43|3',
      'expiry|server:43|1',
    ]);
  });

  it('writes when, in the configured time zone', () => {
    expect(theFinding('expiry', endingIn(3 * DAY - 2 * HOUR)).title).toBe(
      "ams-sw-2's test period ends in 3 days (Sunday 09:00 UTC)",
    );
    expect(theFinding('expiry', endingIn(10 * DAY)).title).toBe(
      "ams-sw-2's test period ends in 10 days (Sun 22 Jun 11:00 UTC)",
    );
    const amsterdam = parseThresholds({ timeZone: 'Europe/Amsterdam' });
    if (!amsterdam.ok) throw new Error(amsterdam.problems.join('\n'));
    expect(theFinding('expiry', endingIn(20 * HOUR), { thresholds: amsterdam.thresholds }).title).toBe(
      "ams-sw-2's test period ends in 20 hours (Friday 09:00 CEST)",
    );
  });

  it('keeps the last step once the end has passed, until the server shows expired', () => {
    const overdue = snapshot({
      servers: [server(43, { alias: 'ams-sw-2', expires: ago(HOUR).toISOString() })],
    });
    const finding = theFinding('expiry', overdue);
    expect(finding.values?.step).toBe(1);
    expect(finding.title).toBe("ams-sw-2's test period ended Thursday 10:00 UTC");
  });

  it('says who relies on the server: failover pointing at it, dispatchers balancing it', () => {
    const expiring = server(43, { alias: 'ams-sw-2', cluster_id: 3, expires: ahead(2 * DAY).toISOString() });
    const hot = server(42, { alias: 'ams-sw-1', cluster_id: 3, config: { capacity_failover_id: 43 } });
    const lb = server(41, { alias: 'ams-lb-1', type: 'dispatcher', cluster_id: 3, members: [42, 43] });
    const finding = theFinding(
      'expiry',
      snapshot({ servers: [lb, hot, expiring], clusters: [{ id: 3, name: 'eu-core' }] }),
    );
    expect(finding.lines).toEqual([
      'ams-sw-2 (203.0.113.43), switch in Amsterdam: when its test period ends it is disabled (status expired) and stops processing calls.',
      'Capacity failover of ams-sw-1 (203.0.113.42) points at it: that failover stops working then.',
      'It is a member of dispatcher ams-lb-1 (203.0.113.41): calls will be balanced over one switch fewer.',
    ]);
    expect(finding.cluster).toEqual({ id: 3, name: 'eu-core' });
  });

  it('follows configured steps', () => {
    const custom = parseThresholds({
      expiry: {
        steps: [
          { days: 30, severity: 'info' },
          { days: 2, severity: 'critical' },
        ],
      },
    });
    if (!custom.ok) throw new Error(custom.problems.join('\n'));
    const finding = theFinding('expiry', endingIn(20 * DAY), { thresholds: custom.thresholds });
    expect(finding.values?.step).toBe(30);
    expect(theFinding('expiry', endingIn(DAY), { thresholds: custom.thresholds }).severity).toBe('critical');
  });

  it('ignores servers without a test period or with an unreadable date', () => {
    const none = server(1);
    const garbled = server(2, { expires: 'next tuesday' });
    expect(findingsOf('expiry', snapshot({ servers: [none, garbled] }))).toEqual([]);
  });
});

describe('expired servers', () => {
  it('is critical, leaves the expiry steps alone and says what a reactivation costs', () => {
    const dead = server(9, {
      alias: 'sgp-sw-9',
      ip: '198.51.100.7',
      status: 'expired',
      expires: ago(DAY).toISOString(),
    });
    const others = [server(1), server(2)];
    const snap = snapshot({ servers: [dead, ...others], account: account({ balance: 25.5 }) });
    expect(findingsOf('expiry', snap)).toEqual([]);
    const finding = theFinding('expired', snap);
    expect(finding.severity).toBe('critical');
    expect(finding.title).toBe('sgp-sw-9 (198.51.100.7) has expired');
    expect(finding.lines).toEqual([
      'It processes no calls until it is reactivated.',
      'Reactivating it needs $60 of available balance; the account has $25.50: add at least $34.50 first.',
    ]);
    expect(finding.values).toMatchObject({ reactivationNeeded: 60, missing: 34.5 });
  });

  it('does not ask for money the account has', () => {
    const dead = server(9, { status: 'expired' });
    const finding = theFinding('expired', snapshot({ servers: [dead] }));
    expect(finding.lines[1]).toBe('Reactivating it needs $20 of available balance; the account has $1000.');
  });
});
