import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger, secretValues } from '../../src/log.js';

/** Collects what a logger writes, line by line. */
function memoryDestination() {
  const lines: string[] = [];
  return { lines, text: () => lines.join(''), write: (line: string) => void lines.push(line) };
}

const configuredEnv = {
  CONNEXCS_USERNAME: 'ops-user',
  CONNEXCS_PASSWORD: 'connexcs-pa55',
  SLACK_BOT_TOKEN: 'xoxb-bot-token-value',
  SLACK_SIGNING_SECRET: 'slack-signing-secret-value',
  SLACK_APP_TOKEN: 'xapp-app-token-value',
  DISCORD_TOKEN: 'discord.token.value',
  DISCORD_APPLICATION_ID: '109999999999999999',
  DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/1/webhook-token-value',
};

describe('secretValues', () => {
  it('lists every secret a configuration holds, and nothing else', () => {
    expect(secretValues(loadConfig(configuredEnv)).sort()).toEqual(
      [
        'connexcs-pa55',
        'xoxb-bot-token-value',
        'slack-signing-secret-value',
        'xapp-app-token-value',
        'discord.token.value',
        'https://discord.com/api/webhooks/1/webhook-token-value',
      ].sort(),
    );
    expect(secretValues(loadConfig({ CONNEXCS_TOKEN: 'bearer-token-value' }))).toEqual([
      'bearer-token-value',
    ]);
    expect(secretValues(loadConfig({}))).toEqual([]);
  });
});

describe('createLogger', () => {
  const config = loadConfig(configuredEnv);
  const secrets = [
    ...secretValues(config),
    'uac-secret-1',
    'uac-secret-2',
    'Basic b3BzOnB3',
    'Bearer abc.def',
  ];

  function logEverySecretShape(log: ReturnType<typeof createLogger>): void {
    log.info({ config }, 'starting');
    log.info({ env: configuredEnv }, 'environment');
    log.warn(
      { req: { method: 'PUT', url: '/setup/server/42', headers: { authorization: 'Basic b3BzOnB3' } } },
      'control plane answered 500',
    );
    log.info({ headers: { Authorization: 'Bearer abc.def' } }, 'retrying');
    log.info({ command: 'uac set', args: { server: 'ams-sw-1', 'uac-password': 'uac-secret-1' } }, 'request');
    log.info({ update: { uac_auth: { username: 'carrier', password: 'uac-secret-2' } } }, 'update');
    log.info({ password: 'connexcs-pa55', token: 'xoxb-bot-token-value' }, 'flat');
  }

  it('writes no secret value, wherever it sits in the logged object', () => {
    const destination = memoryDestination();
    logEverySecretShape(createLogger({ destination, pretty: false }));

    const text = destination.text();
    expect(destination.lines).toHaveLength(7);
    for (const secret of secrets) expect(text).not.toContain(secret);
    // What is not secret is still there, so the check above is not passing on empty lines.
    for (const kept of ['ops-user', '/setup/server/42', 'ams-sw-1', 'carrier', '109999999999999999']) {
      expect(text).toContain(kept);
    }
    expect(text).toContain('[redacted]');
  });

  it('redacts in the human-readable format too', () => {
    const destination = memoryDestination();
    logEverySecretShape(createLogger({ destination, pretty: true }));

    const text = destination.text();
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toMatch(/WARN.*control plane answered 500/);
    expect(() => JSON.parse(destination.lines[0]!)).toThrow();
  });

  it('writes one JSON object per line when not pretty', () => {
    const destination = memoryDestination();
    createLogger({ destination, pretty: false }).info({ serverId: 42 }, 'restarted');
    expect(JSON.parse(destination.lines[0]!)).toMatchObject({ level: 30, serverId: 42, msg: 'restarted' });
  });

  it('writes only at or above its level', () => {
    const destination = memoryDestination();
    const log = createLogger({ destination, pretty: false, level: 'warn' });
    log.info('quiet');
    log.error('loud');
    expect(destination.lines.map((line) => JSON.parse(line).msg)).toEqual(['loud']);
  });
});
