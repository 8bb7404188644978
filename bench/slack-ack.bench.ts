import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { App as BoltApp } from '@slack/bolt';
import pino from 'pino';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { SimControl } from '../src/controlplane/sim.js';
import { startSlack } from '../src/platforms/slack/index.js';
import { boltLogger } from '../src/platforms/slack/logger.js';
import { BOT_TOKEN, CHANNEL, PRIYA } from '../tests/platforms/slack/harness.js';
import {
  FORM,
  formBody,
  SIGNING_SECRET,
  signature,
  slashCommand,
} from '../tests/platforms/slack/requests.js';
import { SlackStandIn } from '../tests/platforms/slack/stand-in.js';
import type { Benchmark, BenchResult } from './types.js';

/**
 * Ack latency of 50 concurrent signed `/cx servers` over HTTP: Switchboard's Slack surface (the
 * whole app behind it) against a bare Bolt app that only acks, bursts interleaved in the same run.
 * Then again with the control plane answering in 2 s: acks must not wait for it.
 */

const CONCURRENT = 50;
const WARM_UP_BURSTS = 6;
const BURSTS = 80;
const SLOW_BURSTS = 40;
const SLOW_MS = 2_000;
const GOAL_RATIO = 1.25;
const ANSWER_MARK = 'Servers ·';

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** A quiet moment between bursts, so what one left behind (sockets, garbage) is not timed in the next. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 50));

/**
 * The load generator runs on its own thread, as Slack runs on its own machines: an ack is timed
 * when it reaches the client, not when the app's event loop next lets an in-process client read it.
 */
const LOAD_GENERATOR = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: ${CONCURRENT} });
function post(url, { headers, body }) {
  return new Promise((resolve, reject) => {
    const sent = performance.now();
    const req = http.request(url, { method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - sent) : reject(new Error('ack ' + res.statusCode))));
    });
    req.on('error', reject);
    req.end(body);
  });
}
parentPort.on('message', ({ url, requests }) => {
  Promise.all(requests.map((r) => post(url, r))).then(
    (latencies) => parentPort.postMessage({ latencies }),
    (error) => parentPort.postMessage({ error: String(error) }),
  );
});
`;

class LoadGenerator {
  private readonly worker = new Worker(LOAD_GENERATOR, { eval: true });

  /** Sends every request at once from the worker; ms from sending each to its ack. */
  send(url: string, requests: { headers: Record<string, string>; body: string }[]): Promise<number[]> {
    return new Promise((resolve, reject) => {
      this.worker.once('message', (answer: { latencies?: number[]; error?: string }) =>
        answer.latencies ? resolve(answer.latencies) : reject(new Error(answer.error)),
      );
      this.worker.postMessage({ url, requests });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

interface Burst {
  latencies: number[];
  responseUrls: string[];
}

/** Signs CONCURRENT commands and has the load generator send them at once; ms to each ack. */
async function burst(stand: SlackStandIn, load: LoadGenerator, url: string): Promise<Burst> {
  const timestamp = Math.floor(Date.now() / 1000);
  const prepared = Array.from({ length: CONCURRENT }, () => {
    const responseUrl = stand.responseUrl();
    const body = formBody(slashCommand('servers', PRIYA, CHANNEL, responseUrl));
    const headers = {
      'content-type': FORM,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature(SIGNING_SECRET, timestamp, body),
    };
    return { responseUrl, body, headers };
  });
  return { latencies: await load.send(url, prepared), responseUrls: prepared.map((p) => p.responseUrl) };
}

/** Waits until every command has had its answer (not only the working note). */
async function answered(stand: SlackStandIn, responseUrls: readonly string[]): Promise<void> {
  const waiting = new Set(responseUrls.map((url) => new URL(url).pathname));
  const done = () => {
    for (const path of waiting) {
      if (stand.responds(path).some((r) => String(r.text).includes(ANSWER_MARK))) waiting.delete(path);
    }
    return waiting.size === 0;
  };
  await stand.waitFor(() => done() || undefined, 'every answer', 120_000);
}

/** Switchboard as `npm start` composes it, a bare Bolt app, a Slack stand-in and the load generator. */
async function startSides(cleanup: (() => Promise<unknown>)[]) {
  const stand = await SlackStandIn.start();
  cleanup.push(() => stand.close());
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-slack-'));
  cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const log = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
  const config = loadConfig({
    SWITCHBOARD_DATA_DIR: dataDir,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: stand.apiUrl,
  });
  const app = await createApp(config, { log, embeddedClock: { running: false } });
  cleanup.push(() => app.close());
  const embedded = app.embedded!;
  const sim = new SimControl({
    baseUrl: embedded.url,
    auth: { username: embedded.username, password: embedded.password },
  });
  cleanup.push(() => sim.close());
  const slack = await startSlack(app, config.slack!, { host: '127.0.0.1', port: 0, retries: 0 });
  cleanup.push(() => slack.stop());
  const bare = new BoltApp({
    token: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    logger: boltLogger(log),
    clientOptions: { slackApiUrl: stand.apiUrl, retryConfig: { retries: 0 } },
  });
  bare.command('/cx', async ({ ack }) => {
    await ack();
  });
  const bareServer = (await bare.start({ port: 0, host: '127.0.0.1' })) as Server;
  cleanup.push(() => bare.stop());
  const load = new LoadGenerator();
  cleanup.push(() => load.close());
  const urls = {
    ours: slack.url!,
    bare: `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/slack/events`,
  };
  return { stand, sim, load, urls };
}

async function run(): Promise<BenchResult[]> {
  const cleanup: (() => Promise<unknown>)[] = [];
  try {
    return await measureBoth(await startSides(cleanup));
  } finally {
    for (const close of cleanup.reverse()) await close();
  }
}

async function measureBoth({ stand, sim, load, urls }: Awaited<ReturnType<typeof startSides>>) {
  /**
   * Bursts to both sides, alternating which goes first; the latencies of all but the warm-up. Each
   * of Switchboard's bursts is answered in full before the next, so every burst meets an idle app.
   */
  async function measure(bursts: number) {
    const times = { ours: [] as number[], bare: [] as number[] };
    for (let round = 0; round < WARM_UP_BURSTS + bursts; round++) {
      const order = round % 2 ? (['bare', 'ours'] as const) : (['ours', 'bare'] as const);
      for (const side of order) {
        await pause();
        const { latencies, responseUrls } = await burst(stand, load, urls[side]);
        if (round >= WARM_UP_BURSTS) times[side].push(...latencies);
        if (side === 'ours') await answered(stand, responseUrls);
      }
    }
    return times;
  }

  const figures = (label: string, times: { ours: number[]; bare: number[] }): BenchResult[] =>
    [50, 99].map((p) => {
      const value = percentile(times.ours, p);
      const baselineValue = percentile(times.bare, p);
      const ratio = value / baselineValue;
      return {
        figure: `ack p${p} of ${times.ours.length} (${CONCURRENT} concurrent signed /cx servers${label}) vs a bare Bolt app that only acks`,
        value,
        unit: 'ms',
        baseline: baselineValue,
        ratio,
        ...(p === 99 ? { goal: `≤ ${GOAL_RATIO}`, pass: ratio <= GOAL_RATIO } : {}),
      };
    });

  const normal = await measure(BURSTS);
  await sim.setFaults({ latency_ms: SLOW_MS });
  try {
    const slow = await measure(SLOW_BURSTS);
    // Each run is judged against the bare app in the same moments: acks that waited for the control
    // plane would show as ours ≥ 2 s against the bare app's few ms.
    return [...figures('', normal), ...figures(`, control plane answering in ${SLOW_MS / 1000} s`, slow)];
  } finally {
    await sim.setFaults({});
  }
}

export default { name: 'slack ack', run } satisfies Benchmark;
