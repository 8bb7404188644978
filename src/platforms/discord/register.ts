import { pathToFileURL } from 'node:url';
import { ConfigError, type Env, loadConfig, readEnvironment } from '../../config.js';
import { loadCatalog } from '../../core/loader.js';
import { botRest } from './client.js';
import { buildCommandTree } from './command-tree.js';
import { checkCommandPayload } from './payload-rules.js';
import { type RegistrationReport, registerCommands } from './registration.js';

/**
 * `npm run discord:register`: registers /cx, built from the command catalog, with Discord: on
 * DISCORD_GUILD_ID when set (changes show at once), globally otherwise. Prints what changed.
 */

function reportLines(report: RegistrationReport): string[] {
  const lines: string[] = [];
  for (const kind of ['added', 'changed', 'removed'] as const) {
    for (const path of report[kind]) lines.push(`  ${kind.padEnd(9)} ${path}`);
  }
  const counts = `${report.added.length} added, ${report.changed.length} changed, ${report.removed.length} removed, ${report.unchanged.length} unchanged`;
  lines.push(
    report.added.length + report.changed.length + report.removed.length === 0
      ? `Nothing changed (${counts}).`
      : `Done: ${counts}.`,
  );
  return lines;
}

/** Runs the registration; returns the exit code, writing what happened through `print`. */
export async function runRegistration(env: Env, print: (line: string) => void): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) print(`discord:register: ${problem}`);
    return 1;
  }
  const settings = config.discord;
  if (!settings) {
    print(
      'discord:register: set DISCORD_TOKEN and DISCORD_APPLICATION_ID (Developer Portal ▸ your app) first.',
    );
    return 1;
  }
  const { payload } = buildCommandTree(await loadCatalog());
  const problems = checkCommandPayload(payload);
  if (problems.length > 0) {
    print('discord:register: Discord would refuse the commands as they are:');
    for (const problem of problems) print(`  ${problem}`);
    return 1;
  }
  const where = settings.guildId
    ? `on server ${settings.guildId} (changes show at once)`
    : 'globally (for every server the bot is in; set DISCORD_GUILD_ID to try changes on one server first)';
  print(`Registering /cx ${where}.`);
  const target = {
    applicationId: settings.applicationId,
    ...(settings.guildId ? { guildId: settings.guildId } : {}),
  };
  try {
    const report = await registerCommands(botRest(settings, { retries: 1 }), target, [payload]);
    for (const line of reportLines(report)) print(line);
    return 0;
  } catch (error) {
    print(`discord:register: Discord refused: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runRegistration(readEnvironment(), (line) => console.log(line));
}
