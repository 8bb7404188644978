import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startAlerts } from '../src/alerts/start.js';
import { loadConfig } from '../src/config.js';
import { ControlPlaneClient } from '../src/controlplane/client.js';
import { paths } from '../src/controlplane/paths.js';
import type { ServerFilter } from '../src/controlplane/port.js';
import { openDatabase } from '../src/store/database.js';
import { interleaved, median } from './timing.js';

/**
 * The bot's side of bench/alerts-poll.bench.ts, in a process of its own so its resident memory
 * is the bot's alone: polls the control plane named by the environment and prints one JSON line.
 * The parent compiles it and starts it with --expose-gc: the figures "garbage collected" are what is kept.
 */

const WARM_UP_POLLS = 3;
const ROUNDS = 15;
const MB = 2 ** 20;

const rssMb = () => process.memoryUsage.rss() / MB;

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('start the bench child with --expose-gc');
  gc();
}

/** The real client, noting the resident memory each time a poll's four reads are in: fetched and parsed. */
class MeasuredClient extends ControlPlaneClient {
  private answers = 0;
  readonly fetchedMb: number[] = [];

  private answered<T>(value: T): T {
    if (++this.answers % 4 === 0) this.fetchedMb.push(rssMb());
    return value;
  }

  override async listServers(filter?: ServerFilter) {
    return this.answered(await super.listServers(filter));
  }

  override async listClusters() {
    return this.answered(await super.listClusters());
  }

  override async getAccount() {
    return this.answered(await super.getAccount());
  }

  override async listJobs(serverId?: number) {
    return this.answered(await super.listJobs(serverId));
  }
}

async function floor(base: URL, authorization: string): Promise<unknown[]> {
  const urls = [paths.servers(), paths.clusters(), paths.account(), paths.jobs()].map(
    (p) => new URL(p, base),
  );
  return Promise.all(
    urls.map(async (url) => {
      const response = await fetch(url, { headers: { authorization, accept: 'application/json' } });
      const text = await response.text();
      if (!response.ok) throw new Error(`GET ${url.pathname} answered ${response.status}`);
      return JSON.parse(text) as unknown;
    }),
  );
}

async function main(): Promise<void> {
  const { BENCH_CP_URL: url, BENCH_CP_USER: username, BENCH_CP_PASSWORD: password } = process.env;
  if (!url || !username || !password)
    throw new Error('BENCH_CP_URL, BENCH_CP_USER and BENCH_CP_PASSWORD must be set');
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  const config = loadConfig({ SWITCHBOARD_DATA_DIR: dataDir, TZ: 'UTC' });
  const db = openDatabase(config.databasePath);
  const controlPlane = new MeasuredClient({ baseUrl: url, auth: { username, password } });
  const log = pino({ level: 'silent' });
  const alerts = startAlerts({ config, log, controlPlane, db }, [], { autoStart: false });
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  collectGarbage();
  const baselineMb = rssMb();
  const baselineHeapMb = process.memoryUsage().heapUsed / MB;
  const polledMb: number[] = [];
  const poll = async () => {
    await alerts.pollOnce();
    polledMb.push(rssMb());
  };
  try {
    const started = performance.now();
    await poll();
    const firstPollMs = performance.now() - started;
    for (let i = 1; i < WARM_UP_POLLS; i++) await poll();
    const base = new URL(controlPlane.baseUrl);
    await floor(base, authorization);
    const times = await interleaved(ROUNDS, poll, () => floor(base, authorization));
    collectGarbage();
    const memory = process.memoryUsage();
    process.stdout.write(
      `${JSON.stringify({
        pollMs: median(times.subject),
        floorMs: median(times.baseline),
        firstPollMs,
        baselineMb,
        baselineHeapMb,
        firstFetchedMb: controlPlane.fetchedMb[0],
        firstPolledMb: polledMb[0],
        peakMb: Math.max(...controlPlane.fetchedMb, ...polledMb),
        settledMb: memory.rss / MB,
        keptHeapMb: memory.heapUsed / MB,
        firing: alerts.desk.firing().length,
        outbox: alerts.desk.store.outbox.backlog().rows,
      })}\n`,
    );
  } finally {
    await alerts.stop();
    await controlPlane.close();
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
