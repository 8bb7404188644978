import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A local stand-in of Slack (TESTING.md): the Web API at /api/<method>, response_url endpoints at
 * /respond/<n>, and a Socket Mode WebSocket at /link. Everything it receives, and every ack a test
 * reads, goes into one ordered list of events, so tests assert what happened and in which order.
 */

export type EventKind = 'api' | 'respond' | 'ack' | 'socket-ack';

export interface SlackEvent {
  kind: EventKind;
  /** Web API method, response_url path, or the acked request's name. */
  name: string;
  body: Record<string, unknown>;
}

type Answer = { status?: number; headers?: Record<string, string>; body: Record<string, unknown> };
type Handler = (args: Record<string, unknown>) => Answer;

/** Form fields that carry JSON, as the Web API client sends them. */
const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata']);

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  if ((request.headers['content-type'] ?? '').startsWith('application/json')) return JSON.parse(text);
  const fields: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text))
    fields[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  return fields;
}

export class SlackStandIn {
  readonly events: SlackEvent[] = [];
  /** Members of each user group, for usergroups.users.list. */
  readonly groups: Record<string, string[]> = {};
  private readonly overrides = new Map<string, Handler>();
  private readonly respondsByPath = new Map<string, Record<string, unknown>[]>();
  private readonly sockets = new Set<WebSocket>();
  private readonly socketAcks = new Map<string, (payload: unknown) => void>();
  private counter = 0;
  private readonly wss = new WebSocketServer({ noServer: true });

  private constructor(private readonly server: Server) {
    this.wss.on('connection', (socket) => this.connected(socket));
  }

  static async start(): Promise<SlackStandIn> {
    let stand: SlackStandIn | undefined;
    const server = createServer((req, res) => {
      stand!.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    stand = new SlackStandIn(server);
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/link')) return socket.destroy();
      stand!.wss.handleUpgrade(req, socket, head, (ws) => stand!.wss.emit('connection', ws, req));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return stand;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A fresh response_url for one gesture. */
  responseUrl(): string {
    return `${this.url}/respond/${++this.counter}`;
  }

  /** Answers `method` with `handler` from now on (a 429, an error), instead of the usual success. */
  override(method: string, handler: Handler): void {
    this.overrides.set(method, handler);
  }

  /** Back to the usual success for `method`. */
  restore(method: string): void {
    this.overrides.delete(method);
  }

  record(kind: EventKind, name: string, body: Record<string, unknown> = {}): void {
    this.events.push({ kind, name, body });
    if (kind === 'respond') this.respondsByPath.set(name, [...(this.respondsByPath.get(name) ?? []), body]);
  }

  calls(method: string): Record<string, unknown>[] {
    return this.events.filter((e) => e.kind === 'api' && e.name === method).map((e) => e.body);
  }

  responds(path?: string): Record<string, unknown>[] {
    if (path) return this.respondsByPath.get(path) ?? [];
    return this.events.filter((e) => e.kind === 'respond').map((e) => e.body);
  }

  /** Waits (bounded) until `found` returns something, polling the events. */
  async waitFor<T>(found: () => T | null | undefined, what: string, timeoutMs = 8_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = found();
      if (value !== undefined && value !== null && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Sends an envelope over every Socket Mode connection; resolves with the app's ack payload. */
  deliver(type: 'slash_commands' | 'interactive' | 'events_api', payload: unknown): Promise<unknown> {
    const envelopeId = randomBytes(8).toString('hex');
    const acked = new Promise<unknown>((resolve) => this.socketAcks.set(envelopeId, resolve));
    const envelope = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
    };
    for (const socket of this.sockets) socket.send(JSON.stringify(envelope));
    return acked;
  }

  get socketCount(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private connected(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { envelope_id?: string; payload?: unknown };
      if (!message.envelope_id) return;
      this.record('socket-ack', message.envelope_id, { payload: message.payload });
      this.socketAcks.get(message.envelope_id)?.(message.payload);
    });
    socket.send(
      JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0SWITCH' } }),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    const body = await readBody(req);
    if (path.startsWith('/respond/')) {
      this.record('respond', path, body);
      res.writeHead(200).end('ok');
      return;
    }
    const method = path.replace(/^\/api\//, '').replace(/\?.*$/, '');
    this.record('api', method, body);
    const answer = (this.overrides.get(method) ?? ((args) => this.success(method, args)))(body);
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  }

  private success(method: string, args: Record<string, unknown>): Answer {
    const ts = `${1_700_000_000 + ++this.counter}.000100`;
    switch (method) {
      case 'auth.test':
        return {
          body: { ok: true, user_id: 'U0SWITCH', bot_id: 'B0SWITCH', team_id: 'T0TEAM', user: 'switchboard' },
        };
      case 'chat.postMessage':
        return { body: { ok: true, channel: args.channel, ts, message: { ts } } };
      case 'chat.update':
        return { body: { ok: true, channel: args.channel, ts: args.ts } };
      case 'chat.postEphemeral':
        return { body: { ok: true, message_ts: ts } };
      case 'views.open':
      case 'views.update':
      case 'views.publish':
        return {
          body: {
            ok: true,
            view: { id: typeof args.view_id === 'string' ? args.view_id : `V${this.counter}`, hash: ts },
          },
        };
      case 'usergroups.users.list':
        return { body: { ok: true, users: this.groups[String(args.usergroup)] ?? [] } };
      case 'apps.connections.open':
        return { body: { ok: true, url: `${this.url.replace('http', 'ws')}/link/?ticket=test` } };
      default:
        return { body: { ok: false, error: 'unknown_method' } };
    }
  }
}
