import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CX_COMMAND } from '../../../src/platforms/slack/listeners/commands/cx.js';

/** The manifest creates the app this surface listens as: its command, its event, only the scopes it uses. */

const manifest = readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8');
const lines = manifest.split('\n').filter((line) => !line.trim().startsWith('#'));

/** The `- item` lines right under `key:`. */
function listUnder(key: string): string[] {
  const start = lines.findIndex((line) => line.trim() === `${key}:`);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s*- (.+)$/.exec(line);
    if (!item) break;
    items.push(item[1]!.trim());
  }
  return items;
}

describe('manifest.yml', () => {
  it('declares /cx, interactivity, the Home tab and Socket Mode', () => {
    expect(manifest).toContain(`- command: ${CX_COMMAND}\n`);
    expect(manifest).toMatch(/interactivity:\n(\s+#.*\n)*\s+is_enabled: true/);
    expect(manifest).toContain('home_tab_enabled: true');
    expect(manifest).toContain('socket_mode_enabled: true');
    expect(listUnder('bot_events')).toEqual(['app_home_opened']);
  });

  it('asks for the bot scopes the surface uses and no more', () => {
    expect(listUnder('bot')).toEqual(['commands', 'chat:write', 'usergroups:read']);
  });
});
