import { join } from 'node:path';
import pino from 'pino';
import { type App, createApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';
import { runConsole } from './platforms/console/start.js';
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

/** With the console the terminal is for replies, so logs go to a file; otherwise to stderr. */
function logDestination(config: Config, withConsole: boolean) {
  return withConsole
    ? pino.destination({ dest: join(config.dataDir, 'switchboard.log'), mkdir: true, sync: false })
    : pino.destination(2);
}

function banner(app: App): string[] {
  const where = app.embedded
    ? `embedded control plane at ${app.embedded.url} (demo fleet)`
    : `ConnexCS at ${app.controlPlane.baseUrl}`;
  return [
    `Switchboard ${VERSION} · console · ${where}`,
    'No Slack or Discord tokens set: see README "Connect to Slack". Type /cx help.',
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
  onSignals(() => app.close());
  if (withConsole) {
    await runConsole(app, banner(app));
    await app.close();
    process.exit(0);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `switchboard: could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
