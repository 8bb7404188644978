import type { Server } from 'node:http';
import { App as BoltApp, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import type { SlackSettings } from '../../config.js';
import { boltLogger } from './logger.js';
import { slackErrorCode } from './slack-errors.js';

/** Where Slack posts commands, clicks, form submissions and events when not in Socket Mode. */
export const EVENTS_PATH = '/slack/events';

/** A hung Slack call must not hold a gesture for ever. */
const WEB_API_TIMEOUT_MS = 10_000;

/**
 * Bolt's own default retries a failed call for about half an hour: far past the moment an answer
 * is useful. Replies and cards get a few quick retries instead.
 */
export const REPLY_RETRIES = 2;

export interface BoltParts {
  bolt: BoltApp;
  /** Set in Socket Mode: its client must be disconnected, and awaited, to stop. */
  socket?: SocketModeReceiver;
}

function clientOptions(settings: SlackSettings, log: Logger, retries: number): WebClientOptions {
  return {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: { retries, factor: 2, minTimeout: 500, maxTimeout: 2_000 },
    timeout: WEB_API_TIMEOUT_MS,
    logger: boltLogger(log),
  };
}

/** Socket Mode when there is an app-level token (no public URL needed), else Bolt's HTTP receiver. */
export function createBolt(settings: SlackSettings, log: Logger, retries: number): BoltParts {
  const logger = boltLogger(log);
  const socket = settings.appToken
    ? new SocketModeReceiver({
        appToken: settings.appToken,
        logger,
        installerOptions: { clientOptions: clientOptions(settings, log, retries) },
      })
    : undefined;
  const receiver =
    socket ?? new HTTPReceiver({ signingSecret: settings.signingSecret, endpoints: EVENTS_PATH, logger });
  const bolt = new BoltApp({
    token: settings.botToken,
    receiver,
    logger,
    clientOptions: clientOptions(settings, log, retries),
    deferInitialization: true,
  });
  return socket ? { bolt, socket } : { bolt };
}

/** A client for alert delivery: no retries of its own, a 429 rejected at once (the outbox retries). */
export function deliveryClient(settings: SlackSettings, log: Logger): WebClient {
  return new WebClient(settings.botToken, {
    ...clientOptions(settings, log, 0),
    rejectRateLimitedCalls: true,
  });
}

/** Why Slack would not let the surface start, naming the variable to fix; never the token itself. */
export function startFailure(variable: string, error: unknown): Error {
  const code = slackErrorCode(error);
  if (
    code === 'invalid_auth' ||
    code === 'not_authed' ||
    code === 'account_inactive' ||
    code === 'token_revoked'
  ) {
    return new Error(
      `Slack refused ${variable} (${code}): copy the token again from the Slack app's settings.`,
    );
  }
  if (code !== undefined) return new Error(`Slack refused to start with ${variable} (${code}).`);
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(`Slack could not be reached to check ${variable}: ${reason}`);
}

/** Starts the HTTP receiver; a busy port is named with the variable that sets it. */
export async function listen(bolt: BoltApp, port: number, host: string | undefined): Promise<Server> {
  try {
    return (await bolt.start({ port, ...(host ? { host } : {}) })) as Server;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(
        `PORT ${port} is already in use: set PORT to a free port (Slack's Request URL follows it).`,
      );
    }
    throw error;
  }
}
