import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { SimControl } from '../../src/controlplane/sim.js';
import type { Actor, Responder } from '../../src/core/invocation.js';
import { renderPlain } from '../../src/render/plain.js';
import type { Reply } from '../../src/render/reply.js';

/** A message as a console reader would see it, and whether it was sent or an edit of an earlier one. */
export interface Seen {
  kind: 'send' | 'edit';
  ref: string;
  text: string;
  reply: Reply;
}

/** Records every reply; refs are stable across restarts of the app (one recorder per test). */
export class Recorder implements Responder {
  readonly seen: Seen[] = [];
  private next = 0;

  async send(reply: Reply): Promise<string> {
    const ref = `msg-${++this.next}`;
    this.seen.push({ kind: 'send', ref, text: renderPlain(reply, { color: false }), reply });
    return ref;
  }

  async edit(ref: string, reply: Reply): Promise<void> {
    this.seen.push({ kind: 'edit', ref, text: renderPlain(reply, { color: false }), reply });
  }

  /** Everything seen since `from`, as one text. */
  textSince(from: number): string {
    return this.seen
      .slice(from)
      .map((s) => s.text)
      .join('\n');
  }

  /** The newest version of a message (its last edit, or what was sent). */
  latest(ref: string): string | undefined {
    return this.seen.filter((s) => s.ref === ref).at(-1)?.text;
  }
}

export const consoleUser = (name: string): Actor => ({ surface: 'console', id: name, name, roles: [] });

export interface Switchboard {
  app: App;
  sim: SimControl;
  out: Recorder;
  logLines: string[];
  dataDir: string;
  /** Runs one command line as `who` and returns what it printed. */
  run(line: string, who?: string): Promise<string>;
  /** The id of the newest pending request's card. */
  lastRequestId(): string;
  /** Advances the stopped simulation and waits for the job follower to catch up. */
  advance(seconds: number): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The app exactly as `npm start` composes it (config from the environment, the embedded control
 * plane in the data folder), with its clock stopped so tests move it, and a fast job follower.
 */
export async function startSwitchboard(env: Record<string, string> = {}): Promise<Switchboard> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-'));
  const config = loadConfig({ SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_CONSOLE_USER: 'alice', ...env });
  const logLines: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) });
  const out = new Recorder();
  let app: App;
  let sim: SimControl;
  const boot = async () => {
    app = await createApp(config, {
      log,
      embeddedClock: { running: false },
      follow: { intervalMs: 10, timeoutMs: 3_000 },
      sweepMs: 60_000,
    });
    const embedded = app.embedded!;
    sim = new SimControl({
      baseUrl: embedded.url,
      auth: { username: embedded.username, password: embedded.password },
    });
  };
  await boot();

  const board: Switchboard = {
    get app() {
      return app;
    },
    get sim() {
      return sim;
    },
    out,
    logLines,
    dataDir,
    async run(line, who = 'alice') {
      const from = out.seen.length;
      await app.router.handle({ actor: consoleUser(who), channelId: 'console', text: line }, out);
      return out.textSince(from);
    },
    lastRequestId() {
      const pending = app.approvals.listPending();
      const newest = pending.at(-1);
      if (!newest) throw new Error('no pending request');
      return newest.id;
    },
    async advance(seconds) {
      await sim.tick(seconds);
      await new Promise((resolve) => setTimeout(resolve, 50));
      await app.approvals.settled();
    },
    async restart() {
      await sim.close();
      await app.close();
      await boot();
    },
    async close() {
      await sim.close();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return board;
}
