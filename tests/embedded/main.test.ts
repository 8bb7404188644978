import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { Account } from '../../src/domain/schemas.js';
import { basicAuth } from './helpers.js';

const STARTUP_MS = 45_000;
let child: ChildProcess | undefined;
let folder: string | undefined;

function runMain(env: Record<string, string>): ChildProcess {
  child = spawn(process.execPath, ['--import', 'tsx', 'src/embedded/main.ts'], {
    cwd: join(import.meta.dirname, '../..'),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return child;
}

function collect(stream: NodeJS.ReadableStream | null): () => string {
  let text = '';
  stream?.on('data', (chunk) => {
    text += String(chunk);
  });
  return () => text;
}

/** Resolves once the process has exited and its output is fully read. */
function exitCode(running: ChildProcess): Promise<number | null> {
  if (running.exitCode !== null && running.stdout?.readableEnded !== false)
    return Promise.resolve(running.exitCode);
  return new Promise((resolve) => running.once('close', (code) => resolve(code)));
}

async function waitFor(read: () => string, pattern: RegExp, deadlineMs: number): Promise<RegExpMatchArray> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    const found = read().match(pattern);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${pattern} in the output within ${deadlineMs} ms: ${read()}`);
}

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

describe('npm run control-plane', () => {
  it(
    'serves the demo fleet from the data folder, prints its URL, and stops on SIGTERM',
    async () => {
      folder = mkdtempSync(join(tmpdir(), 'switchboard-main-'));
      const dataDir = join(folder, 'nested', 'data');
      const running = runMain({
        CONTROL_PLANE_PORT: '0',
        CONNEXCS_USERNAME: 'ops',
        CONNEXCS_PASSWORD: 'main-test-pass',
        SWITCHBOARD_DATA_DIR: dataDir,
      });
      const stdout = collect(running.stdout);
      const [, url] = await waitFor(stdout, /(http:\/\/127\.0\.0\.1:\d+\/api\/cp\/)/, STARTUP_MS);
      expect(stdout()).toContain(join(dataDir, 'control-plane.db'));
      expect(stdout()).not.toContain('main-test-pass');
      const answer = await request(`${url}setup/account`, {
        headers: { authorization: basicAuth('ops', 'main-test-pass') },
      });
      expect(Account.parse(await answer.body.json()).name).toBe('Quokka Telecom');
      running.kill('SIGTERM');
      expect(await exitCode(running)).toBe(0);
    },
    STARTUP_MS + 10_000,
  );

  it(
    'refuses a bad setting with one line naming it',
    async () => {
      const running = runMain({ CONTROL_PLANE_PORT: 'eighty' });
      const stderr = collect(running.stderr);
      expect(await exitCode(running)).toBe(1);
      expect(stderr().trim().split('\n')).toEqual([
        'control-plane: CONTROL_PLANE_PORT must be a port number (0-65535)',
      ]);
    },
    STARTUP_MS,
  );
});
