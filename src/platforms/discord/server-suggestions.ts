import type { Logger } from 'pino';
import type { Server } from '../../domain/schemas.js';
import { truncate } from '../../render/limits.js';
import { OPTION_LIMITS } from './command-options.js';

export interface Suggestion {
  name: string;
  value: string;
}

export interface SuggestionOptions {
  /** A list older than this is refreshed (in the background) on the next request; default 15 s. */
  maxAgeMs?: number;
  /** With no list yet, how long a request waits for the first one; default 2 s. */
  firstWaitMs?: number;
  now?: () => number;
  log?: Logger;
}

interface Entry {
  server: Server;
  /** Lowercased alias, IP and id, what a typed prefix is matched against. */
  keys: string[];
  label: string;
}

const entryOf = (server: Server): Entry => ({
  server,
  keys: [server.alias.toLowerCase(), server.ip.toLowerCase(), String(server.id)],
  label: truncate(`${server.alias} · ${server.ip} · ${server.status}`, OPTION_LIMITS.choiceName),
});

/**
 * Server names for autocomplete, answered within Discord's 3 seconds on any fleet size: from a
 * copy of the fleet at most `maxAgeMs` old, a stale copy answering while a fresh one is fetched
 * (one fetch at a time, at most one per `maxAgeMs`, even when the control plane fails).
 */
export class ServerSuggestions {
  private entries: Entry[] | undefined;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private refreshing: Promise<void> | undefined;
  private readonly maxAgeMs: number;
  private readonly firstWaitMs: number;
  private readonly now: () => number;

  constructor(
    private readonly source: () => Promise<readonly Server[]>,
    private readonly options: SuggestionOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 15_000;
    this.firstWaitMs = options.firstWaitMs ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  /** Fetches the first copy ahead of the first request. */
  warm(): void {
    this.refreshIfOld();
  }

  /** Up to 25 servers whose alias, IP or id starts with what was typed, then those that contain it. */
  async matching(typed: string, kind: 'server' | 'dispatcher'): Promise<Suggestion[]> {
    const wanted = typed.trim().toLowerCase();
    const limit = OPTION_LIMITS.choices;
    const starting: Entry[] = [];
    const containing: Entry[] = [];
    for (const entry of await this.current()) {
      if (kind === 'dispatcher' && entry.server.type !== 'dispatcher') continue;
      if (entry.keys.some((key) => key.startsWith(wanted))) {
        starting.push(entry);
        if (starting.length === limit) break;
      } else if (containing.length < limit && entry.keys.some((key) => key.includes(wanted))) {
        containing.push(entry);
      }
    }
    return [...starting, ...containing].slice(0, limit).map((e) => ({ name: e.label, value: e.server.ip }));
  }

  /** Waits for the pending fetch (for shutdown and tests). */
  async settled(): Promise<void> {
    await this.refreshing;
  }

  private async current(): Promise<Entry[]> {
    this.refreshIfOld();
    if (this.entries) return this.entries;
    let timer: NodeJS.Timeout | undefined;
    const givingUp = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.firstWaitMs);
    });
    await Promise.race([this.refreshing, givingUp]);
    clearTimeout(timer);
    return this.entries ?? [];
  }

  private refreshIfOld(): void {
    if (this.refreshing || this.now() - this.fetchedAt < this.maxAgeMs) return;
    this.fetchedAt = this.now();
    this.refreshing = this.source()
      .then((servers) => {
        this.entries = servers.map(entryOf);
      })
      .catch((error: unknown) =>
        this.options.log?.warn({ err: error }, 'could not refresh server suggestions'),
      )
      .finally(() => {
        this.refreshing = undefined;
      });
  }
}
