import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
/** `npm start` is `tsx src/main.ts`; loading tsx into node itself keeps one process, so signals reach main. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
/** Longest a spawned Switchboard may live in a test. */
const LIFETIME_MS = 15_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnedSwitchboard {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  exited: Promise<Exit>;
  /** Resolves once stdout holds `text`; rejects when the process ends first or after `withinMs`. */
  printed(text: string, withinMs?: number): Promise<void>;
}

/**
 * `npm start` as a child process working in `cwd` (a test's own folder, so no stray .env is
 * read), with only the environment given (and PATH). It is killed if it outlives LIFETIME_MS.
 */
export function spawnSwitchboard(cwd: string, env: Record<string, string>): SpawnedSwitchboard {
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', SWITCHBOARD_CONSOLE_USER: 'alice', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), LIFETIME_MS);
  const exited = new Promise<Exit>((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal });
    });
  });
  let ended = false;
  void exited.then(() => {
    ended = true;
  });

  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async printed(text, withinMs = 10_000) {
      const deadline = Date.now() + withinMs;
      while (!out.includes(text)) {
        if (ended) throw new Error(`exited before printing "${text}"; stderr: ${err}`);
        if (Date.now() > deadline) throw new Error(`"${text}" not printed in time; stdout: ${out}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}
