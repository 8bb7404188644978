import pino, { type DestinationStream, type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { type Config, SECRET_VARIABLES } from './config.js';

/**
 * Keys whose values are credentials wherever they appear in a logged object: HTTP headers,
 * control-plane auth, platform settings, UAC credentials, a dumped environment.
 */
export const SECRET_KEYS = [
  'password',
  'uac-password',
  'uacPassword',
  'token',
  'accessToken',
  'refreshToken',
  'botToken',
  'appToken',
  'signingSecret',
  'secret',
  'clientSecret',
  'apiKey',
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'webhookUrl',
  'discordWebhookUrl',
  ...SECRET_VARIABLES,
] as const;

/** How many levels down a secret key is found: `log.info({ config })` puts the password at level 4. */
const REDACT_DEPTH = 5;

/** The pino `redact` paths: each secret key at the top level and under up to REDACT_DEPTH - 1 parents. */
export const REDACT_PATHS: readonly string[] = SECRET_KEYS.flatMap((key) =>
  Array.from({ length: REDACT_DEPTH }, (_, depth) => `${'*.'.repeat(depth)}${pathSegment(key)}`),
);

function pathSegment(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
}

export interface LoggerOptions {
  level?: string;
  /** Human-readable lines instead of JSON; by default only when stdout is a terminal. */
  pretty?: boolean;
  /** Where lines go; stdout by default. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const { level = 'info', pretty = process.stdout.isTTY === true, destination } = options;
  const stream = pretty
    ? prettyInto(destination)
    : (destination ?? pino.destination({ dest: 1, sync: true }));
  return pino({ level, redact: { paths: [...REDACT_PATHS], censor: '[redacted]' } }, stream);
}

/**
 * Formats each (already redacted) JSON line for people, in this thread: a pino-pretty transport
 * would need a worker thread and a real stream. Colours only on the terminal itself.
 */
function prettyInto(destination: DestinationStream | undefined): DestinationStream {
  const target = destination ?? process.stdout;
  const prettify = prettyFactory({ colorize: destination === undefined, translateTime: 'SYS:HH:MM:ss.l' });
  return { write: (line: string) => target.write(prettify(line)) };
}

/** The secret values a configuration holds, so tests (and scrubbers) can look for them. */
export function secretValues(config: Config): string[] {
  const auth = config.controlPlane.mode === 'remote' ? config.controlPlane.auth : undefined;
  const values = [
    auth?.kind === 'basic' ? auth.password : auth?.token,
    config.slack?.botToken,
    config.slack?.signingSecret,
    config.slack?.appToken,
    config.discord?.token,
    config.alerts.discordWebhookUrl,
  ];
  return values.filter((value): value is string => value !== undefined && value !== '');
}
