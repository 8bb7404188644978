import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { StoreError } from './errors.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export type Database = BetterSqlite3.Database;

export interface OpenOptions {
  /** The schema history to apply; tests pass their own. */
  migrations?: readonly Migration[];
  /**
   * How long opening waits for another process's write lock before saying the file is locked.
   * Short, so a second Switchboard on the same file is told so at once instead of hanging.
   */
  startupLockWaitMs?: number;
  /** How long a write waits for the lock once running (SQLite `busy_timeout`). */
  busyTimeoutMs?: number;
}

const MEMORY = ':memory:';

/**
 * Opens (creating when missing) the bot's SQLite database in WAL mode with foreign keys on, and
 * brings its schema up to date. Any failure closes the file and throws one StoreError that says
 * what to do; a file that is not ours is never written to.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Database {
  const { migrations = MIGRATIONS, startupLockWaitMs = 1000, busyTimeoutMs = 5000 } = options;
  if (path !== MEMORY) createParentFolder(path);
  const readonly = path !== MEMORY && existsReadOnly(path);
  let db: Database;
  try {
    db = new BetterSqlite3(path, { readonly, timeout: startupLockWaitMs });
  } catch (error) {
    throw explain(error, path);
  }
  try {
    // A read first: a file that is not a database fails here, before anything is written.
    const version = schemaVersion(db);
    assertKnownVersion(path, version, migrations.length);
    if (db.readonly) throw readOnlyError(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, path, migrations);
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    return db;
  } catch (error) {
    db.close();
    throw explain(error, path);
  }
}

function createParentFolder(path: string): void {
  const folder = dirname(path);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new StoreError(
      'cannot-open',
      `cannot create the folder ${folder} for ${path} (${describeFsError(error)}): create it, or point SWITCHBOARD_DATA_DIR elsewhere`,
      { cause: error },
    );
  }
}

/**
 * True when the file exists and may not be written. The mode bits count too: root may write a
 * file nobody may write (chmod 444), but such a file was made read-only on purpose.
 */
function existsReadOnly(path: string): boolean {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    return false;
  }
  if ((mode & 0o222) === 0) return true;
  try {
    accessSync(path, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function assertKnownVersion(path: string, version: number, known: number): void {
  if (version <= known) return;
  throw new StoreError(
    'too-new',
    `${path} was written by a newer Switchboard (schema version ${version}; this one knows up to ${known}): upgrade Switchboard, or point SWITCHBOARD_DATA_DIR elsewhere`,
  );
}

/**
 * Applies the missing migrations, one transaction each. The version is read inside each write
 * transaction, so two processes starting together never run a step twice. The first transaction
 * runs even when nothing is missing: taking the write lock is how a locked file shows itself.
 */
function migrate(db: Database, path: string, migrations: readonly Migration[]): void {
  const applyNext = db.transaction((): boolean => {
    const version = schemaVersion(db);
    assertKnownVersion(path, version, migrations.length);
    const migration = migrations[version];
    if (migration === undefined) return false;
    try {
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
    } catch (error) {
      if (isSqliteError(error) && isEnvironmentProblem(error.code)) throw error;
      throw new StoreError(
        'migration-failed',
        `${path}: migration ${version + 1} failed (${errorMessage(error)}); the database stays at schema version ${version}`,
        { cause: error },
      );
    }
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  while (applyNext.immediate()) {
    // each pass applies one migration
  }
}

const ENVIRONMENT_CODES = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_READONLY', 'SQLITE_FULL', 'SQLITE_IOERR'];

/** Failures of the file or its surroundings rather than of a migration's SQL. */
function isEnvironmentProblem(code: string): boolean {
  return ENVIRONMENT_CODES.some((prefix) => code === prefix || code.startsWith(`${prefix}_`));
}

function readOnlyError(path: string, cause?: unknown): StoreError {
  return new StoreError(
    'read-only',
    `${path} is read-only: Switchboard must write to it and to its folder; make both writable, or point SWITCHBOARD_DATA_DIR elsewhere`,
    { cause },
  );
}

/** Turns whatever opening threw into the one StoreError the user sees. */
function explain(error: unknown, path: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = isSqliteError(error) ? error.code : '';
  const has = (prefix: string) => code === prefix || code.startsWith(`${prefix}_`);
  if (has('SQLITE_NOTADB')) {
    return new StoreError(
      'not-a-database',
      `${path} is not a SQLite database (or is encrypted): move it away or point SWITCHBOARD_DATA_DIR elsewhere`,
      { cause: error },
    );
  }
  if (has('SQLITE_CORRUPT')) {
    return new StoreError(
      'damaged',
      `${path} is damaged (${errorMessage(error)}): restore it from a backup, or move it away to start afresh`,
      { cause: error },
    );
  }
  if (has('SQLITE_READONLY')) return readOnlyError(path, error);
  if (has('SQLITE_BUSY') || has('SQLITE_LOCKED')) {
    return new StoreError(
      'locked',
      `${path} is locked by another process (is another Switchboard running?)`,
      {
        cause: error,
      },
    );
  }
  if (has('SQLITE_FULL')) {
    return new StoreError('disk-full', `${path} cannot grow: the disk is full`, { cause: error });
  }
  return new StoreError(
    'cannot-open',
    `${path} cannot be opened (${errorMessage(error)}): check that it is a file in a folder Switchboard may write to, or point SWITCHBOARD_DATA_DIR elsewhere`,
    { cause: error },
  );
}

function isSqliteError(error: unknown): error is InstanceType<typeof BetterSqlite3.SqliteError> {
  return error instanceof BetterSqlite3.SqliteError;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ?? errorMessage(error);
}
