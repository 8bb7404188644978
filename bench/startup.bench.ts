import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Benchmark } from './types.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ROUNDS = 5;
const BANNER = 'Switchboard 0.1';

/** Milliseconds from spawning `args` until its stdout shows `marker` (then its input is closed). */
function timeToOutput(args: string[], marker: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'ignore'] });
    let seen = '';
    let ms = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      if (!ms && seen.includes(marker)) {
        ms = performance.now() - started;
        child.stdin.end('balance\n');
      }
    });
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      if (!ms) reject(new Error(`${args.join(' ')} never printed "${marker}"`));
      else resolve(ms);
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** `npm start` to the console's first prompt, against bare `node` printing a line, same run. */
export default {
  name: 'start-up',
  async run() {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-start-'));
    const env = { ...process.env, SWITCHBOARD_DATA_DIR: dataDir };
    try {
      await timeToOutput(['scripts/start.mjs'], BANNER, env);
      const ours: number[] = [];
      const bare: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        ours.push(await timeToOutput(['--enable-source-maps', 'scripts/start.mjs'], BANNER, env));
        bare.push(await timeToOutput(['-e', `console.log(${JSON.stringify(BANNER)})`], BANNER, env));
      }
      const value = median(ours);
      const baseline = median(bare);
      return [
        {
          figure: 'npm start to the first prompt (console, embedded control plane)',
          value: Math.round(value),
          unit: 'ms',
          baseline: Math.round(baseline),
          ratio: Math.round((value / baseline) * 100) / 100,
          goal: '< 1500 ms',
          pass: value < 1500,
        },
      ];
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
} satisfies Benchmark;
