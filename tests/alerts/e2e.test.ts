import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleSender } from '../../src/alerts/console-sender.js';
import { startAlerts } from '../../src/alerts/start.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { SimControl } from '../../src/controlplane/sim.js';

const POLL_MS = 30_000;
const HOT = '🟠 Capacity warning · ams-sw-1 (203.0.113.42)';
const RESOLVED = '✅ Resolved after 2 min · ams-sw-1 back to 42%';
/** Printed lines that start with `start`: a message's first line, not a mention of it. */
const count = (printed: readonly string[], start: string) =>
  printed
    .join('\n')
    .split('\n')
    .filter((line) => line.startsWith(start)).length;

/** The bot as `npm start` composes it, on its own data folder, with alerts printed to `out`. */
async function startBot(dataDir: string, clock: { now: Date }, out: string[]) {
  const config = loadConfig({ SWITCHBOARD_DATA_DIR: dataDir, TZ: 'UTC' });
  const app = await createApp(config, { log: pino({ level: 'silent' }), embeddedClock: { running: false } });
  const alerts = startAlerts(app, [new ConsoleSender({ print: (text) => out.push(text) })], {
    autoStart: false,
    now: () => clock.now,
  });
  const sim = new SimControl({
    baseUrl: app.embedded!.url,
    auth: { username: app.embedded!.username, password: app.embedded!.password },
  });
  const ams = (await app.fleet.servers()).find((s) => s.alias === 'ams-sw-1')!;
  return {
    app,
    alerts,
    setChannels: (channels: number) => sim.setServer(ams.id, { channels }),
    async poll(deliver = true) {
      clock.now = new Date(clock.now.getTime() + POLL_MS);
      await alerts.pollOnce();
      if (deliver) await alerts.deliverOnce();
    },
    async close() {
      await sim.close();
      await alerts.stop();
      await app.close();
    },
  };
}

describe('alerts end to end in the console', () => {
  const folders: string[] = [];
  const running: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const bot of running.splice(0)) await bot.close();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  const dataDir = () => {
    const folder = mkdtempSync(join(tmpdir(), 'switchboard-alerts-'));
    folders.push(folder);
    return folder;
  };

  it('shows a server going over its threshold once, and its resolution once', async () => {
    const out: string[] = [];
    const bot = await startBot(dataDir(), { now: new Date() }, out);
    running.push(bot);
    await bot.setChannels(300);
    await bot.poll();
    await bot.poll();
    expect(out.join('\n')).not.toContain('ams-sw-1 (203.0.113.42) at');

    await bot.setChannels(650);
    await bot.poll();
    expect(count(out, HOT)).toBe(0);
    await bot.poll();
    expect(count(out, HOT)).toBe(1);
    expect(out.join('\n')).toContain(`${HOT} at 92% of channels (650/700)`);
    await bot.poll();
    await bot.poll();
    expect(count(out, HOT)).toBe(1);

    await bot.setChannels(300);
    await bot.poll();
    const text = out.join('\n');
    expect(text).toContain(
      `↻ Updated, replaces the alert "${HOT} at 92% of channels (650/700)" above:\n${RESOLVED}`,
    );
    expect(text).toContain(`↳ In reply to the alert "${RESOLVED}" above:\n${RESOLVED}`);
    expect(count(out, RESOLVED)).toBe(2);
    await bot.poll();
    await bot.poll();
    expect(count(out, RESOLVED)).toBe(2);
    expect(count(out, HOT)).toBe(1);
  });

  it('delivers what a crashed bot had not sent yet, once, after it restarts', async () => {
    const folder = dataDir();
    const clock = { now: new Date() };
    const before: string[] = [];
    const first = await startBot(folder, clock, before);
    await first.setChannels(650);
    await first.poll(false);
    await first.poll(false);
    await first.close();
    expect(before).toEqual([]);

    const after: string[] = [];
    const second = await startBot(folder, clock, after);
    running.push(second);
    await second.alerts.deliverOnce();
    expect(count(after, HOT)).toBe(1);
    await second.poll();
    await second.poll();
    expect(count(after, HOT)).toBe(1);
  });
});
