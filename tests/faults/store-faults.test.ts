import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { spawnSwitchboard } from './spawn-switchboard.js';

let folder: string;
let dataDir: string;
let dbPath: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'switchboard-store-'));
  dataDir = join(folder, 'data');
  mkdirSync(dataDir);
  dbPath = join(dataDir, 'switchboard.db');
});

afterEach(() => {
  if (existsSync(dbPath)) chmodSync(dbPath, 0o644);
  rmSync(folder, { recursive: true, force: true });
});

/** A real Switchboard database, closed cleanly, with one audit row so it has content to lose. */
function makeDatabase(): void {
  const db = openDatabase(dbPath);
  db.prepare("INSERT INTO audit (at, event, outcome) VALUES (1, 'run', 'ok')").run();
  db.close();
}

/** `npm start` on the data folder; stdin is closed, so a start that got through would end at once. */
async function start() {
  const run = spawnSwitchboard(folder, { SWITCHBOARD_DATA_DIR: dataDir });
  run.child.stdin.end();
  const exit = await run.exited;
  return { exit, stderr: run.stderr(), stdout: run.stdout() };
}

function expectOneClearLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^switchboard: /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\bat .+:\d+:\d+|SqliteError|node:internal/);
}

/** The files SQLite would leave beside a database it wrote to. */
const sidecars = () =>
  readdirSync(dataDir).filter((name) => /^switchboard\.db-(wal|shm|journal)$/.test(name));

describe('npm start with a bad database file', () => {
  it('refuses a file that is not a database, with exit code 1, and leaves it as it was', async () => {
    writeFileSync(dbPath, 'these are my notes, not a database\n'.repeat(300));
    const bytes = readFileSync(dbPath);

    const { exit, stderr, stdout } = await start();

    expect(exit.code).toBe(1);
    expectOneClearLine(
      stderr,
      /switchboard\.db is not a SQLite database .*point SWITCHBOARD_DATA_DIR elsewhere/,
    );
    expect(stdout).toBe('');
    expect(readFileSync(dbPath).equals(bytes)).toBe(true);
    expect(sidecars()).toEqual([]);
    expect(existsSync(join(dataDir, 'control-plane.db'))).toBe(false);
  });

  it('refuses a read-only file, with exit code 1, and leaves it as it was', async () => {
    makeDatabase();
    chmodSync(dbPath, 0o444);
    const bytes = readFileSync(dbPath);

    const { exit, stderr } = await start();

    expect(exit.code).toBe(1);
    expectOneClearLine(
      stderr,
      /switchboard\.db is read-only: Switchboard must write to it .*make both writable/,
    );
    expect(readFileSync(dbPath).equals(bytes)).toBe(true);
  });

  it('refuses a file another process holds the write lock of, with exit code 1, and changes nothing', async () => {
    makeDatabase();
    const bytes = readFileSync(dbPath);
    const holder = new BetterSqlite3(dbPath);
    try {
      holder.prepare('BEGIN IMMEDIATE').run();

      const { exit, stderr } = await start();

      expect(exit.code).toBe(1);
      expectOneClearLine(
        stderr,
        /switchboard\.db is locked by another process \(is another Switchboard running\?\)/,
      );
      holder.prepare('ROLLBACK').run();
    } finally {
      holder.close();
    }
    expect(readFileSync(dbPath).equals(bytes)).toBe(true);
    const check = new BetterSqlite3(dbPath, { readonly: true });
    try {
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(check.prepare('SELECT count(*) AS n FROM audit').get()).toEqual({ n: 1 });
    } finally {
      check.close();
    }
  });
});
