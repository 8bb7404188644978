import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FaultyPlane, startFaultyPlane } from '../faults/faulty-plane.js';
import { type SpawnedSwitchboard, spawnSwitchboard } from '../faults/spawn-switchboard.js';

const DRAINING = 'shutting down: taking no new commands, finishing those in flight';

let folder: string;
let dataDir: string;
let plane: FaultyPlane;
let run: SpawnedSwitchboard | undefined;

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'switchboard-signals-'));
  dataDir = join(folder, 'data');
  mkdirSync(dataDir);
  plane = await startFaultyPlane();
});

afterEach(async () => {
  if (run && run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
  await run?.exited;
  run = undefined;
  await plane.close();
  rmSync(folder, { recursive: true, force: true });
});

async function until(what: string, condition: () => boolean, withinMs = 10_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not in time; stderr: ${run?.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const logText = () => {
  const path = join(dataDir, 'switchboard.log');
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
};

/** `npm start` in console mode against the plane, with `servers` typed and its server list held at the plane. */
async function startWithCommandInFlight(): Promise<SpawnedSwitchboard> {
  plane.inject('hold', { methods: ['GET'], paths: ['setup/server'] });
  const spawned = spawnSwitchboard(folder, {
    SWITCHBOARD_DATA_DIR: dataDir,
    CONNEXCS_API_URL: plane.url,
    CONNEXCS_USERNAME: plane.embedded.username,
    CONNEXCS_PASSWORD: plane.embedded.password,
  });
  run = spawned;
  await spawned.printed('Type /cx help.');
  spawned.child.stdin.write('servers\n');
  await until('the server list is asked for', () => plane.held() === 1);
  return spawned;
}

function expectSoundDatabase(): void {
  const db = new BetterSqlite3(join(dataDir, 'switchboard.db'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
}

describe('npm start on a shutdown signal', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s: the command in flight still answers, then the process exits 0 with the database closed',
    async (signal) => {
      const spawned = await startWithCommandInFlight();
      spawned.child.kill(signal);
      await until('the router drains', () => logText().includes(DRAINING));
      expect(spawned.stdout()).not.toContain('ams-sw-1');

      plane.release();
      const exit = await spawned.exited;

      expect(exit).toEqual({ code: 0, signal: null });
      expect(spawned.stdout()).toContain('ams-sw-1');
      expect(existsSync(join(dataDir, 'switchboard.db-wal'))).toBe(false);
      expectSoundDatabase();
    },
  );

  it('a second signal exits at once, without waiting for the command in flight', async () => {
    const spawned = await startWithCommandInFlight();
    spawned.child.kill('SIGTERM');
    await until('the router drains', () => logText().includes(DRAINING));

    const second = Date.now();
    spawned.child.kill('SIGTERM');
    const exit = await spawned.exited;

    expect(exit).toEqual({ code: 130, signal: null });
    expect(Date.now() - second).toBeLessThan(2_000);
    expect(spawned.stdout()).not.toContain('ams-sw-1');
    expectSoundDatabase();
  });
});
