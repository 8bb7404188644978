import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';

/**
 * Bolt's, the Web API client's and the Socket Mode client's log lines, into the app's pino logger.
 * Their debug lines quote whole payloads, and a config form's payload holds the UAC password as
 * typed, so payloads are cut from every line; tokens are masked wherever they appear.
 */

const TOKEN = /\bx(?:ox[abprs]|app)-[\w-]+/g;
const PAYLOAD_MARK = '[payload not logged]';

const maskTokens = (text: string) => text.replace(TOKEN, '[redacted]');

export function scrubLine(line: string): string {
  const masked = maskTokens(line);
  const payload = masked.search(/[{[]\s*"/);
  return payload < 0 ? masked : `${masked.slice(0, payload).trimEnd()} ${PAYLOAD_MARK}`;
}

function describe(part: unknown): string {
  if (typeof part === 'string') return part;
  if (typeof part === 'number' || typeof part === 'boolean' || part === null || part === undefined) {
    return String(part);
  }
  return PAYLOAD_MARK;
}

type Level = 'debug' | 'info' | 'warn' | 'error';

const LEVELS: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
};

export function boltLogger(log: Logger): SlackLogger {
  let name = 'bolt';
  const write = (level: Level, parts: unknown[]) => {
    // Bolt and its clients call debug on every request: below the level, skip the scrubbing too.
    if (!log.isLevelEnabled(level)) return;
    const error = parts.find((part): part is Error => part instanceof Error);
    const line = scrubLine(
      parts
        .filter((part) => part !== error)
        .map(describe)
        .join(' '),
    );
    // A copy without the error's own fields: a Web API error carries the whole answer.
    const err =
      error &&
      Object.assign(new Error(scrubLine(error.message)), {
        name: error.name,
        stack: error.stack && maskTokens(error.stack),
      });
    const fields = { component: name, ...(err ? { err } : {}) };
    log[level](fields, line || error?.name || '');
  };
  return {
    debug: (...parts: unknown[]) => write('debug', parts),
    info: (...parts: unknown[]) => write('info', parts),
    warn: (...parts: unknown[]) => write('warn', parts),
    error: (...parts: unknown[]) => write('error', parts),
    // LOG_LEVEL decides for every component; Bolt asking for its own default changes nothing.
    setLevel: () => {},
    getLevel: () => LEVELS[log.level] ?? LogLevel.ERROR,
    setName: (given: string) => {
      name = given;
    },
  };
}
