import { type BalanceCheck, formatMoney } from '../../domain/balance.js';
import type { Account } from '../../domain/schemas.js';
import { paymentRequired } from '../api-error.js';

/** The 402 of the balance rule, with every figure the user needs to top up the right amount. */
export function shortfall(what: string, check: BalanceCheck, account: Account, otherServers: number) {
  const money = (amount: number) => formatMoney(amount, account.currency);
  const price = money(account.server_price);
  const servers = otherServers === 1 ? 'other server' : 'other servers';
  return paymentRequired(
    `${what} needs ${money(check.needed)} of available balance (${price} + ${price} × ${otherServers} ${servers} ` +
      `on the account); the balance is ${money(check.balance)}: add at least ${money(check.missing)}.`,
  );
}
