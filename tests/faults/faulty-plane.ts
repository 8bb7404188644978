import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { ControlPlaneClient } from '../../src/controlplane/client.js';
import { SimControl } from '../../src/controlplane/sim.js';
import { type EmbeddedControlPlane, startEmbeddedControlPlane } from '../../src/embedded/server.js';

/**
 * What the stand-in can do to a request instead of passing it on:
 * - reset: the connection is dropped before anything is answered (nothing reaches the plane)
 * - slow: no answer ever comes (nothing reaches the plane); the client's timeout ends it
 * - status-500: a 500 with an HTML error page (nothing reaches the plane)
 * - status-429: a 429 with `Retry-After: 1` (nothing reaches the plane)
 * - garbage: the plane handles it, and its answer is replaced by broken JSON
 * - cut: the plane handles it, and its answer is cut off halfway (the connection drops)
 * - echo-auth: a 400 whose message quotes the request's Authorization header back
 * - hold: the request waits at the proxy until `release()`, then goes to the plane as usual
 */
export type Fault = 'reset' | 'slow' | 'status-500' | 'status-429' | 'garbage' | 'cut' | 'echo-auth' | 'hold';

/** Faults after which the plane has handled the request: a write may have been made. */
export const FORWARDING_FAULTS: readonly Fault[] = ['garbage', 'cut'];

export interface PlaneRequest {
  method: string;
  /** Path below the API base, e.g. `setup/server/3/action`. */
  path: string;
  fault?: Fault;
  /** The request reached the embedded plane. */
  forwarded: boolean;
}

export interface Injection {
  /** How many matching requests get the fault; default every one. */
  times?: number;
  /** Only requests with these methods; default all. */
  methods?: readonly string[];
  /** Only requests for these paths (below the API base); default all. */
  paths?: readonly string[];
}

/** An embedded control plane behind a proxy on 127.0.0.1 that injects faults on request. */
export interface FaultyPlane {
  /** Base URL of the proxy: what CONNEXCS_API_URL points at. */
  url: string;
  embedded: EmbeddedControlPlane;
  /** Straight to the plane, past the proxy: to move the simulation. */
  sim: SimControl;
  /** Straight to the plane, past the proxy: to see what really changed. */
  direct: ControlPlaneClient;
  requests: PlaneRequest[];
  inject(fault: Fault, injection?: Injection): void;
  clear(): void;
  /** Requests waiting on a `hold` fault. */
  held(): number;
  /** Lets every held request through. */
  release(): void;
  /** The proxy stops listening: connections are refused. */
  goDown(): Promise<void>;
  /** Listens again on the same port. */
  comeBack(): Promise<void>;
  close(): Promise<void>;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE']);
export const isWrite = (request: PlaneRequest) => WRITE_METHODS.has(request.method);

const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding']);

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
  return new Promise((resolve, reject) => {
    const out = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false },
      (res) => {
        readBody(res).then(
          (answer) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: answer }),
          reject,
        );
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

const JSON_TYPE = { 'content-type': 'application/json' };
const ERROR_PAGE = '<!DOCTYPE html><html><body><h1>500 Internal Server Error</h1><p>nginx</p></body></html>';
const BROKEN_JSON = '{"status":"OK","id": 7, "job_id": ';

/** `password` is the plane's (CONNEXCS_PASSWORD, or CONNEXCS_TOKEN: the plane takes it as a bearer token too). */
export async function startFaultyPlane(password = 'plane-password-for-tests'): Promise<FaultyPlane> {
  const embedded = await startEmbeddedControlPlane({
    username: 'switchboard',
    password,
    clock: { running: false },
  });
  const auth = { username: embedded.username, password: embedded.password };
  const sim = new SimControl({ baseUrl: embedded.url, auth });
  const direct = new ControlPlaneClient({ baseUrl: embedded.url, auth, retries: 0 });
  const target = new URL(embedded.url);
  const basePath = target.pathname;
  const requests: PlaneRequest[] = [];
  let injection: (Injection & { fault: Fault; left: number }) | undefined;
  const holding = new Set<() => void>();

  function faultFor(method: string, path: string): Fault | undefined {
    if (!injection || injection.left <= 0) return undefined;
    if (injection.methods && !injection.methods.includes(method)) return undefined;
    if (injection.paths && !injection.paths.includes(path)) return undefined;
    injection.left -= 1;
    return injection.fault;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://proxy').pathname.slice(basePath.length);
    const body = await readBody(req);
    const fault = faultFor(method, path);
    const seen: PlaneRequest = { method, path, forwarded: false, ...(fault ? { fault } : {}) };
    requests.push(seen);
    switch (fault) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'slow':
        return;
      case 'status-500':
        send(res, 500, ERROR_PAGE, { 'content-type': 'text/html' });
        return;
      case 'status-429':
        send(res, 429, JSON.stringify({ error: 'Too many requests' }), { ...JSON_TYPE, 'retry-after': '1' });
        return;
      case 'echo-auth':
        send(res, 400, JSON.stringify({ error: `Bad request from ${req.headers.authorization}` }), JSON_TYPE);
        return;
      case 'hold':
        await new Promise<void>((resolve) => holding.add(resolve));
    }
    const upstream = await forward(target, req, body);
    seen.forwarded = true;
    const type = { 'content-type': String(upstream.headers['content-type'] ?? 'application/json') };
    if (fault === 'garbage') {
      send(res, upstream.status, BROKEN_JSON, type);
    } else if (fault === 'cut') {
      res.writeHead(upstream.status, { ...type, 'content-length': upstream.body.length });
      res.write(upstream.body.subarray(0, Math.floor(upstream.body.length / 2)), () => res.socket?.destroy());
    } else {
      const retryAfter = upstream.headers['retry-after'];
      send(res, upstream.status, upstream.body, {
        ...type,
        ...(retryAfter ? { 'retry-after': String(retryAfter) } : {}),
      });
    }
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.socket?.destroy());
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  await listen(0);
  const { port } = server.address() as AddressInfo;
  let up = true;

  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    embedded,
    sim,
    direct,
    requests,
    inject(fault, options = {}) {
      injection = { ...options, fault, left: options.times ?? Number.POSITIVE_INFINITY };
    },
    clear() {
      injection = undefined;
    },
    held: () => holding.size,
    release() {
      for (const resolve of holding) resolve();
      holding.clear();
    },
    async goDown() {
      up = false;
      await stop();
    },
    async comeBack() {
      await listen(port);
      up = true;
    },
    async close() {
      holding.clear();
      if (up) await stop();
      await Promise.all([sim.close(), direct.close()]);
      await embedded.close();
    },
  };
}
