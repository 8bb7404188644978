import { Events } from 'discord.js';
import type { ChannelSender } from '../../alerts/sender.js';
import type { App } from '../../app.js';
import type { DiscordSettings } from '../../config.js';
import { CardMessages } from './card-messages.js';
import { botChannelSender } from './channel-sender.js';
import { botRest, connect, createDiscordClient, logGateway } from './client.js';
import { buildCommandTree } from './command-tree.js';
import { onInteraction } from './interactions.js';
import { ServerSuggestions } from './server-suggestions.js';

export { webhookSender } from './webhook.js';

export interface DiscordSurface {
  /** Posts and edits alerts through the bot, in any channel it can write to. */
  sender?: ChannelSender;
  /** Closes the gateway and waits (bounded) for interactions in flight; cards stay editable until the app closes. */
  stop(): Promise<void>;
}

const STOP_WAIT_MS = 5_000;

/**
 * The Discord surface: logs the bot in (Guilds intent only), answers /cx, its buttons and
 * autocomplete through the router, and edits cards by channel and message id.
 */
export async function startDiscord(app: App, settings: DiscordSettings): Promise<DiscordSurface> {
  const log = app.log.child({ platform: 'discord' });
  const { layout } = buildCommandTree(app.catalog);
  const cards = new CardMessages(botRest(settings), log);
  const servers = new ServerSuggestions(() => app.fleet.servers(), { log });
  const deps = { router: app.router, catalog: app.catalog, layout, cards, servers, log };

  const inFlight = new Set<Promise<void>>();
  const client = createDiscordClient(settings);
  logGateway(client, log);
  client.on(Events.InteractionCreate, (interaction) => {
    const work = onInteraction(interaction, deps).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  await connect(client, settings.token);
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord bot logged in');

  app.registerEditor('discord', (ref, reply) => cards.edit(ref, reply));
  servers.warm();
  return {
    sender: botChannelSender(botRest(settings, { rejectOnRateLimit: () => true, retries: 0 })),
    async stop() {
      await client.destroy();
      const waiting = new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref());
      await Promise.race([Promise.allSettled([...inFlight, servers.settled()]), waiting]);
    },
  };
}
