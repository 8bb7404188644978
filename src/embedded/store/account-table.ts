import type { Account } from '../../domain/schemas.js';
import type { Db } from './database.js';

interface AccountRow {
  name: string;
  currency: string;
  balance: number;
  server_price: number;
  getting_started_done: number;
}

const cents = (amount: number) => Math.round(amount * 100) / 100;

/** The one account of the simulated panel. The balance is kept exact and shown in cents. */
export class AccountTable {
  constructor(private readonly db: Db) {}

  create(account: Account): void {
    this.db
      .prepare(
        `INSERT INTO account (id, name, currency, balance, server_price, getting_started_done)
         VALUES (1, @name, @currency, @balance, @server_price, @getting_started_done)`,
      )
      .run({ ...account, getting_started_done: account.getting_started_done ? 1 : 0 });
  }

  get(): Account {
    const row = this.db.prepare('SELECT * FROM account WHERE id = 1').get() as AccountRow;
    return {
      name: row.name,
      currency: row.currency,
      balance: cents(row.balance),
      server_price: row.server_price,
      getting_started_done: row.getting_started_done === 1,
    };
  }

  set(patch: { balance?: number | undefined; getting_started_done?: boolean | undefined }): void {
    if (patch.balance !== undefined)
      this.db.prepare('UPDATE account SET balance = ? WHERE id = 1').run(patch.balance);
    if (patch.getting_started_done !== undefined) {
      this.db
        .prepare('UPDATE account SET getting_started_done = ? WHERE id = 1')
        .run(patch.getting_started_done ? 1 : 0);
    }
  }

  /** Takes `amount` off the balance; answers the exact balance before and after. */
  charge(amount: number): { before: number; after: number } {
    const before = this.db.prepare('SELECT balance FROM account WHERE id = 1').pluck().get() as number;
    const after = before - amount;
    this.db.prepare('UPDATE account SET balance = ? WHERE id = 1').run(after);
    return { before, after };
  }
}
