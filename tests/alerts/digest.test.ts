import { describe, expect, it } from 'vitest';
import { digestCard, dueDigest } from '../../src/alerts/digest.js';
import { emptyHistory } from '../../src/alerts/snapshot.js';
import type { AlertRecord } from '../../src/alerts/state.js';
import { DEFAULT_THRESHOLDS } from '../../src/alerts/thresholds.js';
import { plain } from './engine-harness.js';
import { account, ago, DAY, HOUR, NOW, server, snapshot } from './rules-fixtures.js';

const AMSTERDAM = { at: { hour: 9, minute: 0 }, timeZone: 'Europe/Amsterdam' };
const utc = (iso: string) => new Date(`${iso}Z`);

describe('when the digest is due', () => {
  it('is due from its local time (summer time in Amsterdam: 07:00 UTC), once per date', () => {
    expect(dueDigest(utc('2025-06-12T06:59:59'), AMSTERDAM, undefined)).toBeUndefined();
    expect(dueDigest(utc('2025-06-12T07:00:00'), AMSTERDAM, undefined)).toBe('2025-06-12');
    expect(dueDigest(utc('2025-06-12T07:00:00'), AMSTERDAM, '2025-06-12')).toBeUndefined();
    expect(dueDigest(utc('2025-06-13T07:00:00'), AMSTERDAM, '2025-06-12')).toBe('2025-06-13');
  });

  it('follows the clock change: 08:00 UTC in winter', () => {
    expect(dueDigest(utc('2025-12-12T07:30:00'), AMSTERDAM, undefined)).toBeUndefined();
    expect(dueDigest(utc('2025-12-12T08:00:00'), AMSTERDAM, undefined)).toBe('2025-12-12');
  });

  it('catches up on a missed digest for twelve hours, across midnight too', () => {
    expect(dueDigest(utc('2025-06-12T18:59:00'), AMSTERDAM, '2025-06-11')).toBe('2025-06-12');
    expect(dueDigest(utc('2025-06-12T19:00:00'), AMSTERDAM, '2025-06-11')).toBeUndefined();
    const late = { at: { hour: 20, minute: 0 }, timeZone: 'UTC' };
    expect(dueDigest(utc('2025-06-13T03:00:00'), late, '2025-06-11')).toBe('2025-06-12');
    expect(dueDigest(utc('2025-06-13T03:00:00'), late, '2025-06-12')).toBeUndefined();
  });
});

describe('the digest', () => {
  const finding = (title: string) => ({
    rule: 'capacity' as const,
    subject: 'server:1',
    severity: 'warning' as const,
    title,
    lines: [],
  });
  const alert = (fields: Partial<AlertRecord>): AlertRecord => ({
    id: 'a1',
    key: 'capacity|server:1',
    rule: 'capacity',
    subject: 'server:1',
    status: 'firing',
    severity: 'warning',
    finding: finding('Capacity warning · sw-1 (203.0.113.1) at 88% of channels (88/100)'),
    streak: 2,
    since: ago(HOUR),
    firedAt: ago(HOUR),
    endedAt: null,
    noticeId: 'a1',
    ack: null,
    ...fields,
  });

  it('sums up the fleet, the runway and the last day’s alerts', () => {
    const history = emptyHistory();
    history.balances = [
      { at: ago(2 * DAY), balance: 140 },
      { at: NOW, balance: 100 },
    ];
    const firing = alert({});
    const resolved = alert({
      id: 'a2',
      status: 'resolved',
      finding: finding('Capacity warning · sw-2 (203.0.113.2) at 90% of channels (90/100)'),
      firedAt: ago(3 * HOUR),
      endedAt: ago(3 * HOUR - 42 * 60_000),
    });
    const text = plain(
      digestCard({
        snapshot: snapshot({
          servers: [server(1, { channels: 88 }), server(2, { channels: 10, status: 'stopped' })],
          account: account({ balance: 100 }),
        }),
        history,
        thresholds: DEFAULT_THRESHOLDS,
        firing: [firing],
        recent: [resolved, firing],
        timeZone: 'UTC',
      }),
    );
    expect(text).toContain('☀ Daily digest · Quokka Telecom · Thursday 12 June');
    expect(text).toMatch(/Fleet:\s+2 servers · 1 active, 1 stopped/);
    expect(text).toMatch(/Channels:\s+98\/200 in use \(49%\)/);
    expect(text).toMatch(
      /Balance:\s+\$100 · spending about \$20 a day · runway 5 days \(Tuesday 11:00 UTC\)/,
    );
    expect(text).toMatch(/Firing now:\s+1 · 🟠 1/);
    expect(text).toContain('Last 24 hours: 2 alerts fired, 1 resolved');
    expect(text).toContain(
      '✅ Capacity warning · sw-2 (203.0.113.2) at 90% of channels (90/100) · resolved after 42 min',
    );
    expect(text).toContain('🟠 Capacity warning · sw-1 (203.0.113.1) at 88% of channels (88/100)');
  });
});
