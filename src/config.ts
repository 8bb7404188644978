import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { closest } from './core/suggest.js';

/**
 * Every setting comes from the environment (or `.env`), documented in `.env.example`. A bad value
 * stops the start with one line per problem, naming the variable; secret values are never quoted.
 */

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

// ---------------------------------------------------------------------------------------------
// Value parsers: each takes the trimmed text and returns the value or a Problem to report.

class Problem {
  constructor(readonly messages: string[]) {}
}
const problem = (...messages: string[]) => new Problem(messages);

/** A variable whose text `convert` turns into a value, reporting what it returns as Problems. */
function setting<T>(convert: (text: string) => T | Problem) {
  return z.string().transform((text, ctx) => {
    const value = convert(text);
    if (!(value instanceof Problem)) return value;
    for (const message of value.messages) ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });
}

const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** "90s", "10m", "1h30m", "2d" in milliseconds; undefined when the text is not such a duration. */
export function parseDuration(text: string): number | undefined {
  const compact = text.replace(/\s+/g, '').toLowerCase();
  const match = DURATION.exec(compact);
  if (compact === '' || !match) return undefined;
  const [days = 0, hours = 0, minutes = 0, seconds = 0] = match.slice(1).map((part) => Number(part ?? 0));
  return (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}

function duration(text: string): number | Problem {
  const ms = parseDuration(text);
  if (ms === undefined) return problem(`"${text}" is not a duration; use e.g. 10m, 90s, 1h`);
  if (ms === 0) return problem(`"${text}" is no time at all; use e.g. 10m, 90s, 1h`);
  return ms;
}

function wholeSeconds(minimum: number) {
  return (text: string): number | Problem => {
    if (!/^\d+$/.test(text)) return problem(`"${text}" is not a whole number of seconds; use e.g. 30`);
    const seconds = Number(text);
    if (seconds < minimum) return problem(`${seconds} is too short; use at least ${minimum}`);
    return seconds * 1000;
  };
}

function port(text: string): number | Problem {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > 65535) {
    return problem(`"${text}" is not a port; use a number from 1 to 65535, or 0 for any free port`);
  }
  return value;
}

function choice<const T extends string>(values: readonly T[], explained: string) {
  return (text: string): T | Problem => {
    const wanted = text.toLowerCase();
    const found = values.find((value) => value === wanted);
    return found ?? problem(`"${text}" is not a choice; use ${explained}`);
  };
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
const FOUR_EYES = ['disruptive', 'all', 'off'] as const;

interface UrlRules {
  /** API base URLs that relative paths are resolved against need the slash; others must not have it. */
  trailingSlash: boolean;
  /** The URL itself is a credential (a webhook): never quote it. */
  secret?: boolean;
  example: string;
}

function httpUrl({ trailingSlash, secret = false, example }: UrlRules) {
  return (text: string): string | Problem => {
    const shown = secret || text.includes('@') ? 'the value' : `"${text}"`;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return problem(`${shown} is not a URL; use e.g. ${example}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return problem(`${shown} is not an http(s) URL; use e.g. ${example}`);
    }
    if (url.username || url.password) {
      return problem('must not carry a user name or password; set those in their own variables');
    }
    const bare = url.href.replace(/\/+$/, '');
    return trailingSlash ? `${bare}/` : bare;
  };
}

const NO_SPACES = /^\S+$/;

/** Secrets are checked lightly and never quoted back. */
function secretText(where: string) {
  return (text: string): string | Problem =>
    NO_SPACES.test(text) ? text : problem(`contains spaces or line breaks; paste the value alone (${where})`);
}

function slackBotToken(text: string): string | Problem {
  if (text.startsWith('xoxb-') && NO_SPACES.test(text)) return text;
  if (text.startsWith('xoxp-')) {
    return problem(
      'this is a user token (xoxp-); use the Bot User OAuth Token, which starts with xoxb- (Slack app ▸ OAuth & Permissions)',
    );
  }
  if (text.startsWith('xapp-')) {
    return problem(
      'this is an app-level token (xapp-), which belongs in SLACK_APP_TOKEN; use the Bot User OAuth Token (xoxb-, Slack app ▸ OAuth & Permissions)',
    );
  }
  return problem(
    'does not look like a bot token: it starts with xoxb- (Slack app ▸ OAuth & Permissions ▸ Bot User OAuth Token)',
  );
}

function slackAppToken(text: string): string | Problem {
  if (text.startsWith('xapp-') && NO_SPACES.test(text)) return text;
  if (text.startsWith('xoxb-')) {
    return problem(
      'this is the bot token (xoxb-), which belongs in SLACK_BOT_TOKEN; use an app-level token (xapp-, Slack app ▸ Basic Information ▸ App-Level Tokens, scope connections:write)',
    );
  }
  return problem(
    'does not look like an app-level token: it starts with xapp- (Slack app ▸ Basic Information ▸ App-Level Tokens)',
  );
}

function discordToken(text: string): string | Problem {
  if (/^bot\s/i.test(text)) return problem('leave out the "Bot " prefix: paste the token alone');
  if (/^\d+$/.test(text))
    return problem('this looks like an ID, not a token (Developer Portal ▸ Bot ▸ Reset Token)');
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(text)) return text;
  return problem(
    'does not look like a bot token (three parts separated by dots; Developer Portal ▸ your app ▸ Bot ▸ Reset Token)',
  );
}

const SNOWFLAKE = /^\d{17,20}$/;

function discordId(what: string) {
  return (text: string): string | Problem =>
    SNOWFLAKE.test(text)
      ? text
      : problem(
          `"${text}" is not a Discord ${what} ID (17 to 20 digits; turn on Developer Mode, then right-click ▸ Copy ID)`,
        );
}

function slackChannel(text: string): string | Problem {
  if (/^[CG][A-Z0-9]{2,}$/.test(text) || /^#[a-z0-9_-]{1,80}$/.test(text)) return text;
  return problem(
    `"${text}" is not a Slack channel; use its ID (like C0123ABCD, from channel details) or #name`,
  );
}

function clockTime(text: string): { hour: number; minute: number } | Problem {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) return problem(`"${text}" is not a time of day; use HH:MM, e.g. 09:00`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function timeZone(text: string): string | Problem {
  const zone = text.replace(/^:/, '');
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return problem(`"${text}" is not a time zone; use an IANA name, e.g. Europe/Amsterdam or UTC`);
  }
}

function host(text: string): string | Problem {
  return /^[\w.:-]+$/.test(text)
    ? text
    : problem(
        `"${text}" is not a host name or IP address; use e.g. 127.0.0.1 (this machine only) or 0.0.0.0`,
      );
}

const CONSOLE_NAME = /^[\w.-]+$/;

function consoleName(text: string): string | Problem {
  return CONSOLE_NAME.test(text)
    ? text
    : problem(`"${text}" is not a user name; use letters, digits, ".", "_" or "-"`);
}

function osUserName(): string {
  try {
    const name = userInfo().username;
    return CONSOLE_NAME.test(name) ? name : 'operator';
  } catch {
    return 'operator';
  }
}

// ---------------------------------------------------------------------------------------------
// Principals: who a role list names.

/**
 * An entry of SWITCHBOARD_VIEWERS / OPERATORS / APPROVERS. A `user` matches the actor with that
 * surface and id (for the console, the id is the console user name); a `group` matches an actor
 * whose `roles` hold the id (Slack user groups, Discord roles).
 */
export const Principal = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('anyone') }),
  z.object({ kind: z.literal('user'), surface: z.enum(['slack', 'discord', 'console']), id: z.string() }),
  z.object({ kind: z.literal('group'), surface: z.enum(['slack', 'discord']), id: z.string() }),
]);
export type Principal = z.infer<typeof Principal>;

const PRINCIPAL_KINDS: Record<
  string,
  { principal: (id: string) => Principal; valid: RegExp; expected: string }
> = {
  slack: {
    principal: (id) => ({ kind: 'user', surface: 'slack', id }),
    valid: /^[UW][A-Z0-9]{2,}$/,
    expected: 'a Slack member ID like U012AB3CD (profile ▸ ⋯ ▸ Copy member ID)',
  },
  'slack-group': {
    principal: (id) => ({ kind: 'group', surface: 'slack', id }),
    valid: /^S[A-Z0-9]{2,}$/,
    expected: 'a Slack user group ID like S0614TZR7',
  },
  discord: {
    principal: (id) => ({ kind: 'user', surface: 'discord', id }),
    valid: SNOWFLAKE,
    expected: 'a Discord user ID of 17 to 20 digits (Developer Mode, then right-click ▸ Copy User ID)',
  },
  'discord-role': {
    principal: (id) => ({ kind: 'group', surface: 'discord', id }),
    valid: SNOWFLAKE,
    expected: 'a Discord role ID of 17 to 20 digits (Server Settings ▸ Roles ▸ ⋯ ▸ Copy Role ID)',
  },
  console: {
    principal: (id) => ({ kind: 'user', surface: 'console', id }),
    valid: CONSOLE_NAME,
    expected: 'a console user name (letters, digits, ".", "_" or "-")',
  },
};

/** `slack:U012AB3CD`, `discord-role:<id>`, `console:alice`, `*` and so on; a string says what is wrong. */
export function parsePrincipal(entry: string): Principal | string {
  if (entry === '*') return { kind: 'anyone' };
  const colon = entry.indexOf(':');
  const kind = colon < 0 ? undefined : PRINCIPAL_KINDS[entry.slice(0, colon).toLowerCase()];
  if (!kind) {
    return `"${entry}" is not a principal; use slack:<member id>, slack-group:<group id>, discord:<user id>, discord-role:<role id>, console:<name> or *`;
  }
  const id = entry.slice(colon + 1);
  return kind.valid.test(id) ? kind.principal(id) : `"${entry}": expected ${kind.expected}`;
}

function principals(text: string): Principal[] | Problem {
  const entries = [...new Set(text.split(',').map((entry) => entry.trim()))].filter(Boolean);
  const parsed = entries.map(parsePrincipal);
  const wrong = parsed.filter((p): p is string => typeof p === 'string');
  return wrong.length ? new Problem(wrong) : (parsed as Principal[]);
}

// ---------------------------------------------------------------------------------------------
// The schema.

const CONNEXCS_DEFAULT_URL = 'https://app.connexcs.com/api/cp/';

const Variables = {
  SWITCHBOARD_DATA_DIR: z.string().prefault('./data'),
  LOG_LEVEL: setting(choice(LOG_LEVELS, LOG_LEVELS.join(', '))).prefault('info'),

  CONNEXCS_API_URL: setting(httpUrl({ trailingSlash: true, example: CONNEXCS_DEFAULT_URL })).optional(),
  CONNEXCS_USERNAME: z.string().optional(),
  // A password may hold any character, spaces included: nothing to check.
  CONNEXCS_PASSWORD: z.string().optional(),
  CONNEXCS_TOKEN: setting(secretText('a long-lived API token')).optional(),
  CONTROL_PLANE_PORT: setting(port).prefault('8787'),

  SWITCHBOARD_VIEWERS: setting(principals).prefault('*'),
  SWITCHBOARD_OPERATORS: setting(principals).prefault(''),
  SWITCHBOARD_APPROVERS: setting(principals).prefault(''),
  SWITCHBOARD_FOUR_EYES: setting(
    choice(FOUR_EYES, 'disruptive (another person confirms disruptive commands), all (every change) or off'),
  ).prefault('disruptive'),
  SWITCHBOARD_APPROVAL_TTL: setting(duration).prefault('10m'),
  SWITCHBOARD_CONSOLE_USER: setting(consoleName).prefault(osUserName),

  SLACK_BOT_TOKEN: setting(slackBotToken).optional(),
  SLACK_SIGNING_SECRET: setting(secretText('Slack app ▸ Basic Information ▸ Signing Secret')).optional(),
  SLACK_APP_TOKEN: setting(slackAppToken).optional(),
  SLACK_API_URL: setting(httpUrl({ trailingSlash: true, example: 'https://slack.com/api/' })).optional(),
  PORT: setting(port).prefault('3000'),
  SLACK_ALERT_CHANNEL: setting(slackChannel).optional(),

  DISCORD_TOKEN: setting(discordToken).optional(),
  DISCORD_APPLICATION_ID: setting(discordId('application')).optional(),
  DISCORD_GUILD_ID: setting(discordId('server (guild)')).optional(),
  DISCORD_API_URL: setting(httpUrl({ trailingSlash: false, example: 'https://discord.com/api' })).optional(),
  DISCORD_ALERT_CHANNEL_ID: setting(discordId('channel')).optional(),
  DISCORD_WEBHOOK_URL: setting(
    httpUrl({ trailingSlash: false, secret: true, example: 'https://discord.com/api/webhooks/<id>/<token>' }),
  ).optional(),

  ALERT_POLL_SECONDS: setting(wholeSeconds(1)).prefault('30'),
  DIGEST_AT: setting(clockTime).optional(),
  TZ: setting(timeZone).optional(),
  METRICS_PORT: setting(port).prefault('9464'),
  METRICS_HOST: setting(host).prefault('127.0.0.1'),
  PROBE_SECONDS: setting(wholeSeconds(0)).prefault('0'),
};

type VariableName = keyof typeof Variables;
const VARIABLE_NAMES = Object.keys(Variables) as VariableName[];

/** The variables whose values are credentials: never logged, never quoted in a problem. */
export const SECRET_VARIABLES = [
  'CONNEXCS_PASSWORD',
  'CONNEXCS_TOKEN',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'DISCORD_TOKEN',
  'DISCORD_WEBHOOK_URL',
] as const satisfies readonly VariableName[];

/** Empty values count as unset, so a copied `.env.example` with blanks means "not configured". */
function withoutBlanks(env: unknown): unknown {
  if (typeof env !== 'object' || env === null) return env;
  const entries = Object.entries(env).map(([key, value]) => [
    key,
    typeof value === 'string' ? value.trim() : value,
  ]);
  return Object.fromEntries(entries.filter(([, value]) => value !== '' && value !== undefined));
}

type Present = (name: VariableName) => boolean;
type Report = (name: string, message: string) => void;

/**
 * Rules about which variables go together. They look only at which variables are set, so they
 * run, and report, even when some values are malformed.
 */
function checkCombinations(isSet: Present, report: Report): void {
  const basic = isSet('CONNEXCS_USERNAME') || isSet('CONNEXCS_PASSWORD');
  for (const [name, other] of [
    ['CONNEXCS_PASSWORD', 'CONNEXCS_USERNAME'],
    ['CONNEXCS_USERNAME', 'CONNEXCS_PASSWORD'],
  ] as const) {
    if (!isSet(name) && isSet(other))
      report(name, `not set, but ${other} is; set both to sign in to ConnexCS`);
  }
  if (isSet('CONNEXCS_TOKEN') && basic) {
    report(
      'CONNEXCS_TOKEN',
      'set, and so are CONNEXCS_USERNAME/CONNEXCS_PASSWORD; keep one way of signing in',
    );
  }
  if (isSet('CONNEXCS_API_URL') && !basic && !isSet('CONNEXCS_TOKEN')) {
    report(
      'CONNEXCS_API_URL',
      'set, but no credentials are; set CONNEXCS_TOKEN, or CONNEXCS_USERNAME and CONNEXCS_PASSWORD (unset CONNEXCS_API_URL to use the embedded control plane)',
    );
  }
  checkPlatform(
    isSet,
    report,
    'Slack',
    ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'],
    ['SLACK_APP_TOKEN', 'SLACK_ALERT_CHANNEL'],
  );
  checkPlatform(
    isSet,
    report,
    'Discord',
    ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'],
    ['DISCORD_GUILD_ID', 'DISCORD_ALERT_CHANNEL_ID'],
  );
}

/** A platform needs both of its `pair`; the `dependents` mean nothing without them. */
function checkPlatform(
  isSet: Present,
  report: Report,
  platform: string,
  pair: readonly [VariableName, VariableName],
  dependents: readonly VariableName[],
): void {
  const [first, second] = pair;
  if (isSet(first) !== isSet(second)) {
    const [missing, present] = isSet(first) ? [second, first] : [first, second];
    report(missing, `not set, but ${present} is; set both to connect to ${platform}, or neither`);
  }
  if (isSet(first) || isSet(second)) return;
  for (const dependent of dependents.filter(isSet)) {
    report(dependent, `set, but ${platform} is not configured; set ${first} and ${second} too, or unset it`);
  }
}

/** A misspelt SWITCHBOARD_ variable would silently fall back to its default: say so instead. */
function checkUnknownNames(names: readonly string[], report: Report): void {
  const known: readonly string[] = VARIABLE_NAMES;
  for (const name of names) {
    if (name.startsWith('SWITCHBOARD_') && !known.includes(name)) {
      const [near] = closest(name, known, 1);
      report(name, `not a setting${near ? `; did you mean ${near}?` : '.'} See .env.example for the list.`);
    }
  }
}

const VariablesSchema = z.looseObject(Variables);
type Parsed = z.output<typeof VariablesSchema>;

function controlPlaneOf(v: Parsed) {
  if (v.CONNEXCS_TOKEN !== undefined) {
    const auth = { kind: 'bearer' as const, token: v.CONNEXCS_TOKEN };
    return { mode: 'remote' as const, url: v.CONNEXCS_API_URL ?? CONNEXCS_DEFAULT_URL, auth };
  }
  if (v.CONNEXCS_USERNAME !== undefined && v.CONNEXCS_PASSWORD !== undefined) {
    const auth = { kind: 'basic' as const, username: v.CONNEXCS_USERNAME, password: v.CONNEXCS_PASSWORD };
    return { mode: 'remote' as const, url: v.CONNEXCS_API_URL ?? CONNEXCS_DEFAULT_URL, auth };
  }
  return { mode: 'embedded' as const };
}

function slackOf(v: Parsed) {
  if (v.SLACK_BOT_TOKEN === undefined || v.SLACK_SIGNING_SECRET === undefined) return undefined;
  return {
    botToken: v.SLACK_BOT_TOKEN,
    signingSecret: v.SLACK_SIGNING_SECRET,
    /** Set: Socket Mode. Unset: Slack posts to the HTTP receiver on `port`. */
    appToken: v.SLACK_APP_TOKEN,
    apiUrl: v.SLACK_API_URL,
    port: v.PORT,
    alertChannel: v.SLACK_ALERT_CHANNEL,
  };
}

function discordOf(v: Parsed) {
  if (v.DISCORD_TOKEN === undefined || v.DISCORD_APPLICATION_ID === undefined) return undefined;
  return {
    token: v.DISCORD_TOKEN,
    applicationId: v.DISCORD_APPLICATION_ID,
    /** Set: commands are registered on this server only, where changes show at once. */
    guildId: v.DISCORD_GUILD_ID,
    apiUrl: v.DISCORD_API_URL,
    alertChannelId: v.DISCORD_ALERT_CHANNEL_ID,
  };
}

function configOf(v: Parsed) {
  return {
    dataDir: v.SWITCHBOARD_DATA_DIR,
    databasePath: join(v.SWITCHBOARD_DATA_DIR, 'switchboard.db'),
    logLevel: v.LOG_LEVEL,
    controlPlane: controlPlaneOf(v),
    /** Where `npm run control-plane` listens. */
    controlPlanePort: v.CONTROL_PLANE_PORT,
    access: {
      viewers: v.SWITCHBOARD_VIEWERS,
      operators: v.SWITCHBOARD_OPERATORS,
      approvers: v.SWITCHBOARD_APPROVERS,
      fourEyes: v.SWITCHBOARD_FOUR_EYES,
      approvalTtlMs: v.SWITCHBOARD_APPROVAL_TTL,
    },
    consoleUser: v.SWITCHBOARD_CONSOLE_USER,
    slack: slackOf(v),
    discord: discordOf(v),
    alerts: {
      pollIntervalMs: v.ALERT_POLL_SECONDS,
      /** The daily digest's time of day in `timeZone`; unset: no digest. */
      digestAt: v.DIGEST_AT,
      discordWebhookUrl: v.DISCORD_WEBHOOK_URL,
    },
    timeZone: v.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    metrics: { host: v.METRICS_HOST, port: v.METRICS_PORT },
    /** How often servers' SIP and ICMP latency is measured; 0: never. */
    probeIntervalMs: v.PROBE_SECONDS,
  };
}

export const ConfigSchema = z.preprocess(
  withoutBlanks,
  VariablesSchema.superRefine(
    (env, ctx) => {
      const report: Report = (name, message) => ctx.addIssue({ code: 'custom', path: [name], message });
      checkCombinations((name) => env[name] !== undefined, report);
      checkUnknownNames(Object.keys(env), report);
    },
    { when: () => true },
  ).transform((env) => configOf(env)),
);

export type Config = z.output<typeof ConfigSchema>;
export type ControlPlaneSettings = Config['controlPlane'];
export type SlackSettings = NonNullable<Config['slack']>;
export type DiscordSettings = NonNullable<Config['discord']>;

/** The process environment over the `.env` file in `folder`, when there is one: real variables win. */
export function readEnvironment(folder = process.cwd(), processEnv: Env = process.env): Env {
  let text: string;
  try {
    text = readFileSync(join(folder, '.env'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...processEnv };
    throw new ConfigError([`.env: cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`]);
  }
  return { ...parseDotenv(text), ...processEnv };
}

export function loadConfig(env: Env = readEnvironment()): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => `${String(issue.path[0] ?? 'config')}: ${issue.message}`),
  );
}
