import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { SimControl } from '../src/controlplane/sim.js';
import { startEmbeddedControlPlane } from '../src/embedded/server.js';
import type { Benchmark, BenchResult } from './types.js';

/**
 * One alert poll of a 10,000-server fleet from the embedded control plane over HTTP (fetch,
 * parse, evaluate, persist in one transaction) against the floor of fetching the same four
 * lists and JSON.parse alone, same run; and the bot's resident memory with that fleet. The bot
 * runs in a child process (bench/alerts-poll.child.ts) so its memory is its own. Its memory is
 * broken down, so a goal missed says where: what node, tsx and the bot's modules take before the
 * first poll, what a poll holds once the fleet is fetched and parsed, the peak, and what is left
 * once garbage collected (and how much of that the heap really keeps). The child runs compiled,
 * on node alone, as the bot runs in production (`node --enable-source-maps dist/src/main.js`):
 * tsx would add its own loader thread to the figures.
 */

const FLEET_SIZE = 10_000;
const GOAL_RATIO = 2;
const GOAL_RSS_MB = 150;

interface ChildResult {
  pollMs: number;
  floorMs: number;
  firstPollMs: number;
  baselineMb: number;
  baselineHeapMb: number;
  /** RSS once the first poll's reads were in (fetched and parsed), and once it was done. */
  firstFetchedMb: number;
  firstPolledMb: number;
  /** Highest RSS at either moment of any poll. */
  peakMb: number;
  settledMb: number;
  keptHeapMb: number;
  firing: number;
  outbox: number;
}

/**
 * The child compiled to one JavaScript file; under node_modules, so that the packages it imports
 * resolve as they do for dist/.
 */
async function compiledChild(dir: string): Promise<string> {
  const outfile = join(dir, 'alerts-poll.child.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'alerts-poll.child.ts')],
    outfile,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return outfile;
}

function runChild(file: string, env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--enable-source-maps', file], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
  const cache = join(import.meta.dirname, '..', 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const buildDir = mkdtempSync(join(cache, 'alerts-poll-'));
  try {
    await sim.replaceFleet(FLEET_SIZE, 1);
    const result = await runChild(await compiledChild(buildDir), {
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
        figure: `resident memory of the bot before its first poll (node and the bot's modules; garbage collected)`,
        value: result.baselineMb,
        unit: 'MB',
      },
      {
        figure: `resident memory of the bot once its first poll has fetched and parsed ${fleet} servers`,
        value: result.firstFetchedMb,
        unit: 'MB',
      },
      {
        figure: `resident memory of the bot once its first poll has evaluated and persisted them`,
        value: result.firstPolledMb,
        unit: 'MB',
      },
      {
        figure: `resident memory of the bot polling ${fleet} servers (peak RSS over the polls, garbage piling up between collections)`,
        value: result.peakMb,
        unit: 'MB',
        goal: `< ${GOAL_RSS_MB}`,
        pass: result.peakMb < GOAL_RSS_MB,
      },
      {
        figure: `resident memory of the bot after polling ${fleet} servers, garbage collected`,
        value: result.settledMb,
        unit: 'MB',
        goal: `< ${GOAL_RSS_MB}`,
        pass: result.settledMb < GOAL_RSS_MB,
      },
      {
        figure: `heap in use after polling ${fleet} servers, garbage collected (alert state, history), vs before the first poll`,
        value: result.keptHeapMb,
        unit: 'MB',
        baseline: result.baselineHeapMb,
      },
    ];
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
    await sim.close();
    await plane.close();
  }
}

export default { name: 'alert poller', run } satisfies Benchmark;
