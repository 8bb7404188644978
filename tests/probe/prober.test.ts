import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceAddressToward } from '../../src/probe/local-address.js';
import { type ProberOptions, SipProber } from '../../src/probe/prober.js';
import { MAX_RESPONSE_BYTES } from '../../src/probe/response.js';

/**
 * The prober against a scripted UDP peer on 127.0.0.1: each test says what the peer does with
 * every OPTIONS it receives. (tests/probe/sipp.test.ts runs it against a real SIP stack.)
 */

interface Received {
  text: string;
  from: RemoteInfo;
}

type Script = (request: Received, send: (text: string) => void) => void;

interface Peer {
  port: number;
  received: Received[];
  script: Script;
  close(): Promise<void>;
}

function startPeer(): Promise<Peer> {
  const socket: Socket = createSocket('udp4');
  const peer: Peer = {
    port: 0,
    received: [],
    script: () => {},
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
  socket.on('message', (datagram, from) => {
    const request = { text: datagram.toString(), from };
    peer.received.push(request);
    peer.script(request, (text) => socket.send(text, from.port, from.address));
  });
  return new Promise((resolve) => {
    socket.bind(0, '127.0.0.1', () => {
      peer.port = socket.address().port;
      resolve(peer);
    });
  });
}

function header(request: string, name: string): string {
  const line = request.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (!line) throw new Error(`the request has no ${name} header`);
  return line.slice(name.length + 1).trim();
}

/** A response the way a SIP server builds it: the transaction headers copied from the request. */
function answer(request: string, status = '200 OK', change: Record<string, string> = {}): string {
  const copied = ['Via', 'From', 'To', 'Call-ID', 'CSeq'].map(
    (name) => `${name}: ${change[name] ?? header(request, name)}`,
  );
  return [`SIP/2.0 ${status}`, ...copied, 'Content-Length: 0', '', ''].join('\r\n');
}

/** Quick retransmissions and timeout; tests that count on a single transmission slow T1 down. */
const FAST: Omit<ProberOptions, 'log'> = {
  t1Ms: 10,
  t2Ms: 40,
  timeoutMs: 250,
  maxTransmissions: 4,
  bind: { ipv4: '127.0.0.1' },
};

let peer: Peer;
let prober: SipProber;

function newProber(options: Partial<ProberOptions> = {}): SipProber {
  prober = new SipProber({ log: pino({ level: 'silent' }), ...FAST, ...options });
  return prober;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; tries < 200 && !condition(); tries++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error(`gave up waiting: ${what}`);
}

beforeEach(async () => {
  peer = await startPeer();
});

afterEach(async () => {
  await prober?.close();
  await peer.close();
});

describe('SipProber', () => {
  it('sends an OPTIONS and reads the answer: status line, round trip, one transmission', async () => {
    peer.script = (request, send) => send(answer(request.text));
    const result = await newProber({ t1Ms: 1_000 }).probe({ host: '127.0.0.1', port: peer.port });
    expect(result).toMatchObject({
      outcome: 'answered',
      status: 200,
      statusLine: 'SIP/2.0 200 OK',
      transmissions: 1,
    });
    expect(result.outcome === 'answered' && result.rttMs).toBeGreaterThan(0);
    const [request] = peer.received;
    expect(request!.text.startsWith(`OPTIONS sip:127.0.0.1:${peer.port} SIP/2.0\r\n`)).toBe(true);
    // Via names the socket the answer must come back to.
    expect(header(request!.text, 'Via')).toContain(
      `SIP/2.0/UDP 127.0.0.1:${request!.from.port};branch=z9hG4bK`,
    );
    expect(prober.stats()).toEqual({ inFlight: 0, ignoredDatagrams: 0 });
  });

  it('ignores garbage, oversized and unrelated datagrams, waits past a provisional answer, drops late duplicates', async () => {
    peer.script = (request, send) => {
      const r = request.text;
      send('\u0000\u00ffgarbage');
      send(
        answer(r).replace(
          'Content-Length: 0',
          `X-Pad: ${'p'.repeat(MAX_RESPONSE_BYTES)}\r\nContent-Length: 0`,
        ),
      );
      send(answer(r, '200 OK', { 'Call-ID': 'someone-else@example.net' }));
      send(answer(r, '200 OK', { Via: 'SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKnotours' }));
      send(answer(r, '200 OK', { CSeq: '1 REGISTER' }));
      send(r);
      send(answer(r, '100 Trying'));
      send(answer(r, '486 Busy Here'));
      send(answer(r, '200 OK'));
    };
    const result = await newProber({ t1Ms: 1_000 }).probe({ host: '127.0.0.1', port: peer.port });
    expect(result).toMatchObject({ outcome: 'answered', status: 486, statusLine: 'SIP/2.0 486 Busy Here' });
    await until(() => prober.stats().ignoredDatagrams === 7, 'the late 200 OK to arrive');
    expect(prober.stats()).toEqual({ inFlight: 0, ignoredDatagrams: 7 });
  });

  it('retransmits the very same request until it is answered', async () => {
    peer.script = (request, send) => {
      if (peer.received.length === 3) send(answer(request.text));
    };
    const result = await newProber().probe({ host: '127.0.0.1', port: peer.port });
    expect(result).toMatchObject({ outcome: 'answered', transmissions: 3 });
    expect(new Set(peer.received.map((r) => r.text)).size).toBe(1);
  });

  it('gives up at the timeout after a bounded number of transmissions', async () => {
    const result = await newProber().probe({ host: '127.0.0.1', port: peer.port });
    expect(result).toEqual({
      outcome: 'timeout',
      target: { host: '127.0.0.1', port: peer.port },
      waitedMs: 250,
      transmissions: 4,
    });
    expect(peer.received).toHaveLength(4);
    expect(prober.stats().inFlight).toBe(0);
  });

  it('keeps at most `concurrency` transactions in flight, however many probes are asked for', async () => {
    let held: Received[] = [];
    let mostHeld = 0;
    peer.script = (request, send) => {
      held.push(request);
      mostHeld = Math.max(mostHeld, held.length);
      if (held.length > 1) return;
      // Answer everything that arrived meanwhile a little later, like a busy server.
      setTimeout(() => {
        for (const r of held) send(answer(r.text));
        held = [];
      }, 30);
    };
    // No retransmission within the hold: every held request is a transaction of its own.
    newProber({ concurrency: 3, t1Ms: 1_000, t2Ms: 1_000, timeoutMs: 2_000 });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => prober.probe({ host: '127.0.0.1', port: peer.port })),
    );
    expect(results.every((r) => r.outcome === 'answered')).toBe(true);
    expect(mostHeld).toBe(3);
    expect(new Set(peer.received.map((r) => header(r.text, 'Call-ID'))).size).toBe(10);
  });

  it.each([
    ['a name instead of an IP', { host: 'ams-sw-1', port: 5060 }, '"ams-sw-1" is not an IP address'],
    ['a port out of range', { host: '127.0.0.1', port: 70_000 }, '70000 is not a UDP port (1-65535)'],
  ])('answers %s with an error, without sending', async (_what, target, message) => {
    expect(await newProber().probe(target)).toEqual({ outcome: 'error', target, message });
    expect(peer.received).toHaveLength(0);
  });

  it('refuses a timing that makes no sense', () => {
    const log = pino({ level: 'silent' });
    expect(() => new SipProber({ log, concurrency: 0 })).toThrow();
    expect(() => new SipProber({ log, t1Ms: 0 })).toThrow();
  });

  it('ends open transactions when closed', async () => {
    newProber({ timeoutMs: 10_000, maxTransmissions: 1 });
    const pending = prober.probe({ host: '127.0.0.1', port: peer.port });
    await until(() => peer.received.length === 1, 'the request to arrive');
    await prober.close();
    expect(await pending).toMatchObject({ outcome: 'error', message: 'the prober was closed' });
    expect(await prober.probe({ host: '127.0.0.1', port: peer.port })).toMatchObject({ outcome: 'error' });
  });
});

describe('sourceAddressToward', () => {
  it('asks the routing table which of our addresses reaches a host', async () => {
    expect(await sourceAddressToward('127.0.0.1', 4)).toBe('127.0.0.1');
  });
});
