import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type GatewayGuild, GatewayStandIn } from './gateway-stand-in.js';

/**
 * Discord on 127.0.0.1 (TESTING.md): the REST routes the bot, the register script and the alert
 * senders use, with a message store, and the gateway. Records every request; `intercept` lets a
 * test answer one itself (a 429, a 500).
 */

export interface Recorded {
  method: string;
  /** Without `/api` and `/v10`, `%40original` decoded: `/channels/1/messages`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown> | undefined;
  /** When the request arrived (performance.now()). */
  at: number;
}

export interface StoredMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: unknown[];
  components: unknown[];
  flags: number;
  message_reference?: { message_id: string };
  /** Set for messages posted through an incoming webhook. */
  webhook_id?: string;
}

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the stand-in knows of an interaction it dispatched: its channel, and for a click, the clicked message. */
interface InteractionState {
  channelId: string;
  clickedId?: string;
  originalId?: string;
  /** The deferred "thinking" message is still showing: the first follow-up fills it (as Discord does). */
  loading: boolean;
  deferredFlags: number;
}

export const EPHEMERAL = 64;
export const BOT_TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAw.stand-in.bot-token-for-tests';

export const ids = {
  application: '1100000000000000001',
  guild: '1100000000000000002',
  channel: '1100000000000000003',
  commandId: '1100000000000000004',
};

const DISCORD_EPOCH = 1_420_070_400_000n;
let counter = 0n;
/** A fresh id that, like Discord's, carries the time it was made (discord.js reads an interaction's age from it). */
export const snowflake = () =>
  String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (counter++ & 0x3fffffn));

export class DiscordStandIn {
  readonly requests: Recorded[] = [];
  readonly messages = new Map<string, StoredMessage>();
  /** Registered commands by route: `/applications/:app/commands` or the guild one. */
  readonly commands = new Map<string, unknown[]>();
  /** Incoming webhooks: id → token. */
  readonly webhooks = new Map<string, string>();
  readonly interactions = new Map<string, InteractionState>();
  gateway!: GatewayStandIn;
  apiUrl = '';
  private interceptors: ((request: Recorded) => Answer | undefined)[] = [];
  private readonly server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () =>
      this.handle(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks), res),
    );
  });

  static async start(guild: GatewayGuild): Promise<DiscordStandIn> {
    const standIn = new DiscordStandIn();
    await new Promise<void>((resolve) => standIn.server.listen(0, '127.0.0.1', resolve));
    const { port } = standIn.server.address() as AddressInfo;
    standIn.apiUrl = `http://127.0.0.1:${port}/api`;
    standIn.gateway = new GatewayStandIn(standIn.server, {
      url: `ws://127.0.0.1:${port}/gateway`,
      botUser: { id: ids.application, username: 'switchboard' },
      applicationId: ids.application,
      guilds: [guild],
    });
    return standIn;
  }

  /** A test's own answer for the requests `answer` picks (returns undefined for the others). */
  intercept(answer: (request: Recorded) => Answer | undefined): void {
    this.interceptors.push(answer);
  }

  /** An incoming channel webhook; returns its URL. */
  createWebhook(): string {
    const id = snowflake();
    const token = `webhook-token-${id}`;
    this.webhooks.set(id, token);
    return `${this.apiUrl}/webhooks/${id}/${token}`;
  }

  /** Remembers an interaction about to be dispatched, so its webhook routes find their messages. */
  expectInteraction(token: string, channelId: string, clickedId?: string): void {
    this.interactions.set(token, {
      channelId,
      ...(clickedId ? { clickedId } : {}),
      loading: false,
      deferredFlags: 0,
    });
  }

  /** Stores a message as if the bot had posted it earlier (a card to click). */
  seedMessage(message: Omit<StoredMessage, 'flags'> & { flags?: number }): StoredMessage {
    const stored = { flags: 0, ...message };
    this.messages.set(stored.id, stored);
    return stored;
  }

  /** Waits for the first recorded request `matches` picks, checking every 5 ms for at most `withinMs`. */
  async waitFor(matches: (request: Recorded) => boolean, withinMs = 5_000): Promise<Recorded> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const found = this.requests.find(matches);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('the stand-in did not see the expected request in time');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async close(): Promise<void> {
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(
    method: string,
    rawUrl: string,
    headers: IncomingHttpHeaders,
    raw: Buffer,
    res: ServerResponse,
  ) {
    const url = new URL(rawUrl, 'http://stand-in');
    const path = decodeURIComponent(url.pathname.replace(/^\/api(\/v\d+)?/, ''));
    const text = raw.toString();
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    const request: Recorded = { method, path, query: url.searchParams, headers, body, at: performance.now() };
    this.requests.push(request);
    const answer =
      this.interceptors.map((intercept) => intercept(request)).find(Boolean) ?? this.route(request);
    const payload = answer.body === undefined ? '' : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      ...(payload ? { 'content-type': 'application/json' } : {}),
      'content-length': Buffer.byteLength(payload),
      ...answer.headers,
    });
    res.end(payload);
  }

  private route(request: Recorded): Answer {
    const { method, path } = request;
    const parts = path.split('/').filter(Boolean);
    if (method === 'GET' && path === '/gateway/bot') return this.gatewayInfo();
    if (parts[0] === 'interactions' && parts[3] === 'callback') return this.callback(parts[2]!, request);
    if (parts[0] === 'webhooks') return this.webhook(parts, request);
    if (parts[0] === 'channels' && parts[2] === 'messages') return this.channelMessages(parts, request);
    if (parts[0] === 'applications' && path.endsWith('/commands'))
      return this.applicationCommands(path, request);
    return notFound(10_000, `the stand-in has no ${method} ${path}`);
  }

  private gatewayInfo(): Answer {
    const url = this.apiUrl.replace(/^http/, 'ws').replace(/\/api$/, '/gateway');
    return {
      status: 200,
      body: {
        url,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      },
    };
  }

  private callback(token: string, request: Recorded): Answer {
    const state = this.interactions.get(token);
    if (!state) return notFound(10_062, 'Unknown interaction');
    const type = request.body?.type as number;
    const data = (request.body?.data ?? {}) as Record<string, unknown>;
    if (type === 4 || type === 5) {
      const original = this.store(state.channelId, type === 4 ? data : {}, Number(data.flags ?? 0));
      state.originalId = original.id;
      state.loading = type === 5;
      state.deferredFlags = Number(data.flags ?? 0);
    }
    if (type === 7 && state.clickedId) this.update(state.clickedId, data);
    return { status: 204 };
  }

  private webhook(parts: string[], request: Recorded): Answer {
    const [, owner, token, messages, messageId] = parts;
    const incoming = this.webhooks.get(owner!) === token;
    const state = this.interactions.get(token!);
    if (!incoming && !state) return notFound(10_015, 'Unknown Webhook');
    if (messages === undefined && request.method === 'POST') {
      if (incoming) {
        const posted = this.store(ids.channel, request.body ?? {}, 0, owner);
        return request.query.get('wait') === 'true' ? { status: 200, body: posted } : { status: 204 };
      }
      return this.followUp(state!, request.body ?? {});
    }
    const id = messageId === '@original' ? (state?.originalId ?? state?.clickedId) : messageId;
    const message = id ? this.messages.get(id) : undefined;
    if (!message) return notFound(10_008, 'Unknown Message');
    if (request.method === 'GET') return { status: 200, body: message };
    if (request.method === 'DELETE') {
      this.messages.delete(message.id);
      if (state && message.id === state.originalId) state.loading = false;
      return { status: 204 };
    }
    if (state && message.id === state.originalId) state.loading = false;
    return { status: 200, body: this.update(message.id, request.body ?? {}) };
  }

  private followUp(state: InteractionState, body: Record<string, unknown>): Answer {
    if (state.loading && state.originalId) {
      state.loading = false;
      return { status: 200, body: this.update(state.originalId, body) };
    }
    return { status: 200, body: this.store(state.channelId, body, Number(body.flags ?? 0)) };
  }

  private channelMessages(parts: string[], request: Recorded): Answer {
    if (request.headers.authorization !== `Bot ${BOT_TOKEN}`)
      return { status: 401, body: { code: 0, message: '401: Unauthorized' } };
    const [, channelId, , messageId] = parts;
    if (messageId === undefined && request.method === 'POST') {
      return { status: 200, body: this.store(channelId!, request.body ?? {}, 0) };
    }
    const message = this.messages.get(messageId ?? '');
    if (!message || message.channel_id !== channelId || message.flags & EPHEMERAL) {
      return notFound(10_008, 'Unknown Message');
    }
    if (request.method === 'GET') return { status: 200, body: message };
    return { status: 200, body: this.update(message.id, request.body ?? {}) };
  }

  private applicationCommands(path: string, request: Recorded): Answer {
    if (request.method === 'PUT') {
      const list = (request.body as unknown as Record<string, unknown>[]).map((command) => ({
        ...command,
        id: snowflake(),
        application_id: ids.application,
        version: snowflake(),
      }));
      this.commands.set(path, list);
      return { status: 200, body: list };
    }
    return { status: 200, body: this.commands.get(path) ?? [] };
  }

  private store(
    channelId: string,
    body: Record<string, unknown>,
    flags: number,
    webhookId?: string,
  ): StoredMessage {
    const message: StoredMessage = {
      id: snowflake(),
      channel_id: channelId,
      content: String(body.content ?? ''),
      embeds: (body.embeds as unknown[]) ?? [],
      components: (body.components as unknown[]) ?? [],
      flags,
      ...(body.message_reference
        ? { message_reference: body.message_reference as { message_id: string } }
        : {}),
      ...(webhookId ? { webhook_id: webhookId } : {}),
    };
    this.messages.set(message.id, message);
    return apiMessage(message);
  }

  private update(id: string, body: Record<string, unknown>): StoredMessage {
    const message = this.messages.get(id)!;
    if ('content' in body) message.content = String(body.content ?? '');
    if ('embeds' in body) message.embeds = (body.embeds as unknown[]) ?? [];
    if ('components' in body) message.components = (body.components as unknown[]) ?? [];
    return apiMessage(message);
  }
}

/** A stored message as the API returns it, with what discord.js reads from every message. */
function apiMessage(message: StoredMessage): StoredMessage {
  return {
    ...message,
    type: 0,
    author: { id: ids.application, username: 'switchboard', discriminator: '0', avatar: null, bot: true },
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    pinned: false,
  } as StoredMessage;
}

const notFound = (code: number, message: string): Answer => ({ status: 404, body: { code, message } });
