import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

/** Prepares each SQL text once: the tables run the same statements thousands of times a second. */
export class Statements {
  private readonly cache = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  get(sql: string): Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }

  /** The same statement answering the first column only; a separate one, since pluck() changes it. */
  pluck(sql: string): Statement {
    const key = `pluck:${sql}`;
    let statement = this.cache.get(key);
    if (!statement) {
      statement = this.db.prepare(sql).pluck();
      this.cache.set(key, statement);
    }
    return statement;
  }
}
