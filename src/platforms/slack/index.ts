import type { AddressInfo } from 'node:net';
import type { ChannelSender } from '../../alerts/sender.js';
import type { App } from '../../app.js';
import type { SlackSettings } from '../../config.js';
import { AfterAck } from './after-ack.js';
import { createBolt, deliveryClient, EVENTS_PATH, listen, REPLY_RETRIES, startFailure } from './bolt-app.js';
import type { SlackContext } from './context.js';
import { SlackGroups, slackGroupIds } from './groups.js';
import { registerListeners } from './listeners/index.js';
import { updateMessage } from './responder.js';
import { SlackChannelSender } from './sender.js';

export interface SlackStartOptions {
  /** HTTP receiver: the interface to listen on; default all of them. Tests use 127.0.0.1. */
  host?: string;
  /** HTTP receiver: the port; default `settings.port` (PORT). Tests use 0. */
  port?: number;
  /** Web API retries of replies and cards; default REPLY_RETRIES. Tests use 0. */
  retries?: number;
  /** How long an answer may take before a "working" note appears; default 1 s. */
  workingNoteMs?: number;
  /** How long user-group memberships are trusted; default 5 minutes. */
  groupCacheMs?: number;
}

export interface SlackSurface {
  /** Alerts to Slack channels, for the outbox. */
  sender: ChannelSender;
  /** HTTP receiver only: the Request URL as listened on, e.g. http://127.0.0.1:3000/slack/events. */
  url?: string;
  /** Stops receiving, then waits (bounded) for the gestures still being answered. */
  stop(): Promise<void>;
}

const WORKING_NOTE_MS = 1_000;
const GROUP_CACHE_MS = 5 * 60_000;
const GROUP_FAILURE_CACHE_MS = 30_000;
/** How long stopping waits for gestures still being answered. */
const DRAIN_MS = 5_000;

/** Stopping twice (a signal, then shutdown) waits for the one stop. */
function once(stop: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= stop();
    return stopping;
  };
}

/**
 * The Slack surface: `/cx`, button clicks, the config form and the App Home, on Socket Mode when
 * SLACK_APP_TOKEN is set, otherwise Bolt's HTTP receiver at /slack/events on PORT. Registers the
 * card editor, so expired requests' cards are edited too.
 */
export async function startSlack(
  app: App,
  settings: SlackSettings,
  options: SlackStartOptions = {},
): Promise<SlackSurface> {
  const log = app.log.child({ surface: 'slack' });
  const { bolt, socket } = createBolt(settings, log, options.retries ?? REPLY_RETRIES);
  await bolt.init().catch((error: unknown) => {
    throw startFailure('SLACK_BOT_TOKEN', error);
  });
  const afterAck = new AfterAck(log);
  const ctx: SlackContext = {
    app,
    log,
    workingNoteMs: options.workingNoteMs ?? WORKING_NOTE_MS,
    groups: new SlackGroups({
      client: bolt.client,
      groupIds: slackGroupIds(app.config.access),
      ttlMs: options.groupCacheMs ?? GROUP_CACHE_MS,
      failureTtlMs: GROUP_FAILURE_CACHE_MS,
      log,
    }),
    afterAck: afterAck.run,
  };
  registerListeners(bolt, ctx);
  bolt.error(async (error) => {
    log.error({ err: error }, 'a Slack listener failed');
  });
  app.registerEditor('slack', (ref, reply) => updateMessage(bolt.client, ref, reply));
  const sender = new SlackChannelSender(deliveryClient(settings, log));

  if (socket) {
    await bolt.start().catch(async (error: unknown) => {
      await socket.client.disconnect();
      throw startFailure('SLACK_APP_TOKEN', error);
    });
    log.info('Slack surface started in Socket Mode');
    return {
      sender,
      // Bolt's stop does not wait for the socket to close; the client's disconnect does.
      stop: once(async () => {
        await socket.client.disconnect();
        await afterAck.settled(DRAIN_MS);
      }),
    };
  }
  const server = await listen(bolt, options.port ?? settings.port, options.host);
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `http://${host}:${port}${EVENTS_PATH}`;
  log.info(
    { listening: url },
    `Slack surface started: point the Request URLs at https://<this host>${EVENTS_PATH}`,
  );
  return {
    sender,
    url,
    stop: once(async () => {
      const stopped = bolt.stop();
      server.closeIdleConnections();
      await stopped;
      await afterAck.settled(DRAIN_MS);
    }),
  };
}
