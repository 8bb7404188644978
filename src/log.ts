import pino, { type DestinationStream, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
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

/** How deep below the logged object a secret key is still found (config.controlPlane.auth.password is 4). */
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
    ? pinoPretty({ destination: destination ?? 1, colorize: destination === undefined, sync: true })
    : (destination ?? pino.destination({ dest: 1, sync: true }));
  return pino({ level, redact: { paths: [...REDACT_PATHS], censor: '[redacted]' } }, stream);
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
