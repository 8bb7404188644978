import { join } from 'node:path';
import pino from 'pino';
import type { ChannelSender } from './alerts/sender.js';
import { type App, createApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';
import type { OpsServer } from './ops/server.js';
import { StoreError } from './store/errors.js';

const VERSION = '0.1';

function fail(lines: string[]): never {
  for (const line of lines) process.stderr.write(`switchboard: ${line}\n`);
  process.exit(1);
}

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail([...error.problems, 'See .env.example for every setting.']);
    throw error;
  }
}

/**
 * With the console the terminal is for replies, so logs go to a file (opened synchronously, so a
 * failed start can still exit at once); otherwise to stderr.
 */
function logDestination(config: Config, withConsole: boolean) {
  return withConsole
    ? pino.destination({ dest: join(config.dataDir, 'switchboard.log'), mkdir: true, sync: true })
    : pino.destination(2);
}

function banner(app: App): string[] {
  const where = app.embedded
    ? `embedded control plane at ${app.embedded.url} (demo fleet)`
    : `ConnexCS at ${app.controlPlane.baseUrl}`;
  const surfaces = [app.config.slack && 'Slack', app.config.discord && 'Discord'].filter(Boolean);
  return [
    `Switchboard ${VERSION} · console · ${where}`,
    surfaces.length > 0
      ? `Also serving ${surfaces.join(' and ')}. Type /cx help.`
      : 'No Slack or Discord tokens set: see README "Connect to Slack". Type /cx help.',
  ];
}

/** Stops on SIGINT/SIGTERM: the first lets work in flight finish (bounded), a second exits at once. */
function onSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handle = () => {
    if (stopping) process.exit(130);
    stopping = true;
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}

interface Surface {
  sender?: ChannelSender | undefined;
  stop(): Promise<void>;
}

/** Slack and Discord, each loaded only when configured (their libraries are large). */
async function startPlatforms(app: App): Promise<Surface[]> {
  const surfaces: Surface[] = [];
  const { slack, discord, alerts } = app.config;
  if (slack) {
    const { startSlack } = await import('./platforms/slack/index.js');
    surfaces.push(await startSlack(app, slack));
  }
  if (discord) {
    const { startDiscord } = await import('./platforms/discord/index.js');
    surfaces.push(await startDiscord(app, discord));
  }
  if (alerts.discordWebhookUrl) {
    const { webhookSender } = await import('./platforms/discord/webhook.js');
    surfaces.push({ sender: webhookSender(alerts.discordWebhookUrl), stop: async () => {} });
  }
  return surfaces;
}

async function startOpsServer(app: App): Promise<OpsServer> {
  const { startOps } = await import('./ops/start.js');
  const { OpsServerError } = await import('./ops/server.js');
  return startOps(app).catch(async (error: unknown) => {
    if (error instanceof OpsServerError) {
      await app.close();
      fail([error.message]);
    }
    throw error;
  });
}

async function main(): Promise<void> {
  const config = readConfig();
  const platforms = Boolean(config.slack || config.discord);
  const withConsole = !platforms || process.argv.includes('--console');
  const log = createLogger({
    level: config.logLevel,
    pretty: false,
    destination: logDestination(config, withConsole),
  });
  let app: App;
  try {
    app = await createApp(config, { log });
  } catch (error) {
    if (error instanceof StoreError) fail([error.message]);
    throw error;
  }
  if (app.embedded) log.info({ url: app.embedded.url }, 'started the embedded control plane');

  let surfaces: Surface[];
  try {
    surfaces = await startPlatforms(app);
  } catch (error) {
    await app.close();
    fail([error instanceof Error ? error.message : String(error)]);
  }
  // A service (Slack, Discord) is watched from outside; a console on a laptop needs no port.
  const ops = platforms ? await startOpsServer(app) : undefined;
  const senders = surfaces.flatMap((surface) => (surface.sender ? [surface.sender] : []));
  if (withConsole && senders.length === 0) {
    const { ConsoleSender } = await import('./alerts/console-sender.js');
    senders.push(new ConsoleSender({ color: process.stdout.isTTY === true }));
  }
  const { startAlerts } = await import('./alerts/start.js');
  const { probeFindingSource } = await import('./probe/rules.js');
  const alerts = startAlerts(app, senders, { findingSources: [probeFindingSource(app.probing)] });

  const stop = async () => {
    for (const surface of surfaces) await surface.stop();
    await alerts.stop();
    await app.close();
    await ops?.close();
  };
  onSignals(stop);
  if (withConsole) {
    const { runConsole } = await import('./platforms/console/start.js');
    await runConsole(app, banner(app));
    await stop();
    process.exit(0);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `switchboard: could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
