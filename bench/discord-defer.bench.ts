import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import pino from 'pino';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { connect } from '../src/platforms/discord/client.js';
import { startDiscord } from '../src/platforms/discord/index.js';
import { slashCommand } from '../tests/platforms/discord/interactions.js';
import { BOT_TOKEN, DiscordStandIn, ids, type Recorded } from '../tests/platforms/discord/stand-in.js';
import type { Benchmark, BenchResult } from './types.js';

/**
 * Time from INTERACTION_CREATE leaving the gateway to the deferral callback arriving, for
 * Switchboard's Discord surface (the whole app behind it) against a bare discord.js client that
 * only defers, each on its own local Discord stand-in, interleaved in the same run.
 */

const INTERACTIONS = 200;
const WARM_UP = 20;
const GOAL_RATIO = 1.25;
const GUILD = { id: ids.guild, name: 'NOC', roles: [], channels: [{ id: ids.channel, name: 'noc' }] };
const ASKER = { id: '1100000000000000020', name: 'priya' };

interface Side {
  /** Dispatches one /cx fleet zones and resolves with ms to its deferral, once the answer is done. */
  once(): Promise<number>;
  close(): Promise<void>;
}

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** Dispatches a slash command and waits for what `done` picks; returns the ms to the deferral callback. */
async function measure(
  standIn: DiscordStandIn,
  done: (token: string) => (r: Recorded) => boolean,
): Promise<number> {
  const payload = slashCommand(['fleet', 'zones'], {}, ASKER);
  standIn.expectInteraction(payload.token, payload.channel_id);
  const sent = performance.now();
  standIn.gateway.dispatch('INTERACTION_CREATE', payload);
  const callback = await standIn.waitFor(
    (r) => r.path === `/interactions/${payload.id}/${payload.token}/callback`,
  );
  await standIn.waitFor(done(payload.token));
  return callback.at - sent;
}

async function switchboardSide(): Promise<Side> {
  const standIn = await DiscordStandIn.start(GUILD);
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  const config = loadConfig({
    SWITCHBOARD_DATA_DIR: dataDir,
    DISCORD_TOKEN: BOT_TOKEN,
    DISCORD_APPLICATION_ID: ids.application,
    DISCORD_API_URL: standIn.apiUrl,
  });
  const app = await createApp(config, { log: pino({ level: 'silent' }), embeddedClock: { running: false } });
  const surface = await startDiscord(app, config.discord!);
  const answered = (token: string) => (r: Recorded) =>
    r.method === 'PATCH' && r.path.endsWith(`${token}/messages/@original`);
  return {
    once: () => measure(standIn, answered),
    async close() {
      await surface.stop();
      await app.close();
      await standIn.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function bareSide(): Promise<Side> {
  const standIn = await DiscordStandIn.start(GUILD);
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: standIn.apiUrl, version: '10' },
  });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void interaction.deferReply({ flags: MessageFlags.Ephemeral });
  });
  await connect(client, BOT_TOKEN);
  const deferred = (token: string) => (r: Recorded) => r.path.includes(token);
  return {
    once: () => measure(standIn, deferred),
    async close() {
      await client.destroy();
      await standIn.close();
    },
  };
}

/** A quiet moment between interactions, so what one left behind (sockets, garbage) is not timed in the next. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

async function run(): Promise<BenchResult[]> {
  const subject = await switchboardSide();
  const bare = await bareSide().catch(async (error: unknown) => {
    await subject.close();
    throw error;
  });
  const sides = { subject, bare };
  try {
    const times = { subject: [] as number[], bare: [] as number[] };
    for (let round = 0; round < WARM_UP + INTERACTIONS; round++) {
      // Alternating which goes first, so a busy moment of a shared machine lands on both alike.
      for (const side of round % 2 ? (['bare', 'subject'] as const) : (['subject', 'bare'] as const)) {
        await settle();
        const ms = await sides[side].once();
        if (round >= WARM_UP) times[side].push(ms);
      }
    }
    return [50, 99].map((p) => {
      const value = percentile(times.subject, p);
      const baseline = percentile(times.bare, p);
      const ratio = value / baseline;
      return {
        figure: `INTERACTION_CREATE to deferral callback, p${p} of ${INTERACTIONS}, vs a bare discord.js client that only defers`,
        value,
        unit: 'ms',
        baseline,
        ratio,
        ...(p === 99 ? { goal: `≤ ${GOAL_RATIO}`, pass: ratio <= GOAL_RATIO } : {}),
      };
    });
  } finally {
    await sides.subject.close();
    await sides.bare.close();
  }
}

export default { name: 'discord deferral', run } satisfies Benchmark;
