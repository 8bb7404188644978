import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { consoleUser, Recorder } from '../flows/switchboard.js';
import type { FaultyPlane } from './faulty-plane.js';

/** Short enough that a test sees a timeout and its retries in well under a second. */
export const QUICK_CLIENT = {
  timeouts: { connectMs: 500, headersMs: 400, bodyMs: 400 },
  retries: 2,
  backoff: { baseMs: 5, maxMs: 20, retryAfterMaxMs: 1_500 },
};

export interface RemoteSwitchboard {
  app: App;
  out: Recorder;
  logLines: string[];
  dataDir: string;
  run(line: string, who?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The app as `npm start` composes it with ConnexCS credentials set (CONNEXCS_API_URL at `plane`'s
 * proxy, the logger main.ts makes, at debug level), with quick client timeouts and a fast job
 * follower. `env` adds or overrides settings.
 */
export async function startRemoteSwitchboard(
  plane: FaultyPlane,
  env: Record<string, string> = {},
): Promise<RemoteSwitchboard> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-remote-'));
  const config = loadConfig({
    SWITCHBOARD_DATA_DIR: dataDir,
    SWITCHBOARD_CONSOLE_USER: 'alice',
    CONNEXCS_API_URL: plane.url,
    CONNEXCS_USERNAME: plane.embedded.username,
    CONNEXCS_PASSWORD: plane.embedded.password,
    ...env,
  });
  const logLines: string[] = [];
  const log = createLogger({
    level: 'debug',
    pretty: false,
    destination: { write: (line) => logLines.push(line) },
  });
  const app = await createApp(config, {
    log,
    follow: { intervalMs: 10, timeoutMs: 3_000 },
    sweepMs: 60_000,
    controlPlaneClient: QUICK_CLIENT,
  });
  const out = new Recorder();
  return {
    app,
    out,
    logLines,
    dataDir,
    async run(line, who = 'alice') {
      const from = out.seen.length;
      await app.router.handle({ actor: consoleUser(who), channelId: 'console', text: line }, out);
      return out.textSince(from);
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
