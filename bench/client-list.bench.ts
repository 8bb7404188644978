import { request } from 'undici';
import { ControlPlaneClient } from '../src/controlplane/client.js';
import { paths } from '../src/controlplane/paths.js';
import { SimControl } from '../src/controlplane/sim.js';
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
  if (response.statusCode !== 200) throw new Error(`GET ${url.pathname} answered ${response.statusCode}`);
  return JSON.parse(text) as unknown[];
}

async function run(): Promise<BenchResult[]> {
  // A stopped clock: every round lists the very same fleet.
  const plane = await startEmbeddedControlPlane({ dbPath: ':memory:', port: 0, clock: { running: false } });
  const auth = { username: plane.username, password: plane.password };
  const authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  const client = new ControlPlaneClient({ baseUrl: plane.url, auth });
  const sim = new SimControl({ baseUrl: plane.url, auth });
  try {
    await sim.replaceFleet(FLEET_SIZE, 1);
    const url = new URL(paths.servers(), client.baseUrl);
    const viaClient = () => client.listServers();
    const bare = () => bareList(url, authorization);
    const [listed, parsed] = [await viaClient(), await bare()];
    if (listed.length !== FLEET_SIZE || parsed.length !== FLEET_SIZE) {
      throw new Error(
        `expected ${FLEET_SIZE} servers; the client saw ${listed.length}, the bare request ${parsed.length}`,
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
    await Promise.all([client.close(), sim.close()]);
    await plane.close();
  }
}

export default { name: 'control-plane client', run } satisfies Benchmark;
