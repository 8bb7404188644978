import { chmodSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { StoreError } from '../../src/store/errors.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { scratchFolder } from './scratch-folder.js';

const scratch = scratchFolder();
afterEach(() => scratch.cleanUp());

function tableNames(db: BetterSqlite3.Database): string[] {
  return db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
}

function storeErrorOf(action: () => unknown): StoreError {
  try {
    action();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected a StoreError, nothing was thrown');
}

/** A database file made by openDatabase and closed again, ready to be tampered with. */
function closedDatabase(): string {
  const path = join(scratch.folder(), 'switchboard.db');
  openDatabase(path).close();
  return path;
}

describe('openDatabase', () => {
  it('creates the parent folder and the schema from nothing, in WAL mode with foreign keys on', () => {
    const path = join(scratch.folder(), 'nested', 'data', 'switchboard.db');
    const db = scratch.track(openDatabase(path));

    expect(existsSync(path)).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(tableNames(db)).toEqual(
      expect.arrayContaining(['approvals', 'audit', 'alerts', 'outbox', 'silences']),
    );
  });

  it('reopens an up-to-date database without changing it', () => {
    const path = closedDatabase();
    const first = scratch.track(new BetterSqlite3(path));
    first.prepare(`INSERT INTO audit (at, event) VALUES (1, 'run')`).run();
    first.close();

    const db = scratch.track(openDatabase(path));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT count(*) FROM audit').pluck().get()).toBe(1);
  });

  it('applies only the migrations a database is missing, one version at a time', () => {
    const path = join(scratch.folder(), 'switchboard.db');
    openDatabase(path, { migrations: ['CREATE TABLE one (x INTEGER)'] }).close();

    const db = scratch.track(
      openDatabase(path, {
        migrations: [
          'CREATE TABLE one (x INTEGER)',
          'CREATE TABLE two (x INTEGER)',
          (d) => d.prepare('INSERT INTO two (x) VALUES (2)').run(),
        ],
      }),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(tableNames(db)).toEqual(['one', 'two']);
    expect(db.prepare('SELECT x FROM two').pluck().all()).toEqual([2]);
  });

  it('rolls a failing migration back whole and says which one failed', () => {
    const path = join(scratch.folder(), 'switchboard.db');
    const error = storeErrorOf(() =>
      openDatabase(path, {
        migrations: ['CREATE TABLE one (x INTEGER)', 'CREATE TABLE two (x INTEGER); CREATE TABLE broken ('],
      }),
    );
    expect(error.kind).toBe('migration-failed');
    expect(error.message).toMatch(/migration 2 failed .*stays at schema version 1/);

    const db = scratch.track(new BetterSqlite3(path));
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tableNames(db)).toEqual(['one']);
  });

  it('opens an in-memory database for tests of other parts', () => {
    const db = scratch.track(openDatabase(':memory:'));
    expect(tableNames(db)).toEqual(
      expect.arrayContaining(['approvals', 'audit', 'alerts', 'outbox', 'silences']),
    );
  });

  it('refuses a database written by a newer Switchboard, and leaves it alone', () => {
    const path = closedDatabase();
    const newer = new BetterSqlite3(path);
    newer.pragma(`user_version = ${MIGRATIONS.length + 3}`);
    newer.close();
    const before = readFileSync(path);

    const error = storeErrorOf(() => openDatabase(path));
    expect(error.kind).toBe('too-new');
    expect(error.message).toBe(
      `${path} was written by a newer Switchboard (schema version ${MIGRATIONS.length + 3}; this one knows up to ${MIGRATIONS.length}): upgrade Switchboard, or point SWITCHBOARD_DATA_DIR elsewhere`,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database without writing to it', () => {
    const path = join(scratch.folder(), 'switchboard.db');
    const text = 'these are my notes, not a database\n'.repeat(50);
    writeFileSync(path, text);

    const error = storeErrorOf(() => openDatabase(path));
    expect(error.kind).toBe('not-a-database');
    expect(error.message).toBe(
      `${path} is not a SQLite database (or is encrypted): move it away or point SWITCHBOARD_DATA_DIR elsewhere`,
    );
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a read-only copy of a database (even for root) without touching it', () => {
    const copy = join(scratch.folder(), 'copy.db');
    copyFileSync(closedDatabase(), copy);
    chmodSync(copy, 0o444);
    const before = readFileSync(copy);

    const error = storeErrorOf(() => openDatabase(copy));
    expect(error.kind).toBe('read-only');
    expect(error.message).toMatch(
      new RegExp(`^${copy} is read-only: .*point SWITCHBOARD_DATA_DIR elsewhere$`),
    );
    expect(readFileSync(copy).equals(before)).toBe(true);
  });

  it('says a database is locked when another connection holds the write lock', () => {
    const path = closedDatabase();
    const holder = scratch.track(new BetterSqlite3(path));
    holder.exec('BEGIN EXCLUSIVE');

    const error = storeErrorOf(() => openDatabase(path, { startupLockWaitMs: 20 }));
    expect(error.kind).toBe('locked');
    expect(error.message).toBe(`${path} is locked by another process (is another Switchboard running?)`);

    holder.exec('ROLLBACK');
    scratch.track(openDatabase(path, { startupLockWaitMs: 20 }));
  });

  it('says a database is locked when an exclusive lock blocks even reading it (rollback journal)', () => {
    const path = join(scratch.folder(), 'switchboard.db');
    const holder = scratch.track(new BetterSqlite3(path));
    holder.exec('CREATE TABLE squatter (x INTEGER)');
    holder.exec('BEGIN EXCLUSIVE');
    holder.exec('INSERT INTO squatter (x) VALUES (1)');

    const error = storeErrorOf(() => openDatabase(path, { startupLockWaitMs: 20 }));
    expect(error.kind).toBe('locked');
  });

  it('explains a path that cannot be opened as a file', () => {
    const folder = scratch.folder();
    const error = storeErrorOf(() => openDatabase(folder));
    expect(error.kind).toBe('cannot-open');
    expect(error.message).toMatch(new RegExp(`^${folder} cannot be opened \\(`));
  });
});
