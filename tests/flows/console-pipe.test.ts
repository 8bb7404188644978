import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-pipe-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm start` as a user runs it, with lines piped into stdin; resolves with what it printed. */
function pipe(
  lines: string[],
  env: Record<string, string> = {},
): Promise<{ out: string; err: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        SWITCHBOARD_DATA_DIR: dataDir,
        SWITCHBOARD_CONSOLE_USER: 'priya',
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ out, err, code });
    });
    child.stdin.end(`${lines.join('\n')}\n`);
  });
}

describe('the console, piped', () => {
  it('runs each line in order against the embedded control plane and exits when input ends', async () => {
    const { out, code } = await pipe([
      '/cx help',
      'servers --cluster eu-core',
      'server ams-sw-1',
      'sever ams-sw-1',
      'servers --clustr eu-core',
      'server ams-sw9',
      'restart ams-sw-1',
      'approvals',
    ]);
    expect(code).toBe(0);
    expect(out).toContain('Switchboard 0.1 · console · embedded control plane at http://127.0.0.1:');
    expect(out).toContain('every console user is an approver');
    expect(out).toMatch(/servers: +List the servers/);
    expect(out).toContain('ams-sw-1');
    expect(out).toContain('87%');
    expect(out).toContain('Unknown command "sever". Did you mean server');
    expect(out).toMatch(/Unknown option --clustr\. Did you mean --cluster\?/);
    expect(out).toMatch(/No server "ams-sw9"\. Did you mean ams-sw-1/);
    expect(out).toMatch(/\[Confirm restart\] \/cx confirm [0-9a-f]{16}/);
    expect(out).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });

  it('shows a two-person flow in one terminal with "as <name>:"', async () => {
    const first = await pipe(['restart ams-sw-2']);
    const id = /\/cx confirm ([0-9a-f]{16})/.exec(first.out)?.[1];
    expect(id).toBeDefined();
    const { out } = await pipe([`confirm ${id}`, `as marco: /cx confirm ${id}`, 'approvals']);
    expect(out).toContain('another approver must confirm it');
    expect(out).toContain('approved by @marco');
    const pendingList = out.slice(out.lastIndexOf('Pending requests'));
    expect(pendingList).not.toContain(id);
  });

  it('stops at start with one line per bad setting', async () => {
    const { err, code } = await pipe([], {
      SWITCHBOARD_FOUR_EYES: 'sometimes',
      SWITCHBOARD_APPROVAL_TTL: '10x',
    });
    expect(code).toBe(1);
    expect(err).toContain('SWITCHBOARD_FOUR_EYES');
    expect(err).toContain('SWITCHBOARD_APPROVAL_TTL');
    expect(err).not.toMatch(/\n\s+at /);
  });
});
