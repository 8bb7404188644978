import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SimControl } from '../src/controlplane/sim.js';
import { startEmbeddedControlPlane } from '../src/embedded/server.js';
import type { Benchmark, BenchResult } from './types.js';

/**
 * One alert poll of a 10,000-server fleet from the embedded control plane over HTTP (fetch,
 * parse, evaluate, persist in one transaction) against the floor of fetching the same four
 * lists and JSON.parse alone, same run; and the bot's resident memory with that fleet. The bot
 * runs in a child process (bench/alerts-poll.child.ts) so its memory is its own.
 */

const FLEET_SIZE = 10_000;
const GOAL_RATIO = 2;
const GOAL_RSS_MB = 150;

interface ChildResult {
  pollMs: number;
  floorMs: number;
  firstPollMs: number;
  rssMb: number;
  settledMb: number;
  firing: number;
  outbox: number;
}

function runChild(env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'alerts-poll.child.ts')],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`the bench child exited with ${code}: ${err.trim().slice(-500)}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult);
    });
  });
}

async function run(): Promise<BenchResult[]> {
  const plane = await startEmbeddedControlPlane({ dbPath: ':memory:', port: 0, clock: { running: false } });
  const sim = new SimControl({
    baseUrl: plane.url,
    auth: { username: plane.username, password: plane.password },
  });
  try {
    await sim.replaceFleet(FLEET_SIZE, 1);
    const result = await runChild({
      BENCH_CP_URL: plane.url,
      BENCH_CP_USER: plane.username,
      BENCH_CP_PASSWORD: plane.password,
    });
    const ratio = result.pollMs / result.floorMs;
    const fleet = FLEET_SIZE.toLocaleString('en');
    return [
      {
        figure: `alert poll of ${fleet} servers (fetch, parse, evaluate, persist; ${result.firing} firing) vs fetch + JSON.parse`,
        value: result.pollMs,
        unit: 'ms',
        baseline: result.floorMs,
        ratio,
        goal: `≤ ${GOAL_RATIO}`,
        pass: ratio <= GOAL_RATIO,
      },
      {
        figure: `first alert poll of ${fleet} servers (every alert new, ${result.outbox} messages queued after the warm-up)`,
        value: result.firstPollMs,
        unit: 'ms',
      },
      {
        figure: `resident memory of the bot polling ${fleet} servers (peak RSS over the polls)`,
        value: result.rssMb,
        unit: 'MB',
        goal: `< ${GOAL_RSS_MB}`,
        pass: result.rssMb < GOAL_RSS_MB,
      },
      {
        figure: `resident memory of the bot after polling ${fleet} servers, garbage collected`,
        value: result.settledMb,
        unit: 'MB',
        goal: `< ${GOAL_RSS_MB}`,
        pass: result.settledMb < GOAL_RSS_MB,
      },
    ];
  } finally {
    await sim.close();
    await plane.close();
  }
}

export default { name: 'alert poller', run } satisfies Benchmark;
