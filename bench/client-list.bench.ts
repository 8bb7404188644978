import { request } from 'undici';
import { ControlPlaneClient } from '../src/controlplane/client.js';
import { paths, simPaths } from '../src/controlplane/paths.js';
import { startEmbeddedControlPlane } from '../src/embedded/server.js';
import { interleaved, median } from './timing.js';
import type { Benchmark, BenchResult } from './types.js';

/**
 * The client's whole cost of listing a big fleet (HTTP, one text read, JSON.parse, zod) against
 * the least any client could do: a bare undici.request and JSON.parse of the same URL, same run.
 */

const FLEET_SIZE = 10_000;
const WARM_UP_ROUNDS = 5;
const ROUNDS = 31;
const GOAL_RATIO = 1.3;

async function bareList(url: URL, authorization: string): Promise<unknown[]> {
  const response = await request(url, { headers: { authorization, accept: 'application/json' } });
  const text = await response.body.text();
  if (response.statusCode !== 200)
    throw new Error(`GET ${url.pathname} answered ${response.statusCode}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as unknown[];
}

async function run(): Promise<BenchResult[]> {
  const plane = await startEmbeddedControlPlane({ dbPath: ':memory:', port: 0, clock: { running: false } });
  const baseUrl = plane.url.endsWith('/') ? plane.url : `${plane.url}/`;
  const authorization = `Basic ${Buffer.from(`${plane.username}:${plane.password}`).toString('base64')}`;
  const client = new ControlPlaneClient({
    baseUrl,
    auth: { username: plane.username, password: plane.password },
  });
  try {
    const fleet = await request(new URL(simPaths.fleet(), baseUrl), {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ count: FLEET_SIZE, seed: 1 }),
    });
    await fleet.body.text();
    if (fleet.statusCode >= 300) throw new Error(`${simPaths.fleet()} answered ${fleet.statusCode}`);

    const url = new URL(paths.servers(), baseUrl);
    const viaClient = () => client.listServers();
    const bare = () => bareList(url, authorization);
    const [listed, parsed] = [await viaClient(), await bare()];
    if (listed.length !== FLEET_SIZE || parsed.length !== FLEET_SIZE) {
      throw new Error(
        `expected ${FLEET_SIZE} servers, the client saw ${listed.length}, the bare request ${parsed.length}`,
      );
    }
    await interleaved(WARM_UP_ROUNDS, viaClient, bare);
    const times = await interleaved(ROUNDS, viaClient, bare);
    const value = median(times.subject);
    const baseline = median(times.baseline);
    const ratio = value / baseline;
    return [
      {
        figure: `listServers of ${FLEET_SIZE.toLocaleString('en')} servers vs bare undici.request + JSON.parse`,
        value,
        unit: 'ms',
        baseline,
        ratio,
        goal: `≤ ${GOAL_RATIO}`,
        pass: ratio <= GOAL_RATIO,
      },
    ];
  } finally {
    await client.close();
    await plane.close();
  }
}

export default { name: 'control-plane client', run } satisfies Benchmark;
