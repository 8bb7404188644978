import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A real SIP peer for tests and the benchmark: SIPp (Debian package sip-tester) as a UAS on
 * 127.0.0.1, on a free UDP port, with a scenario from tests/probe/fixtures/.
 */

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const READY_WITHIN_MS = 5_000;
const STOP_WITHIN_MS = 2_000;

export type Scenario = 'options-200' | 'options-silent';

/** Why the SIPp tests cannot run here, or null when they can. */
export function sippMissing(): string | null {
  const probe = spawnSync('sipp', ['-v'], { stdio: 'ignore', timeout: 5_000 });
  if (!probe.error) return null;
  return `sipp is not installed (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message}): run scripts/install-sipp.sh, or apt-get install sip-tester`;
}

/** A UDP port on 127.0.0.1 that was free a moment ago. */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/** Whether something holds `port` on 127.0.0.1: our way to see that SIPp is listening. */
function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(true);
    });
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(false)));
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Sipp {
  port: number;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGTERM, then SIGKILL if it lingers: never leaves a SIPp behind. */
async function kill(child: ChildProcess): Promise<void> {
  const gone = exited(child);
  child.kill('SIGTERM');
  const stopped = await Promise.race([gone.then(() => true), pause(STOP_WITHIN_MS).then(() => false)]);
  if (!stopped) {
    child.kill('SIGKILL');
    await gone;
  }
}

/**
 * Starts SIPp answering OPTIONS on 127.0.0.1 as `scenario` says; resolves once it listens.
 * The silent scenario runs with no default behaviours, so SIPp's own ping reply stays off.
 */
export async function startSipp(scenario: Scenario): Promise<Sipp> {
  const port = await freeUdpPort();
  // SIPp may write logs into its working folder: give it one of its own.
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-sipp-'));
  const child = spawn(
    'sipp',
    [
      ...['-sf', join(FIXTURES, `${scenario}.xml`), '-i', '127.0.0.1', '-p', String(port)],
      ...['-t', 'u1', '-nostdin', '-default_behaviors', scenario === 'options-silent' ? 'none' : 'all'],
    ],
    { cwd: folder, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  // Should the test process end without its afterAll (a crash, a timeout), SIPp goes with it.
  const orphaned = () => child.kill('SIGKILL');
  process.once('exit', orphaned);
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = `${errors}${chunk}`.slice(-2_000);
  });
  const stop = async () => {
    await kill(child);
    process.off('exit', orphaned);
    rmSync(folder, { recursive: true, force: true });
  };
  const deadline = Date.now() + READY_WITHIN_MS;
  while (!(await portTaken(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`sipp did not start listening on 127.0.0.1:${port}: ${errors.trim() || 'no message'}`);
    }
    await pause(20);
  }
  return { port, stop };
}
