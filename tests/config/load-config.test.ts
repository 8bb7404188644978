import { userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const slackPair = {
  SLACK_BOT_TOKEN: 'xoxb-111-222-abc',
  SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
};
const discordPair = {
  DISCORD_TOKEN: 'MTA5OTk5.GhIjKl.mnopqrstuvwxyz',
  DISCORD_APPLICATION_ID: '109999999999999999',
};

/** The problem lines loadConfig reports for `env`; fails the test when it accepts it. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError, the configuration was accepted');
}

describe('loadConfig defaults', () => {
  it('runs with nothing set: embedded control plane, no chat platforms, documented defaults', () => {
    const config = loadConfig({ TZ: 'Europe/Amsterdam' });
    expect(config).toEqual({
      dataDir: './data',
      databasePath: 'data/switchboard.db',
      logLevel: 'info',
      controlPlane: { mode: 'embedded' },
      controlPlanePort: 8787,
      access: {
        viewers: [{ kind: 'anyone' }],
        operators: [],
        approvers: [],
        fourEyes: 'disruptive',
        approvalTtlMs: 600_000,
      },
      consoleUser: expect.any(String),
      slack: undefined,
      discord: undefined,
      alerts: { pollIntervalMs: 30_000, digestAt: undefined, discordWebhookUrl: undefined },
      timeZone: 'Europe/Amsterdam',
      metrics: { host: '127.0.0.1', port: 9464 },
      probeIntervalMs: 0,
    });
  });

  it('takes the OS user name as the console user unless told otherwise', () => {
    expect(loadConfig({}).consoleUser).toBe(userInfo().username);
    expect(loadConfig({ SWITCHBOARD_CONSOLE_USER: 'priya' }).consoleUser).toBe('priya');
  });

  it('treats blank values (a copied .env.example) as unset', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: '  ',
      SWITCHBOARD_APPROVAL_TTL: '',
    });
    expect(config.slack).toBeUndefined();
    expect(config.access.approvalTtlMs).toBe(600_000);
  });

  it('puts the database in the data folder', () => {
    expect(loadConfig({ SWITCHBOARD_DATA_DIR: '/var/lib/switchboard' }).databasePath).toBe(
      '/var/lib/switchboard/switchboard.db',
    );
  });
});

describe('loadConfig values', () => {
  it('parses durations, seconds, ports, times and levels', () => {
    const config = loadConfig({
      SWITCHBOARD_APPROVAL_TTL: '1h30m',
      ALERT_POLL_SECONDS: '15',
      PROBE_SECONDS: '0',
      METRICS_PORT: '0',
      METRICS_HOST: '0.0.0.0',
      CONTROL_PLANE_PORT: '18787',
      DIGEST_AT: '9:05',
      TZ: ':UTC',
      LOG_LEVEL: 'DEBUG',
      SWITCHBOARD_FOUR_EYES: 'all',
    });
    expect(config.access).toMatchObject({ approvalTtlMs: 5_400_000, fourEyes: 'all' });
    expect(config.alerts).toMatchObject({ pollIntervalMs: 15_000, digestAt: { hour: 9, minute: 5 } });
    expect(config).toMatchObject({
      probeIntervalMs: 0,
      metrics: { host: '0.0.0.0', port: 0 },
      controlPlanePort: 18787,
      timeZone: 'UTC',
      logLevel: 'debug',
    });
  });

  it.each([
    [
      'SWITCHBOARD_APPROVAL_TTL',
      '10x',
      'SWITCHBOARD_APPROVAL_TTL: "10x" is not a duration; use e.g. 10m, 90s, 1h',
    ],
    [
      'SWITCHBOARD_APPROVAL_TTL',
      '0m',
      'SWITCHBOARD_APPROVAL_TTL: "0m" is no time at all; use e.g. 10m, 90s, 1h',
    ],
    ['ALERT_POLL_SECONDS', '30s', 'ALERT_POLL_SECONDS: "30s" is not a whole number of seconds; use e.g. 30'],
    ['ALERT_POLL_SECONDS', '0', 'ALERT_POLL_SECONDS: 0 is too short; use at least 1'],
    ['PORT', '70000', 'PORT: "70000" is not a port; use a number from 1 to 65535, or 0 for any free port'],
    [
      'METRICS_PORT',
      'http',
      'METRICS_PORT: "http" is not a port; use a number from 1 to 65535, or 0 for any free port',
    ],
    [
      'METRICS_HOST',
      'my host',
      'METRICS_HOST: "my host" is not a host name or IP address; use e.g. 127.0.0.1 (this machine only) or 0.0.0.0',
    ],
    ['DIGEST_AT', '25:00', 'DIGEST_AT: "25:00" is not a time of day; use HH:MM, e.g. 09:00'],
    [
      'TZ',
      'Mars/Olympus',
      'TZ: "Mars/Olympus" is not a time zone; use an IANA name, e.g. Europe/Amsterdam or UTC',
    ],
    [
      'LOG_LEVEL',
      'verbose',
      'LOG_LEVEL: "verbose" is not a choice; use trace, debug, info, warn, error, fatal, silent',
    ],
    [
      'SWITCHBOARD_FOUR_EYES',
      'yes',
      'SWITCHBOARD_FOUR_EYES: "yes" is not a choice; use disruptive (another person confirms disruptive commands), all (every change) or off',
    ],
    [
      'SWITCHBOARD_CONSOLE_USER',
      'Priya P',
      'SWITCHBOARD_CONSOLE_USER: "Priya P" is not a user name; use letters, digits, ".", "_" or "-"',
    ],
    [
      'SLACK_API_URL',
      'slack.com/api',
      'SLACK_API_URL: "slack.com/api" is not a URL; use e.g. https://slack.com/api/',
    ],
    [
      'DISCORD_API_URL',
      'ftp://discord.com/api',
      'DISCORD_API_URL: "ftp://discord.com/api" is not an http(s) URL; use e.g. https://discord.com/api',
    ],
  ])('%s=%s is refused with a line that says what to type', (name, value, line) => {
    expect(problemsOf({ [name]: value })).toEqual([line]);
  });

  it('reports every problem at once, one line each, naming the variable', () => {
    const problems = problemsOf({ PORT: 'x', DIGEST_AT: 'noon', SLACK_BOT_TOKEN: 'xoxb-1-2-3' });
    expect(problems).toHaveLength(3);
    expect(problems.map((line) => line.split(':')[0])).toEqual(['PORT', 'DIGEST_AT', 'SLACK_SIGNING_SECRET']);
  });

  it('names a misspelt SWITCHBOARD_ variable instead of silently using the default', () => {
    expect(problemsOf({ SWITCHBOARD_APROVERS: 'console:marco' })).toEqual([
      'SWITCHBOARD_APROVERS: not a setting; did you mean SWITCHBOARD_APPROVERS? See .env.example for the list.',
    ]);
    expect(loadConfig({ HOME: '/root', SLACK_SOMETHING_ELSE: 'x' }).slack).toBeUndefined();
  });
});

describe('loadConfig principals', () => {
  it('parses every kind of principal', () => {
    const config = loadConfig({
      SWITCHBOARD_VIEWERS: '*',
      SWITCHBOARD_OPERATORS:
        'slack:U012AB3CD, slack-group:S0614TZR7,discord:112233445566778899 , console:priya',
      SWITCHBOARD_APPROVERS: 'discord-role:998877665544332211,console:marco,console:marco',
    });
    expect(config.access.viewers).toEqual([{ kind: 'anyone' }]);
    expect(config.access.operators).toEqual([
      { kind: 'user', surface: 'slack', id: 'U012AB3CD' },
      { kind: 'group', surface: 'slack', id: 'S0614TZR7' },
      { kind: 'user', surface: 'discord', id: '112233445566778899' },
      { kind: 'user', surface: 'console', id: 'priya' },
    ]);
    expect(config.access.approvers).toEqual([
      { kind: 'group', surface: 'discord', id: '998877665544332211' },
      { kind: 'user', surface: 'console', id: 'marco' },
    ]);
  });

  it('gives one line per bad entry, saying what an entry looks like', () => {
    expect(
      problemsOf({ SWITCHBOARD_APPROVERS: 'slack:priya,discord-role:12,slak:U012AB3CD,console:marco' }),
    ).toEqual([
      'SWITCHBOARD_APPROVERS: "slack:priya": expected a Slack member ID like U012AB3CD (profile ▸ ⋯ ▸ Copy member ID)',
      'SWITCHBOARD_APPROVERS: "discord-role:12": expected a Discord role ID of 17 to 20 digits (Server Settings ▸ Roles ▸ ⋯ ▸ Copy Role ID)',
      'SWITCHBOARD_APPROVERS: "slak:U012AB3CD" is not a principal; use slack:<member id>, slack-group:<group id>, discord:<user id>, discord-role:<role id>, console:<name> or *',
    ]);
  });
});

describe('loadConfig control plane', () => {
  it('uses the real ConnexCS URL when only a token is set', () => {
    expect(loadConfig({ CONNEXCS_TOKEN: 'tok-123' }).controlPlane).toEqual({
      mode: 'remote',
      url: 'https://app.connexcs.com/api/cp/',
      auth: { kind: 'bearer', token: 'tok-123' },
    });
  });

  it('signs in with user name and password (any characters) at a given URL, which always ends in a slash', () => {
    const config = loadConfig({
      CONNEXCS_API_URL: 'https://test.connexcs.example/api/cp',
      CONNEXCS_USERNAME: 'ops',
      CONNEXCS_PASSWORD: 'correct horse battery',
    });
    expect(config.controlPlane).toEqual({
      mode: 'remote',
      url: 'https://test.connexcs.example/api/cp/',
      auth: { kind: 'basic', username: 'ops', password: 'correct horse battery' },
    });
  });

  it('refuses a URL without credentials', () => {
    expect(problemsOf({ CONNEXCS_API_URL: 'https://app.connexcs.com/api/cp/' })).toEqual([
      'CONNEXCS_API_URL: set, but no credentials are; set CONNEXCS_TOKEN, or CONNEXCS_USERNAME and CONNEXCS_PASSWORD (unset CONNEXCS_API_URL to use the embedded control plane)',
    ]);
  });

  it('names the missing half of a user name and password', () => {
    expect(problemsOf({ CONNEXCS_USERNAME: 'ops' })).toEqual([
      'CONNEXCS_PASSWORD: not set, but CONNEXCS_USERNAME is; set both to sign in to ConnexCS',
    ]);
    expect(problemsOf({ CONNEXCS_PASSWORD: 'pa55word' })).toEqual([
      'CONNEXCS_USERNAME: not set, but CONNEXCS_PASSWORD is; set both to sign in to ConnexCS',
    ]);
  });

  it('refuses two ways of signing in at once', () => {
    expect(problemsOf({ CONNEXCS_TOKEN: 't', CONNEXCS_USERNAME: 'ops', CONNEXCS_PASSWORD: 'p' })).toEqual([
      'CONNEXCS_TOKEN: set, and so are CONNEXCS_USERNAME/CONNEXCS_PASSWORD; keep one way of signing in',
    ]);
  });

  it('refuses credentials written into the URL without repeating them', () => {
    const problems = problemsOf({
      CONNEXCS_API_URL: 'https://ops:hunter2@app.connexcs.com/api/cp/',
      CONNEXCS_TOKEN: 't',
    });
    expect(problems).toEqual([
      'CONNEXCS_API_URL: must not carry a user name or password; set those in their own variables',
    ]);
  });
});

describe('loadConfig Slack', () => {
  it('configures Slack when the bot token and signing secret are both set', () => {
    const config = loadConfig({
      ...slackPair,
      SLACK_APP_TOKEN: 'xapp-1-A0-123-abc',
      SLACK_API_URL: 'http://127.0.0.1:4000/api',
      SLACK_ALERT_CHANNEL: 'C0VOICEOPS',
      PORT: '3100',
    });
    expect(config.slack).toEqual({
      botToken: slackPair.SLACK_BOT_TOKEN,
      signingSecret: slackPair.SLACK_SIGNING_SECRET,
      appToken: 'xapp-1-A0-123-abc',
      apiUrl: 'http://127.0.0.1:4000/api/',
      port: 3100,
      alertChannel: 'C0VOICEOPS',
    });
  });

  it('names the other half when only one is set', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: slackPair.SLACK_BOT_TOKEN })).toEqual([
      'SLACK_SIGNING_SECRET: not set, but SLACK_BOT_TOKEN is; set both to connect to Slack, or neither',
    ]);
    expect(problemsOf({ SLACK_SIGNING_SECRET: slackPair.SLACK_SIGNING_SECRET })).toEqual([
      'SLACK_BOT_TOKEN: not set, but SLACK_SIGNING_SECRET is; set both to connect to Slack, or neither',
    ]);
  });

  it('says which token went into the wrong variable', () => {
    expect(problemsOf({ ...slackPair, SLACK_BOT_TOKEN: 'xoxp-user-token' })).toEqual([
      'SLACK_BOT_TOKEN: this is a user token (xoxp-); use the Bot User OAuth Token, which starts with xoxb- (Slack app ▸ OAuth & Permissions)',
    ]);
    expect(problemsOf({ ...slackPair, SLACK_BOT_TOKEN: 'xapp-app-token' })[0]).toMatch(
      /^SLACK_BOT_TOKEN: this is an app-level token \(xapp-\), which belongs in SLACK_APP_TOKEN/,
    );
    expect(problemsOf({ ...slackPair, SLACK_APP_TOKEN: 'xoxb-bot-token' })[0]).toMatch(
      /^SLACK_APP_TOKEN: this is the bot token \(xoxb-\), which belongs in SLACK_BOT_TOKEN/,
    );
    expect(problemsOf({ ...slackPair, SLACK_APP_TOKEN: 'abc' })).toEqual([
      'SLACK_APP_TOKEN: does not look like an app-level token: it starts with xapp- (Slack app ▸ Basic Information ▸ App-Level Tokens)',
    ]);
  });

  it('refuses Slack-only settings when Slack is not configured', () => {
    expect(problemsOf({ SLACK_ALERT_CHANNEL: '#noc' })).toEqual([
      'SLACK_ALERT_CHANNEL: set, but Slack is not configured; set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET too, or unset it',
    ]);
  });

  it('accepts a channel by ID or #name only', () => {
    expect(loadConfig({ ...slackPair, SLACK_ALERT_CHANNEL: '#voice-ops' }).slack?.alertChannel).toBe(
      '#voice-ops',
    );
    expect(problemsOf({ ...slackPair, SLACK_ALERT_CHANNEL: 'voice ops' })).toEqual([
      'SLACK_ALERT_CHANNEL: "voice ops" is not a Slack channel; use its ID (like C0123ABCD, from channel details) or #name',
    ]);
  });
});

describe('loadConfig Discord', () => {
  it('configures Discord when the token and application ID are both set', () => {
    const config = loadConfig({
      ...discordPair,
      DISCORD_GUILD_ID: '223344556677889900',
      DISCORD_ALERT_CHANNEL_ID: '334455667788990011',
      DISCORD_API_URL: 'http://127.0.0.1:4001/api/',
      DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/1/abc',
    });
    expect(config.discord).toEqual({
      token: discordPair.DISCORD_TOKEN,
      applicationId: discordPair.DISCORD_APPLICATION_ID,
      guildId: '223344556677889900',
      apiUrl: 'http://127.0.0.1:4001/api',
      alertChannelId: '334455667788990011',
    });
    expect(config.alerts.discordWebhookUrl).toBe('https://discord.com/api/webhooks/1/abc');
  });

  it('names the other half when only one is set', () => {
    expect(problemsOf({ DISCORD_TOKEN: discordPair.DISCORD_TOKEN })).toEqual([
      'DISCORD_APPLICATION_ID: not set, but DISCORD_TOKEN is; set both to connect to Discord, or neither',
    ]);
  });

  it('explains malformed tokens and IDs', () => {
    expect(problemsOf({ ...discordPair, DISCORD_TOKEN: `Bot ${discordPair.DISCORD_TOKEN}` })).toEqual([
      'DISCORD_TOKEN: leave out the "Bot " prefix: paste the token alone',
    ]);
    expect(problemsOf({ ...discordPair, DISCORD_TOKEN: '109999999999999999' })).toEqual([
      'DISCORD_TOKEN: this looks like an ID, not a token (Developer Portal ▸ Bot ▸ Reset Token)',
    ]);
    expect(problemsOf({ ...discordPair, DISCORD_APPLICATION_ID: 'my-app' })).toEqual([
      'DISCORD_APPLICATION_ID: "my-app" is not a Discord application ID (17 to 20 digits; turn on Developer Mode, then right-click ▸ Copy ID)',
    ]);
  });

  it('allows alerts through a webhook alone', () => {
    expect(
      loadConfig({ DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/1/abc' }).discord,
    ).toBeUndefined();
  });
});

describe('loadConfig secrecy', () => {
  const marker = 'SeCrEt-MaRkEr';
  it.each([
    ['CONNEXCS_TOKEN', `${marker} x`, {}],
    ['SLACK_BOT_TOKEN', `xoxq-${marker}`, { SLACK_SIGNING_SECRET: 's' }],
    ['SLACK_SIGNING_SECRET', `${marker} x`, { SLACK_BOT_TOKEN: 'xoxb-1' }],
    ['SLACK_APP_TOKEN', marker, slackPair],
    ['DISCORD_TOKEN', marker, { DISCORD_APPLICATION_ID: '109999999999999999' }],
    ['DISCORD_WEBHOOK_URL', `discord.com/api/webhooks/1/${marker}`, {}],
  ])('never quotes a malformed %s', (name, value, others: Record<string, string>) => {
    const problems = problemsOf({ ...others, [name]: value });
    expect(problems.map((line) => line.split(':')[0])).toEqual([name]);
    expect(problems.join('\n')).not.toContain(marker);
  });
});
