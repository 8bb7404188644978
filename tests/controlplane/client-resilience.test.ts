import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ControlPlaneClient } from '../../src/controlplane/client.js';
import type { RequestEvent } from '../../src/controlplane/http.js';
import { aServer, PASSWORD } from './fixtures.js';
import { failureOf, useStandIns } from './harness.js';
import { sendJson, until } from './stand-in.js';

const connect = useStandIns();
const ZONES = [{ id: 1, name: 'UK' }];

describe('reads recover by retrying', () => {
  it('retries 503 a few times, then returns the 200 answer', async () => {
    const { client, standIn } = await connect((_req, res, count) =>
      count <= 2 ? sendJson(res, 503, { error: 'busy' }) : sendJson(res, 200, ZONES),
    );
    await expect(client.listZones()).resolves.toEqual(ZONES);
    expect(standIn.seen).toHaveLength(3);
  });

  it('gives up after the configured retries and says how often it tried', async () => {
    const { client, standIn } = await connect((_req, res) => sendJson(res, 503, {}), { retries: 2 });
    const error = await failureOf(client.listZones());
    expect(error).toMatchObject({ kind: 'server', status: 503 });
    expect(error.message).toBe('The control plane answered 503 Service Unavailable (tried 3 times)');
    expect(standIn.seen).toHaveLength(3);
  });

  it('honours Retry-After on 429: the stand-in sees no request before the time it asked for', async () => {
    const retryAfterSeconds = 1;
    let limitedUntil = 0;
    let early = 0;
    const { client, standIn } = await connect((_req, res, count) => {
      if (count === 1 || Date.now() < limitedUntil) {
        if (count > 1) early++;
        // A little slack: a timer may fire a millisecond before the wall clock agrees.
        limitedUntil = Date.now() + retryAfterSeconds * 1000 - 20;
        sendJson(res, 429, { error: 'slow down' }, { 'retry-after': String(retryAfterSeconds) });
      } else {
        sendJson(res, 200, ZONES);
      }
    });
    await expect(client.listZones()).resolves.toEqual(ZONES);
    expect(early).toBe(0);
    expect(standIn.seen).toHaveLength(2);
  });

  it('does not wait for a Retry-After longer than its cap, and says when to try again', async () => {
    const { client, standIn } = await connect(
      (_req, res) => sendJson(res, 429, {}, { 'retry-after': '120' }),
      { backoff: { baseMs: 1, maxMs: 5, retryAfterMaxMs: 10_000 } },
    );
    const error = await failureOf(client.getAccount());
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(error.message).toBe('The control plane is rate limiting requests: try again in 120 s');
    expect(standIn.seen).toHaveLength(1);
  });

  it('retries a connection closed mid-body, and reports it as a network error when it keeps happening', async () => {
    const { client, standIn } = await connect(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 10_000 });
        res.write('[{"id":1,');
        res.socket?.destroy();
      },
      { retries: 2 },
    );
    const error = await failureOf(client.listServers());
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(
      /^The connection to the control plane at http:\/\/127\.0\.0\.1:\d+\/api\/cp\/ broke: .+ \(tried 3 times\)$/,
    );
    expect(standIn.seen).toHaveLength(3);
  });

  it('recovers when only the first answer is cut short', async () => {
    const { client, standIn } = await connect((_req, res, count) => {
      if (count > 1) return sendJson(res, 200, [aServer(1)]);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 10_000 });
      res.write('[{"id":1,');
      res.socket?.destroy();
    });
    await expect(client.listServers()).resolves.toEqual([aServer(1)]);
    expect(standIn.seen).toHaveLength(2);
  });

  it('retries a refused connection, reporting every attempt', async () => {
    const port = await closedPort();
    const events: RequestEvent[] = [];
    const client = new ControlPlaneClient({
      baseUrl: `http://127.0.0.1:${port}/`,
      auth: { username: 'alice', password: PASSWORD },
      retries: 2,
      backoff: { baseMs: 1, maxMs: 2 },
      onRequest: (event) => events.push(event),
    });
    try {
      const error = await failureOf(client.listClusters());
      expect(error.kind).toBe('network');
      expect(error.message).toBe(
        `Could not reach the control plane at http://127.0.0.1:${port}/: connection refused (tried 3 times)`,
      );
      expect(events.map((e) => [e.method, e.path, e.status, e.attempt])).toEqual([
        ['GET', 'setup/cluster', 0, 1],
        ['GET', 'setup/cluster', 0, 2],
        ['GET', 'setup/cluster', 0, 3],
      ]);
      expect(events[0]?.error).toContain('connection refused');
    } finally {
      await client.close();
    }
  });
});

describe('timeouts', () => {
  it('a server that never sends headers times out, and the GET is retried', async () => {
    const { client, standIn } = await connect(() => {}, {
      retries: 1,
      timeouts: { headersMs: 100 },
    });
    const error = await failureOf(client.getAccount());
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not answer within 100 ms \(tried 2 times\)$/);
    expect(standIn.seen).toHaveLength(2);
  });

  it('a body that stalls after the headers times out', async () => {
    const { client } = await connect(
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 10_000 });
        res.write('[');
      },
      { retries: 0, timeouts: { bodyMs: 100 } },
    );
    const error = await failureOf(client.listServers());
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/stopped sending its answer \(nothing for 100 ms\)$/);
  });
});

describe('writes are never repeated blindly', () => {
  it('a POST answered 500 is reported once, not retried', async () => {
    const { client, standIn } = await connect((_req, res) =>
      sendJson(res, 500, { error: 'database is locked' }),
    );
    const error = await failureOf(client.serverAction(3, 'restart'));
    expect(error).toMatchObject({ kind: 'server', status: 500 });
    expect(error.message).toBe(
      'The control plane answered 500 Internal Server Error: database is locked (the change may or may not have been made: check before trying again)',
    );
    expect(standIn.seen).toHaveLength(1);
  });

  it('a POST answered 429 is reported once with the time to wait', async () => {
    const { client, standIn } = await connect((_req, res) => sendJson(res, 429, {}, { 'retry-after': '7' }));
    const error = await failureOf(client.createCluster('east'));
    expect(error.message).toBe('The control plane is rate limiting requests: try again in 7 s');
    expect(standIn.seen).toHaveLength(1);
  });

  it('a write that got no answer may or may not have happened', async () => {
    const { client, standIn } = await connect(() => {}, { timeouts: { headersMs: 100 } });
    const error = await failureOf(client.deployServer({ zone: 'UK', alias: 'edge-1', type: 'switch' }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not answer within 100 ms \(the change may or may not have been made/);
    expect(standIn.seen).toHaveLength(1);
  });

  it('a write that could not connect says so, without doubt', async () => {
    const port = await closedPort();
    const client = new ControlPlaneClient({ baseUrl: `http://127.0.0.1:${port}`, auth: { token: 't0k3n' } });
    try {
      const error = await failureOf(client.removeMember(1, 2));
      expect(error.message).toBe(
        `Could not reach the control plane at http://127.0.0.1:${port}/: connection refused`,
      );
    } finally {
      await client.close();
    }
  });
});

describe('close', () => {
  it('ends a read that is waiting to retry', async () => {
    const { client, standIn } = await connect((_req, res) => sendJson(res, 503, {}, { 'retry-after': '10' }));
    const pending = failureOf(client.listZones());
    await until(() => standIn.seen.length === 1);
    await client.close();
    const error = await pending;
    expect(error).toMatchObject({
      kind: 'network',
      message: 'The control-plane client was closed while waiting to retry',
    });
    expect(standIn.seen).toHaveLength(1);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
