import { describe, expect, it } from 'vitest';
import { emptyHistory, type History } from '../../src/alerts/snapshot.js';
import { account, ago, DAY, findingsOf, HOUR, NOW, server, snapshot, theFinding } from './rules-fixtures.js';

const SEVEN_SERVERS = [1, 2, 3, 4, 5, 6, 7].map((id) => server(id));

/** Hourly samples over two days, spending `perDay`, with a $50 top-up 18 hours ago; ends at `balance`. */
function spendingHistory(balance: number, perDay: number): History {
  const topUpAt = NOW.getTime() - 18.5 * HOUR;
  const balances = Array.from({ length: 49 }, (_, i) => {
    const at = ago((48 - i) * HOUR);
    const later = (NOW.getTime() - at.getTime()) / DAY;
    const topUp = at.getTime() < topUpAt ? 50 : 0;
    return { at, balance: balance + perDay * later - topUp };
  });
  return { ...emptyHistory(), balances };
}

function money(balance: number, perDay: number, servers = SEVEN_SERVERS) {
  return {
    snap: snapshot({ servers, account: account({ balance }) }),
    history: spendingHistory(balance, perDay),
  };
}

describe('top-up', () => {
  it('warns at two days of runway with the figures, the deploy price and how much to add', () => {
    const { snap, history } = money(38.2, 19.1);
    const finding = theFinding('topup', snap, { history });
    expect(finding.severity).toBe('warning');
    expect(finding.subject).toBe('account');
    expect(finding.title).toBe('Top-up needed · Quokka Telecom');
    expect(finding.lines).toEqual([
      'balance $38.20 · spending about $19.10 a day → runs out in 2 days (Saturday 11:00 UTC)',
      'A further deploy would need $160 (7 servers on the account).',
      'Add at least $96 to keep 7 days of runway.',
    ]);
    expect(finding.values?.ratePerDay).toBeCloseTo(19.1, 6);
    expect(finding.values?.runwayDays).toBeCloseTo(2, 6);
    expect(finding.values?.addAtLeast).toBe(96);
    expect(finding.values?.runsOutAt).toBeCloseTo(Date.parse('2025-06-14T11:00:00Z'), -3);
  });

  it('is critical under two days', () => {
    const { snap, history } = money(30, 19.1);
    const finding = theFinding('topup', snap, { history });
    expect(finding.severity).toBe('critical');
    expect(finding.lines[0]).toBe(
      'balance $30 · spending about $19.10 a day → runs out in 38 hours (Saturday 00:41 UTC)',
    );
    expect(finding.lines[2]).toBe('Add at least $104 to keep 7 days of runway.');
  });

  it('warns just under seven days and not at seven', () => {
    expect(theFinding('topup', money(139, 20).snap, { history: money(139, 20).history }).severity).toBe(
      'warning',
    );
    expect(findingsOf('topup', money(140, 20).snap, { history: money(140, 20).history })).toEqual([]);
  });

  it('is critical at zero, with the rate it measured', () => {
    const { snap, history } = money(0, 19.1);
    const finding = theFinding('topup', snap, { history });
    expect(finding.severity).toBe('critical');
    expect(finding.lines[0]).toBe(
      'balance $0 · spending about $19.10 a day · the account has run out: its servers expire and stop processing calls',
    );
    expect(finding.lines[2]).toBe('Add at least $134 to keep 7 days of runway.');
  });

  it('is critical below zero even without history, and asks for a reactivation’s worth', () => {
    const snap = snapshot({ servers: SEVEN_SERVERS, account: account({ balance: -4.5 }) });
    const finding = theFinding('topup', snap);
    expect(finding.severity).toBe('critical');
    expect(finding.lines).toEqual([
      'balance -$4.50 · the account has run out: its servers expire and stop processing calls',
      'A further deploy would need $160 (7 servers on the account).',
      'Add at least $144.50: reactivating a server needs $140.',
    ]);
  });

  it('stays quiet without enough history to measure a rate', () => {
    const snap = snapshot({ servers: SEVEN_SERVERS, account: account({ balance: 1 }) });
    const history = { ...emptyHistory(), balances: [{ at: ago(30 * 60_000), balance: 3 }] };
    expect(findingsOf('topup', snap, { history })).toEqual([]);
  });

  it('adds the snapshot’s own balance to the history when the history lacks it', () => {
    const snap = snapshot({ servers: SEVEN_SERVERS, account: account({ balance: 10 }) });
    const history = { ...emptyHistory(), balances: [{ at: ago(DAY), balance: 30 }] };
    const finding = theFinding('topup', snap, { history });
    expect(finding.values?.ratePerDay).toBeCloseTo(20, 10);
    expect(finding.severity).toBe('critical');
  });

  it('measures only the configured window: old spending does not count', () => {
    const snap = snapshot({ servers: SEVEN_SERVERS, account: account({ balance: 100 }) });
    const history = {
      ...emptyHistory(),
      balances: [
        { at: ago(9 * DAY), balance: 900 },
        { at: ago(8 * DAY), balance: 100 },
        { at: ago(2 * DAY), balance: 100 },
      ],
    };
    expect(findingsOf('topup', snap, { history })).toEqual([]);
  });
});

describe('balance for a further deploy', () => {
  it('notes what a deploy needs once the balance falls short of it', () => {
    const snap = snapshot({ servers: SEVEN_SERVERS, account: account({ balance: 150 }) });
    const finding = theFinding('balance-deploy', snap);
    expect(finding.severity).toBe('info');
    expect(finding.lines).toEqual([
      'A further deploy would need $160 (7 servers on the account). The available balance is $150: add $10 to deploy.',
    ]);
  });

  it('is silent while a deploy is covered', () => {
    expect(
      findingsOf('balance-deploy', snapshot({ servers: SEVEN_SERVERS, account: account({ balance: 160 }) })),
    ).toEqual([]);
  });

  it('mentions a reactivation it cannot cover, and warns when an expired server waits for one', () => {
    const servers = [
      ...SEVEN_SERVERS.slice(0, 6),
      server(9, { alias: 'sgp-sw-9', ip: '198.51.100.7', status: 'expired' }),
    ];
    const finding = theFinding('balance-deploy', snapshot({ servers, account: account({ balance: 100 }) }));
    expect(finding.severity).toBe('warning');
    expect(finding.lines.slice(1)).toEqual([
      'Reactivating a server would need $140: add $40 to reactivate.',
      'Expired now: sgp-sw-9 (198.51.100.7).',
    ]);
    const allUp = theFinding(
      'balance-deploy',
      snapshot({ servers: SEVEN_SERVERS, account: account({ balance: 100 }) }),
    );
    expect(allUp.severity).toBe('info');
    expect(allUp.lines).toHaveLength(2);
  });
});
