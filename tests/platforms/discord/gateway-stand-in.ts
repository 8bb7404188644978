import type { Server as HttpServer } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * Discord's gateway as far as discord.js needs it (TESTING.md): HELLO, IDENTIFY → READY and a
 * GUILD_CREATE per guild, RESUME → RESUMED, heartbeats acknowledged, dispatches in sequence.
 */

export interface GatewayGuild {
  id: string;
  name: string;
  roles: { id: string; name: string }[];
  channels: { id: string; name: string }[];
}

export interface GatewayOptions {
  url: string;
  botUser: { id: string; username: string };
  applicationId: string;
  guilds: GatewayGuild[];
}

interface Frame {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

const HEARTBEAT_INTERVAL_MS = 30_000;

function guildCreate(guild: GatewayGuild, botUser: GatewayOptions['botUser']) {
  const role = (id: string, name: string, position: number) => ({
    id,
    name,
    permissions: '0',
    position,
    color: 0,
    hoist: false,
    managed: false,
    mentionable: false,
    flags: 0,
  });
  return {
    id: guild.id,
    name: guild.name,
    owner_id: botUser.id,
    unavailable: false,
    large: false,
    member_count: 3,
    joined_at: new Date(0).toISOString(),
    roles: [role(guild.id, '@everyone', 0), ...guild.roles.map((r, i) => role(r.id, r.name, i + 1))],
    channels: guild.channels.map((c, i) => ({
      id: c.id,
      type: 0,
      name: c.name,
      position: i,
      permission_overwrites: [],
    })),
    members: [],
    emojis: [],
    stickers: [],
    features: [],
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    premium_tier: 0,
  };
}

export class GatewayStandIn {
  /** Every frame a client sent, in order. */
  readonly received: Frame[] = [];
  /** How many sessions were opened by IDENTIFY and by RESUME. */
  readonly sessions = { identified: 0, resumed: 0 };
  private readonly wss: WebSocketServer;
  private socket: WebSocket | undefined;
  private seq = 0;
  private readonly sessionId = 'session-1';
  private readonly waiters: (() => void)[] = [];

  constructor(
    server: HttpServer,
    private readonly options: GatewayOptions,
  ) {
    this.wss = new WebSocketServer({ server, path: '/gateway' });
    this.wss.on('connection', (socket) => this.accept(socket));
  }

  /** Sends a dispatch event to the connected client. */
  dispatch(t: string, d: unknown): void {
    if (!this.socket) throw new Error('no gateway connection to dispatch to');
    this.send(this.socket, { op: 0, t, s: ++this.seq, d });
  }

  /** Closes the connection as Discord might: with a close code, or by dropping the socket. */
  drop(how: { code: number } | 'socket'): void {
    const socket = this.socket;
    this.socket = undefined;
    if (how === 'socket') socket?.terminate();
    else socket?.close(how.code, 'stand-in closed it');
  }

  /** Resolves when the next session (READY or RESUMED) is under way. */
  nextSession(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private accept(socket: WebSocket): void {
    socket.on('message', (data) => this.receive(socket, JSON.parse(String(data)) as Frame));
    this.send(socket, { op: 10, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS } });
  }

  private receive(socket: WebSocket, frame: Frame): void {
    this.received.push(frame);
    if (frame.op === 1) this.send(socket, { op: 11 });
    if (frame.op === 2) this.identify(socket);
    if (frame.op === 6) this.resume(socket);
  }

  private identify(socket: WebSocket): void {
    this.socket = socket;
    this.sessions.identified += 1;
    const { botUser, guilds, applicationId, url } = this.options;
    this.send(socket, {
      op: 0,
      t: 'READY',
      s: ++this.seq,
      d: {
        v: 10,
        user: { ...botUser, discriminator: '0', avatar: null, bot: true, global_name: null },
        guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
        session_id: this.sessionId,
        resume_gateway_url: url,
        shard: [0, 1],
        application: { id: applicationId, flags: 0 },
      },
    });
    for (const guild of guilds) this.dispatch('GUILD_CREATE', guildCreate(guild, botUser));
    this.sessionStarted();
  }

  private resume(socket: WebSocket): void {
    this.socket = socket;
    this.sessions.resumed += 1;
    this.send(socket, { op: 0, t: 'RESUMED', s: ++this.seq, d: {} });
    this.sessionStarted();
  }

  private sessionStarted(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private send(socket: WebSocket, frame: Frame): void {
    socket.send(JSON.stringify({ s: null, t: null, ...frame }));
  }
}
