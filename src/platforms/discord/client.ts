import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, REST, type RESTOptions } from 'discord.js';
import type { Logger } from 'pino';
import type { DiscordSettings } from '../../config.js';
import { ALLOWED_MENTIONS } from './messages.js';

export const DISCORD_API_URL = 'https://discord.com/api';
const API_VERSION = '10';
const READY_TIMEOUT_MS = 30_000;

/** Where REST calls go, and through `GET /gateway/bot` the gateway too: Discord, or a stand-in. */
const restOptions = (settings: DiscordSettings): Partial<RESTOptions> => ({
  api: settings.apiUrl ?? DISCORD_API_URL,
  version: API_VERSION,
});

/** A REST client of its own with the bot token: it outlives the gateway client (which clears its token on destroy). */
export function botRest(settings: DiscordSettings, options: Partial<RESTOptions> = {}): REST {
  return new REST({ ...restOptions(settings), ...options }).setToken(settings.token);
}

/** The gateway client: the Guilds intent only, no privileged intent; interactions need nothing more. */
export function createDiscordClient(settings: DiscordSettings): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: restOptions(settings),
    allowedMentions: ALLOWED_MENTIONS,
  });
}

/** Reports what the gateway does; dropped connections are resumed or reopened by discord.js itself. */
export function logGateway(client: Client, log: Logger): void {
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shard) =>
    log.warn({ code: event.code, shard }, 'discord gateway closed'),
  );
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'discord gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) =>
    log.info({ shard, replayed }, 'discord gateway resumed'),
  );
}

/** Logs in and waits until the client is ready, or says why not. */
export async function connect(client: Client, token: string): Promise<void> {
  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(READY_TIMEOUT_MS) });
  // Awaited below; a failed login must not leave its later timeout unhandled.
  ready.catch(() => undefined);
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    await client.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Discord: could not log in (${reason}). Check DISCORD_TOKEN and DISCORD_APPLICATION_ID.`);
  }
}
