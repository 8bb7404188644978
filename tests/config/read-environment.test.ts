import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, readEnvironment } from '../../src/config.js';

const folders: string[] = [];
function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-config-'));
  folders.push(folder);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('readEnvironment', () => {
  it('reads .env from the folder, and real variables win over it', () => {
    const folder = folderWith({
      '.env': ['# comment', 'SWITCHBOARD_APPROVAL_TTL=5m', 'PORT=4000', 'SLACK_ALERT_CHANNEL='].join('\n'),
    });
    const env = readEnvironment(folder, { PORT: '5000' });

    expect(env).toMatchObject({ SWITCHBOARD_APPROVAL_TTL: '5m', PORT: '5000' });
    const config = loadConfig(env);
    expect(config.access.approvalTtlMs).toBe(300_000);
  });

  it('is the process environment alone when there is no .env', () => {
    expect(readEnvironment(folderWith({}), { LOG_LEVEL: 'warn' })).toEqual({ LOG_LEVEL: 'warn' });
  });

  it('keeps a real variable that is set but empty over the file', () => {
    const folder = folderWith({ '.env': 'SLACK_BOT_TOKEN=xoxb-from-file\n' });
    expect(readEnvironment(folder, { SLACK_BOT_TOKEN: '' }).SLACK_BOT_TOKEN).toBe('');
  });
});
