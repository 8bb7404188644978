import { describe, expect, it } from 'vitest';
import { balanceNeeded, deployCheck, formatMoney, reactivationCheck } from '../../src/domain/balance.js';
import type { Account } from '../../src/domain/schemas.js';

const account = (balance: number): Account => ({
  name: 'Quokka Telecom',
  currency: 'USD',
  balance,
  server_price: 20,
  getting_started_done: true,
});

describe('the balance rule: $20 (+ $20 x other servers on the account)', () => {
  it('needs $20 for a first server and $20 more for each other one', () => {
    expect(balanceNeeded(0, 20)).toBe(20);
    expect(balanceNeeded(7, 20)).toBe(160);
  });

  it('counts every server already on the account as "other" for a deploy', () => {
    expect(deployCheck(account(160), 7)).toEqual({ needed: 160, balance: 160, missing: 0, met: true });
    expect(deployCheck(account(35), 7)).toEqual({ needed: 160, balance: 35, missing: 125, met: false });
  });

  it('does not count the server itself when it is reactivated', () => {
    expect(reactivationCheck(account(140), 7)).toMatchObject({ needed: 140, met: true });
    expect(reactivationCheck(account(139.99), 7)).toMatchObject({ missing: 0.01, met: false });
  });

  it('keeps cents exact', () => {
    expect(deployCheck(account(159.9), 7).missing).toBe(0.1);
  });

  it('formats money with the currency symbol', () => {
    expect(formatMoney(412.5)).toBe('$412.50');
    expect(formatMoney(-3, 'EUR')).toBe('-€3.00');
    expect(formatMoney(1, 'CHF')).toBe('CHF 1.00');
  });
});
