import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type App, createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { SimControl } from '../../../src/controlplane/sim.js';
import { type SlackStartOptions, type SlackSurface, startSlack } from '../../../src/platforms/slack/index.js';
import {
  type Answered,
  appHomeOpened,
  buttonClick,
  type ClickedButton,
  FORM,
  formBody,
  type Person,
  SIGNING_SECRET,
  signedPost,
  slashCommand,
  viewSubmission,
} from './requests.js';
import { SlackStandIn } from './stand-in.js';

export const BOT_TOKEN = 'xoxb-1111-2222-testtokenvalue';
export const APP_TOKEN = 'xapp-1-A0SWITCH-3333-testapptoken';

export const PRIYA: Person = { id: 'U0PRIYA', name: 'priya' };
export const MARCO: Person = { id: 'U0MARCO', name: 'marco' };
export const DAVE: Person = { id: 'U0DAVE', name: 'dave' };
export const VIC: Person = { id: 'U0VIC', name: 'vic' };
export const CHANNEL = 'C0VOICEOPS';

/** Priya requests, Marco and Dave approve, anyone views. */
export const ROLES = {
  SWITCHBOARD_OPERATORS: `slack:${PRIYA.id}`,
  SWITCHBOARD_APPROVERS: `slack:${MARCO.id},slack:${DAVE.id}`,
};

export interface MessageAddress {
  channel: string;
  ts: string;
}

export interface SlackHarness {
  stand: SlackStandIn;
  app: App;
  sim: SimControl;
  slack: SlackSurface;
  logLines: string[];
  /** Moves the app's clock (approvals expire by it). */
  advanceClock(ms: number): void;
  /** Types `/cx <text>` as `who`; returns the ack and the command's response_url. */
  command(text: string, who: Person, channel?: string): Promise<{ ack: Answered; responseUrl: string }>;
  click(
    button: ClickedButton,
    who: Person,
    message: MessageAddress,
  ): Promise<{ ack: Answered; responseUrl: string }>;
  submit(
    view: Record<string, unknown>,
    values: Record<string, Record<string, unknown>>,
    who: Person,
  ): Promise<Answered>;
  homeOpened(who: Person): Promise<Answered>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  socketMode?: boolean;
  slack?: SlackStartOptions;
}

/**
 * The app as `npm start` composes it (loadConfig + createApp + startSlack), Slack replaced by the
 * stand-in, the embedded control plane's clock stopped (tests move it), a fast job follower.
 */
export async function startSlackHarness(options: HarnessOptions = {}): Promise<SlackHarness> {
  const stand = await SlackStandIn.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-slack-'));
  const config = loadConfig({
    SWITCHBOARD_DATA_DIR: dataDir,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: stand.apiUrl,
    ...(options.socketMode ? { SLACK_APP_TOKEN: APP_TOKEN } : {}),
    ...ROLES,
    ...options.env,
  });
  const logLines: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) });
  let offsetMs = 0;
  const app = await createApp(config, {
    log,
    now: () => new Date(Date.now() + offsetMs),
    embeddedClock: { running: false },
    follow: { intervalMs: 10, timeoutMs: 3_000 },
    sweepMs: 60_000,
  });
  const embedded = app.embedded!;
  const sim = new SimControl({
    baseUrl: embedded.url,
    auth: { username: embedded.username, password: embedded.password },
  });
  // No working note unless a test asks for one: a loaded machine must not turn an answer into a note.
  const slack = await startSlack(app, config.slack!, {
    host: '127.0.0.1',
    port: 0,
    retries: 0,
    workingNoteMs: 60_000,
    ...options.slack,
  });

  const post = async (name: string, body: string, contentType: string) => {
    const ack = await signedPost(slack.url!, body, contentType);
    stand.record('ack', name, { status: ack.status, text: ack.text });
    return ack;
  };
  const interactive = (payload: unknown) => formBody({ payload: JSON.stringify(payload) });

  return {
    stand,
    app,
    sim,
    slack,
    logLines,
    advanceClock(ms) {
      offsetMs += ms;
    },
    async command(text, who, channel = CHANNEL) {
      const responseUrl = stand.responseUrl();
      const ack = await post(`/cx ${text}`, formBody(slashCommand(text, who, channel, responseUrl)), FORM);
      return { ack, responseUrl };
    },
    async click(button, who, message) {
      const responseUrl = stand.responseUrl();
      const payload = buttonClick(button, who, message.channel, message.ts, responseUrl);
      const ack = await post(`click ${button.value}`, interactive(payload), FORM);
      return { ack, responseUrl };
    },
    submit(view, values, who) {
      return post('submit', interactive(viewSubmission(view, values, who)), FORM);
    },
    homeOpened(who) {
      return post('app_home_opened', JSON.stringify(appHomeOpened(who)), 'application/json');
    },
    async close() {
      await slack.stop();
      await sim.close();
      await app.close();
      await stand.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type Blocks = {
  type: string;
  elements?: { type: string; value?: string; action_id?: string; text?: { text: string } }[];
}[];

/** The buttons of a posted message, by label. */
export function buttonsOf(message: Record<string, unknown>): Map<string, ClickedButton> {
  const buttons = new Map<string, ClickedButton>();
  for (const block of (message.blocks ?? []) as Blocks) {
    for (const element of block.elements ?? []) {
      if (element.type === 'button' && element.value && element.action_id) {
        buttons.set(element.text?.text ?? '', { value: element.value, actionId: element.action_id });
      }
    }
  }
  return buttons;
}

/** Everything a message says, blocks included, as one text to search. */
export const messageText = (message: unknown): string => JSON.stringify(message ?? {});
