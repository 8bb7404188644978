import { createSocket, type Socket } from 'node:dgram';
import pino from 'pino';
import { PROBE_DEFAULTS, SipProber } from '../src/probe/prober.js';
import { newTransactionIds, optionsRequest } from '../src/probe/request.js';
import type { ProbeTarget } from '../src/probe/types.js';
import { sippMissing, startSipp } from '../tests/probe/sipp.js';
import { median } from './timing.js';
import type { Benchmark, BenchResult } from './types.js';

/**
 * A fleet-sized round of SIP probes against SIPp on 127.0.0.1 (one SIPp answering every probe),
 * at the prober's default concurrency. The added latency is measured against SIPp's own
 * response time: a bare client on its own socket, same SIPp, same concurrency, no parsing beyond
 * finding the Call-ID, no timers, no retransmissions.
 */

const TARGETS = 1_000;
const WARM_UP_ROUNDS = 2;
const ROUNDS = 10;
const CONCURRENCY = PROBE_DEFAULTS.concurrency;
// A 1,000-server fleet probed within the shortest PROBE_SECONDS (1 s).
const GOAL_PROBES_PER_SECOND = 1_000;
// What the prober adds must stay under a tenth of the 250 ms latency warning it feeds.
const GOAL_ADDED_P99_MS = 25;

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

function openSocket(): Promise<Socket> {
  const socket = createSocket('udp4');
  return new Promise((resolve) => socket.bind(0, '127.0.0.1', () => resolve(socket)));
}

const CALL_ID = /\r\nCall-ID: *([^\r\n]+)/i;

/** The least a client can do: `CONCURRENCY` OPTIONS in flight, each answer matched by Call-ID. */
async function bareRound(socket: Socket, target: ProbeTarget): Promise<number[]> {
  const local = { address: '127.0.0.1', port: socket.address().port };
  const sentAt = new Map<string, number>();
  const trips: number[] = [];
  let next = 0;
  return new Promise((resolve) => {
    const sendOne = () => {
      const ids = newTransactionIds();
      sentAt.set(ids.callId, performance.now());
      socket.send(optionsRequest(target, local, ids), target.port, target.host);
      next++;
    };
    socket.removeAllListeners('message');
    socket.on('message', (datagram) => {
      const callId = CALL_ID.exec(datagram.toString())?.[1];
      const started = callId === undefined ? undefined : sentAt.get(callId);
      if (started === undefined) return;
      sentAt.delete(callId!);
      trips.push(performance.now() - started);
      if (trips.length === TARGETS) resolve(trips);
      else if (next < TARGETS) sendOne();
    });
    while (next < Math.min(CONCURRENCY, TARGETS)) sendOne();
  });
}

async function proberRound(prober: SipProber, targets: readonly ProbeTarget[]) {
  const started = performance.now();
  const results = await Promise.all(targets.map((target) => prober.probe(target)));
  const wallMs = performance.now() - started;
  const trips = results.flatMap((r) => (r.outcome === 'answered' ? [r.rttMs] : []));
  if (trips.length !== targets.length) {
    throw new Error(
      `SIPp answered ${trips.length} of ${targets.length} probes; the figures would be meaningless`,
    );
  }
  return { trips, wallMs };
}

async function run(): Promise<BenchResult[]> {
  const missing = sippMissing();
  if (missing) throw new Error(missing);
  const sipp = await startSipp('options-200');
  const prober = new SipProber({ log: pino({ level: 'silent' }), bind: { ipv4: '127.0.0.1' } });
  const bare = await openSocket();
  try {
    const target = { host: '127.0.0.1', port: sipp.port };
    const targets = Array.from({ length: TARGETS }, () => target);
    const ours = async () => {
      const { trips, wallMs } = await proberRound(prober, targets);
      return { p99: percentile(trips, 0.99), wallMs };
    };
    const theirs = async () => percentile(await bareRound(bare, target), 0.99);
    for (let round = 0; round < WARM_UP_ROUNDS; round++) {
      await ours();
      await theirs();
    }
    // Rounds in pairs, alternating which side goes first; SIPp's own hiccups land on either side,
    // so the figure is the median over pairs of (our p99 - the bare client's p99).
    const added: number[] = [];
    const sippP99s: number[] = [];
    const walls: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const bareFirst = round % 2 === 1;
      const before = bareFirst ? await theirs() : undefined;
      const mine = await ours();
      const sipps = before ?? (await theirs());
      added.push(mine.p99 - sipps);
      sippP99s.push(sipps);
      walls.push(mine.wallMs);
    }
    const perSecond = TARGETS / (median(walls) / 1_000);
    const addedP99 = median(added);
    const sippP99 = median(sippP99s);
    return [
      {
        figure: `probes per second, ${TARGETS.toLocaleString('en')} targets at concurrency ${CONCURRENCY} (one SIPp)`,
        value: perSecond,
        unit: 'probes/s',
        goal: `≥ ${GOAL_PROBES_PER_SECOND.toLocaleString('en')}`,
        pass: perSecond >= GOAL_PROBES_PER_SECOND,
      },
      {
        figure: `p99 round trip added to SIPp's own (a bare client at the same concurrency: p99 ${sippP99.toFixed(1)} ms)`,
        value: addedP99,
        unit: 'ms',
        baseline: sippP99,
        goal: `≤ ${GOAL_ADDED_P99_MS}`,
        pass: addedP99 <= GOAL_ADDED_P99_MS,
      },
    ];
  } finally {
    await new Promise<void>((resolve) => bare.close(() => resolve()));
    await prober.close();
    await sipp.stop();
  }
}

export default { name: 'SIP OPTIONS prober', run } satisfies Benchmark;
