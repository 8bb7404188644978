import { userInfo } from 'node:os';
import type { App } from '../../app.js';
import type { Completion } from '../../core/args.js';
import { startupNotice } from '../../core/rbac.js';
import type { Completer } from './complete.js';
import { startConsole } from './console.js';

/** Names the console offers on Tab for each kind of argument, read live from the control plane. */
function fleetCompleter(app: App): Completer {
  const sources: Record<Completion, () => Promise<string[]>> = {
    server: async () => (await app.fleet.servers()).flatMap((s) => [s.alias, s.ip]),
    dispatcher: async () =>
      (await app.fleet.servers()).filter((s) => s.type === 'dispatcher').map((s) => s.alias),
    cluster: async () => (await app.controlPlane.listClusters()).map((c) => c.name),
    zone: async () => (await app.controlPlane.listZones()).map((z) => z.name),
    command: async () => app.catalog.names(),
  };
  return async (prefix, kind) => {
    const lower = prefix.toLowerCase();
    return (await sources[kind]()).filter((name) => name.toLowerCase().startsWith(lower));
  };
}

export function consoleUser(configured: string | undefined): string {
  if (configured) return configured;
  try {
    return userInfo().username;
  } catch {
    return 'operator';
  }
}

/** The terminal surface, on the process's own stdin and stdout. */
export async function runConsole(app: App, banner: string[]): Promise<void> {
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const notice = startupNotice(app.config.access);
  await startConsole({
    router: app.router,
    catalog: app.catalog,
    input: process.stdin,
    output: process.stdout,
    interactive,
    user: consoleUser(app.config.consoleUser),
    complete: fleetCompleter(app),
    banner: notice ? [...banner, notice] : banner,
    log: app.log,
    registerEditor: (edit) => app.registerEditor('console', edit),
  });
}
