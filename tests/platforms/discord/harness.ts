import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type App, createApp } from '../../../src/app.js';
import { type Env, loadConfig } from '../../../src/config.js';
import { SimControl } from '../../../src/controlplane/sim.js';
import { type DiscordSurface, startDiscord } from '../../../src/platforms/discord/index.js';
import { autocomplete, buttonClick, type OptionValue, type Person, slashCommand } from './interactions.js';
import { BOT_TOKEN, DiscordStandIn, ids, type Recorded, type StoredMessage } from './stand-in.js';

/** Role ids of the test server: operators may request changes, approvers confirm them. */
export const roles = { operators: '1100000000000000010', approvers: '1100000000000000011' };

/** Priya requests (and is an approver by name), Marco approves through his role, Vic only views. */
export const people = {
  priya: { id: '1100000000000000020', name: 'priya', roles: [roles.operators] },
  marco: { id: '1100000000000000021', name: 'marco', roles: [roles.operators, roles.approvers] },
  vic: { id: '1100000000000000022', name: 'vic', roles: [] },
} satisfies Record<string, Person>;

/** What became of one dispatched interaction, read from the requests the stand-in saw. */
export class Sent {
  constructor(
    private readonly standIn: DiscordStandIn,
    readonly token: string,
  ) {}

  /** The interaction callback (type 5: deferred reply, 6: deferred update, 8: autocomplete result). */
  callback(withinMs?: number): Promise<Recorded> {
    return this.standIn.waitFor(
      (r) => r.path.startsWith('/interactions/') && r.path.includes(this.token),
      withinMs,
    );
  }

  /** The edit of the deferred reply. */
  edit(withinMs?: number): Promise<Recorded> {
    return this.standIn.waitFor(
      (r) => r.method === 'PATCH' && r.path.endsWith(`${this.token}/messages/@original`),
      withinMs,
    );
  }

  /** The `n`th follow-up message (1 for the first). */
  async followUp(n = 1, withinMs?: number): Promise<Recorded> {
    await this.standIn.waitFor(() => this.followUps().length >= n, withinMs);
    return this.followUps()[n - 1]!;
  }

  followUps(): Recorded[] {
    return this.standIn.requests.filter(
      (r) => r.method === 'POST' && r.path === `/webhooks/${ids.application}/${this.token}`,
    );
  }

  /** Every request made with this interaction's token. */
  requests(): Recorded[] {
    return this.standIn.requests.filter((r) => r.path.includes(this.token));
  }
}

export interface Harness {
  standIn: DiscordStandIn;
  app: App;
  surface: DiscordSurface;
  sim: SimControl;
  slash(
    path: readonly string[],
    values: Record<string, OptionValue>,
    person: Person,
    channelId?: string,
  ): Sent;
  click(customId: string, message: StoredMessage, person: Person): Sent;
  autocomplete(
    path: readonly string[],
    values: Record<string, OptionValue>,
    focused: string,
    person: Person,
  ): Sent;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Runs against the embedded control plane before the bot starts (a bigger fleet). */
  prepare?(sim: SimControl): Promise<void>;
}

/** Moves Switchboard's clock (not the control plane's) ahead, to let requests expire. */
export const clock = { aheadMs: 0 };

/** The flow `npm start` takes with Discord configured: loadConfig(env) + createApp + startDiscord, against the stand-in. */
export async function startHarness(env: Env = {}, options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-discord-'));
  const standIn = await DiscordStandIn.start({
    id: ids.guild,
    name: 'NOC',
    roles: [
      { id: roles.operators, name: 'operators' },
      { id: roles.approvers, name: 'approvers' },
    ],
    channels: [{ id: ids.channel, name: 'noc' }],
  });
  const config = loadConfig({
    SWITCHBOARD_DATA_DIR: dataDir,
    DISCORD_TOKEN: BOT_TOKEN,
    DISCORD_APPLICATION_ID: ids.application,
    DISCORD_API_URL: standIn.apiUrl,
    SWITCHBOARD_OPERATORS: `discord-role:${roles.operators}`,
    SWITCHBOARD_APPROVERS: `discord:${people.priya.id},discord-role:${roles.approvers}`,
    ...env,
  });
  const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
  const app = await createApp(config, {
    log,
    embeddedClock: { running: false },
    follow: { intervalMs: 20, timeoutMs: 10_000 },
    now: () => new Date(Date.now() + clock.aheadMs),
  });
  const embedded = app.embedded!;
  const sim = new SimControl({
    baseUrl: embedded.url,
    auth: { username: embedded.username, password: embedded.password },
  });
  await options.prepare?.(sim);
  const surface = await startDiscord(app, config.discord!);

  const dispatch = (payload: { token: string; channel_id: string; message?: { id: string } }) => {
    standIn.expectInteraction(payload.token, payload.channel_id, payload.message?.id);
    standIn.gateway.dispatch('INTERACTION_CREATE', payload);
    return new Sent(standIn, payload.token);
  };
  return {
    standIn,
    app,
    surface,
    sim,
    slash: (path, values, person, channelId) => dispatch(slashCommand(path, values, person, channelId)),
    click: (customId, message, person) => dispatch(buttonClick(customId, message, person)),
    autocomplete: (path, values, focused, person) => dispatch(autocomplete(path, values, focused, person)),
    async close() {
      await surface.stop();
      await app.close();
      await sim.close();
      await standIn.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The text of a message body: its content, embed titles, descriptions, fields and footers. */
export function textOf(body: Record<string, unknown> | StoredMessage | undefined): string {
  const embeds = (body?.embeds ?? []) as {
    title?: string;
    description?: string;
    fields?: { name: string; value: string }[];
    footer?: { text: string };
  }[];
  const parts = embeds.flatMap((e) => [
    e.title ?? '',
    e.description ?? '',
    ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    e.footer?.text ?? '',
  ]);
  return [String(body?.content ?? ''), ...parts].join('\n');
}

/** The custom_ids of a message body's buttons. */
export function customIdsOf(body: Record<string, unknown> | StoredMessage | undefined): string[] {
  const rows = (body?.components ?? []) as { components: { custom_id?: string }[] }[];
  return rows.flatMap((row) => row.components.map((button) => button.custom_id ?? ''));
}
