import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { Catalog } from '../../core/catalog.js';
import type { Actor } from '../../core/invocation.js';
import { parseActingAs, stripCommandPrefix } from '../../core/parse.js';
import type { Router } from '../../core/router.js';
import type { Reply } from '../../render/reply.js';
import { type Completer, completeLine } from './complete.js';
import { ConsoleResponder } from './responder.js';

export const PROMPT = 'cx> ';
const HISTORY_SIZE = 1000;

export interface ConsoleOptions {
  router: Router;
  /** For tab completion of command words and option names. */
  catalog: Catalog;
  input: Readable;
  output: Writable;
  /** Input is a terminal: prompt, history and tab completion. Otherwise lines run in order, echoed. */
  interactive: boolean;
  /** Who the console user is, unless a line says `as <name>: ...`. */
  user: string;
  /** Server names, clusters, zones for tab completion. */
  complete?: Completer;
  banner?: string[];
  log?: Logger;
  /** Receives the console's card editor, for edits no line asked for (an approval expiring). */
  registerEditor?(edit: (messageRef: string, reply: Reply) => Promise<void>): void;
}

export const consoleActor = (name: string): Actor => ({ surface: 'console', id: name, name, roles: [] });

/** Runs the console until input ends or someone types exit or quit. */
export function startConsole(options: ConsoleOptions): Promise<void> {
  const { router, catalog, input, output, interactive } = options;
  const terminal = output as Writable & { isTTY?: boolean; columns?: number };
  const rl = createInterface({
    input,
    output: interactive ? output : undefined,
    terminal: interactive,
    prompt: PROMPT,
    historySize: interactive ? HISTORY_SIZE : 0,
    removeHistoryDuplicates: true,
    crlfDelay: Number.POSITIVE_INFINITY,
    completer: interactive
      ? (line: string, done: (error: Error | null, result: [string[], string]) => void) => {
          completeLine(catalog, line, options.complete).then(
            (result) => done(null, result),
            () => done(null, [[], line]),
          );
        }
      : undefined,
  });

  /** The prompt is on screen: output arriving now (a job's progress) goes above it. */
  let prompting = false;
  const print = (text: string) => {
    if (prompting) output.write('\r\u001b[K');
    output.write(`${text}\n`);
    if (prompting) rl.prompt(true);
  };
  let closed = false;
  const prompt = () => {
    if (!interactive || closed) return;
    prompting = true;
    rl.prompt();
  };
  const responder = new ConsoleResponder(print, {
    color: terminal.isTTY === true,
    ...(terminal.isTTY && terminal.columns ? { width: terminal.columns } : {}),
  });

  options.registerEditor?.((ref, reply) => responder.edit(ref, reply));

  let stopped = false;
  async function runLine(raw: string): Promise<void> {
    if (stopped) return;
    prompting = false;
    const acting = parseActingAs(raw);
    const text = stripCommandPrefix(acting?.line ?? raw);
    if (text === '' || raw.trim().startsWith('#')) return prompt();
    if (!interactive) output.write(`${PROMPT}${raw.trim()}\n`);
    if (/^(exit|quit)$/i.test(text)) {
      stopped = true;
      rl.close();
      return;
    }
    const actor = consoleActor(acting?.name ?? options.user);
    try {
      await router.handle({ actor, channelId: 'console', text }, responder);
    } catch (error) {
      // The router answers every failure itself; this is the last line of defence for the loop.
      options.log?.error({ err: error }, 'console line failed');
      print('Something went wrong; it has been logged.');
    }
    prompt();
  }

  return new Promise((resolve) => {
    let queue = Promise.resolve();
    rl.on('line', (line) => {
      queue = queue.then(() => runLine(line));
    });
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => {
      closed = true;
      prompting = false;
      if (interactive) output.write('\n');
      void queue.then(resolve);
    });
    for (const line of options.banner ?? []) output.write(`${line}\n`);
    prompt();
  });
}
