import { createSocket, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import type { Logger } from 'pino';
import { z } from 'zod';
import { sourceAddressToward } from './local-address.js';
import { type LocalAddress, newTransactionIds, optionsRequest, type TransactionIds } from './request.js';
import { parseResponse, type SipResponse } from './response.js';
import { Semaphore } from './semaphore.js';
import type { ProbeResult, Prober, ProbeTarget } from './types.js';

export interface ProberOptions {
  log: Logger;
  /** RFC 3261 T1: the first retransmission comes after it, each next one after twice the last... */
  t1Ms?: number;
  /** ...up to T2 (RFC 3261 §17.1.2.2, Timer E). */
  t2Ms?: number;
  /** Silence for this long is a timeout. */
  timeoutMs?: number;
  /** At most this many sends of one request, the first included. */
  maxTransmissions?: number;
  /** Transactions in flight at once; the rest wait, so a big fleet is not probed in one burst. */
  concurrency?: number;
  /** Where the sockets listen; default every address (the probes go out to the internet). */
  bind?: { ipv4?: string; ipv6?: string };
  /**
   * Why a target must not be probed, or undefined when it may be. The embedded control plane's
   * servers are simulated: their addresses belong to nobody, so nothing is sent to them.
   */
  refuse?(host: string): string | undefined;
}

/** Sends at 0, 0.5, 1.5 and 3.5 s; gives up at 4 s: well inside a chat answer, and 4 chances for a lost datagram. */
const Timing = z.object({
  t1Ms: z.number().positive().default(500),
  t2Ms: z.number().positive().default(4_000),
  timeoutMs: z.number().positive().default(4_000),
  maxTransmissions: z.number().int().min(1).default(4),
  concurrency: z.number().int().min(1).default(64),
});
type Timing = z.infer<typeof Timing>;

export const PROBE_DEFAULTS: Timing = Timing.parse({});

type Family = 4 | 6;

interface Bound {
  socket: Socket;
  /** Where it listens: asking the socket costs a system call, and every request names it. */
  address: LocalAddress;
}

interface Transaction {
  ids: TransactionIds;
  target: ProbeTarget;
  startedAt: number;
  transmissions: number;
  settle(result: ProbeResult): void;
}

const WILDCARDS = new Set(['0.0.0.0', '::']);

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/**
 * SIP OPTIONS over UDP: one socket per address family carries every transaction; responses are
 * matched to their request by top Via branch, Call-ID and CSeq. Anything else that arrives
 * (garbage, oversized datagrams, strays, late duplicates) is counted and dropped.
 */
export class SipProber implements Prober {
  private readonly settings: Timing;
  private readonly slots: Semaphore;
  private readonly sockets = new Map<Family, Promise<Bound>>();
  private readonly sources = new Map<string, Promise<string>>();
  private readonly transactions = new Map<string, Transaction>();
  private ignored = 0;
  private closed = false;

  /** Throws on a timing that makes no sense (a T1 of 0, a concurrency of 0): a programming error. */
  constructor(private readonly options: ProberOptions) {
    this.settings = Timing.parse(options);
    this.slots = new Semaphore(this.settings.concurrency);
  }

  /** Probes `target` once it gets a slot; never rejects. */
  probe(target: ProbeTarget): Promise<ProbeResult> {
    const refused = this.options.refuse?.(target.host);
    if (refused) return Promise.resolve({ outcome: 'error', target, message: refused });
    return this.slots.run(() => this.transact(target));
  }

  /** Transactions waiting for an answer, and datagrams dropped as unrelated or unreadable so far. */
  stats(): { inFlight: number; ignoredDatagrams: number } {
    return { inFlight: this.transactions.size, ignoredDatagrams: this.ignored };
  }

  /** Ends every open transaction (as an error), then closes the sockets. */
  async close(): Promise<void> {
    this.closed = true;
    for (const transaction of [...this.transactions.values()]) {
      transaction.settle({ outcome: 'error', target: transaction.target, message: 'the prober was closed' });
    }
    const bound = await Promise.allSettled(this.sockets.values());
    this.sockets.clear();
    await Promise.all(
      bound.map((b) =>
        b.status === 'fulfilled'
          ? new Promise<void>((done) => b.value.socket.close(() => done()))
          : undefined,
      ),
    );
  }

  private async transact(target: ProbeTarget): Promise<ProbeResult> {
    const failed = (message: string): ProbeResult => ({ outcome: 'error', target, message });
    if (this.closed) return failed('the prober was closed');
    const family = isIP(target.host);
    if (family === 0) return failed(`"${target.host}" is not an IP address`);
    if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) {
      return failed(`${target.port} is not a UDP port (1-65535)`);
    }
    try {
      const { socket, address } = await this.socketFor(family as Family);
      const source = await this.sourceFor(target.host, family as Family, address.address);
      if (this.closed) return failed('the prober was closed');
      return await this.exchange(socket, target, { address: source, port: address.port });
    } catch (error) {
      return failed(reason(error));
    }
  }

  private exchange(socket: Socket, target: ProbeTarget, local: LocalAddress): Promise<ProbeResult> {
    const { t1Ms, t2Ms, timeoutMs, maxTransmissions } = this.settings;
    const ids = newTransactionIds();
    const request = Buffer.from(optionsRequest(target, local, ids));
    return new Promise((resolve) => {
      let retransmit: NodeJS.Timeout | undefined;
      let interval = t1Ms;
      const transaction: Transaction = {
        ids,
        target,
        startedAt: performance.now(),
        transmissions: 0,
        settle: (result) => {
          if (this.transactions.get(ids.branch) !== transaction) return;
          this.transactions.delete(ids.branch);
          clearTimeout(retransmit);
          clearTimeout(deadline);
          resolve(result);
        },
      };
      const send = () => {
        transaction.transmissions++;
        socket.send(request, target.port, target.host, (error) => {
          if (error) transaction.settle({ outcome: 'error', target, message: reason(error) });
        });
      };
      const again = () => {
        if (transaction.transmissions >= maxTransmissions) return;
        send();
        interval = Math.min(interval * 2, t2Ms);
        retransmit = setTimeout(again, interval);
      };
      const deadline = setTimeout(
        () =>
          transaction.settle({
            outcome: 'timeout',
            target,
            waitedMs: timeoutMs,
            transmissions: transaction.transmissions,
          }),
        timeoutMs,
      );
      this.transactions.set(ids.branch, transaction);
      send();
      retransmit = setTimeout(again, interval);
    });
  }

  private socketFor(family: Family): Promise<Bound> {
    const known = this.sockets.get(family);
    if (known) return known;
    const opening = this.open(family);
    this.sockets.set(family, opening);
    // A family this machine cannot use (no IPv6) fails this probe; a later one tries again.
    opening.catch(() => this.sockets.delete(family));
    return opening;
  }

  private open(family: Family): Promise<Bound> {
    const socket = createSocket({ type: family === 6 ? 'udp6' : 'udp4', ipv6Only: family === 6 });
    const address = family === 6 ? (this.options.bind?.ipv6 ?? '::') : (this.options.bind?.ipv4 ?? '0.0.0.0');
    socket.on('message', (datagram) => this.receive(datagram));
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, address, () => {
        socket.off('error', reject);
        socket.on('error', (error) => this.options.log.warn({ err: error }, 'SIP probe socket error'));
        resolve({ socket, address: socket.address() });
      });
    });
  }

  /** Our address as `host` sees it: the bound one, or the route's source when bound to every address. */
  private sourceFor(host: string, family: Family, bound: string): Promise<string> {
    if (!WILDCARDS.has(bound)) return Promise.resolve(bound);
    const known = this.sources.get(host);
    if (known) return known;
    const finding = sourceAddressToward(host, family);
    this.sources.set(host, finding);
    finding.catch(() => this.sources.delete(host));
    return finding;
  }

  private receive(datagram: Buffer): void {
    // Before parsing: the round trip is the peer's and the network's, not ours.
    const arrivedAt = performance.now();
    const response = parseResponse(datagram);
    const transaction = response && this.transactions.get(response.branch);
    if (!response || !transaction || !answers(response, transaction.ids)) {
      this.ignored++;
      return;
    }
    // A provisional answer (1xx) only says the request arrived: wait for the final one.
    if (response.status < 200) return;
    transaction.settle({
      outcome: 'answered',
      target: transaction.target,
      rttMs: arrivedAt - transaction.startedAt,
      status: response.status,
      statusLine: response.statusLine,
      transmissions: transaction.transmissions,
    });
  }
}

function answers(response: SipResponse, ids: TransactionIds): boolean {
  return (
    response.callId === ids.callId && response.cseq.method === 'OPTIONS' && response.cseq.number === ids.cseq
  );
}
