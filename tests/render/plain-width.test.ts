import { describe, expect, it } from 'vitest';
import { displayWidth, padEnd, padStart } from '../../src/render/plain.js';

describe('displayWidth', () => {
  it('counts one column per ordinary character', () => {
    expect(displayWidth('ams-sw-1')).toBe(8);
    expect(displayWidth('')).toBe(0);
  });

  it('counts two columns per emoji, including sequences and flags', () => {
    expect(displayWidth('🟢')).toBe(2);
    expect(displayWidth('✅ ok')).toBe(5);
    expect(displayWidth('👩‍💻')).toBe(2);
    expect(displayWidth('🇳🇱')).toBe(2);
    expect(displayWidth('⚠️')).toBe(2);
  });

  it('counts one column for block characters and text-style symbols', () => {
    expect(displayWidth('▏▎▍▌▋▊▉█░')).toBe(9);
    expect(displayWidth('███████▉░░')).toBe(10);
    expect(displayWidth('⚠ ▸ ◂ · → ─')).toBe(11);
  });

  it('counts two columns for East Asian wide characters, none for combining marks', () => {
    expect(displayWidth('東京')).toBe(4);
    expect(displayWidth('Zu\u0308rich')).toBe(6);
  });

  it('ignores ANSI styles', () => {
    expect(displayWidth('\u001b[1;31mdown\u001b[0m')).toBe(4);
  });
});

describe('padEnd / padStart', () => {
  it('pads to display columns', () => {
    expect(padEnd('🟢', 4)).toBe('🟢  ');
    expect(padStart('7%', 4)).toBe('  7%');
    expect(padEnd('too long', 3)).toBe('too long');
  });
});
