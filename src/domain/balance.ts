import type { Account } from './schemas.js';

/** The seed's rule: a server needs $20 (+ $20 x other servers on the account) of available balance. */
export function balanceNeeded(otherServers: number, serverPrice: number): number {
  return serverPrice + serverPrice * otherServers;
}

export interface BalanceCheck {
  needed: number;
  balance: number;
  missing: number;
  met: boolean;
}

function check(needed: number, account: Account): BalanceCheck {
  const missing = Math.max(0, Math.round((needed - account.balance) * 100) / 100);
  return { needed, balance: account.balance, missing, met: missing === 0 };
}

/** A further deploy: every server already on the account counts as "other". */
export function deployCheck(account: Account, serversOnAccount: number): BalanceCheck {
  return check(balanceNeeded(serversOnAccount, account.server_price), account);
}

/** Reactivating a server already on the account: the others are every server but itself. */
export function reactivationCheck(account: Account, serversOnAccount: number): BalanceCheck {
  return check(balanceNeeded(Math.max(0, serversOnAccount - 1), account.server_price), account);
}

export function formatMoney(amount: number, currency = 'USD'): string {
  const symbol =
    currency === 'USD' ? '$' : currency === 'EUR' ? '€' : currency === 'GBP' ? '£' : `${currency} `;
  const sign = amount < 0 ? '-' : '';
  return `${sign}${symbol}${Math.abs(amount).toFixed(2)}`;
}
