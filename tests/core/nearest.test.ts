import { describe, expect, it } from 'vitest';
import { suggestNearest } from '../../src/core/nearest.js';

describe('suggestNearest', () => {
  it('names only the nearest candidate', () => {
    expect(suggestNearest('--clustr', ['--cluster', '--count', '--uac-user'])).toBe(
      ' Did you mean --cluster?',
    );
    expect(suggestNearest('sever', ['server', 'servers', 'stop'])).toBe(' Did you mean server?');
  });

  it('counts a candidate the input begins as nearer', () => {
    expect(suggestNearest('ec', ['echo', 'ack'])).toBe(' Did you mean echo?');
  });

  it('names every candidate of a tie, and nothing when nothing is close', () => {
    expect(suggestNearest('ams-sw-l', ['ams-sw-1', 'ams-sw-2', 'sgp-sw-9'])).toBe(
      ' Did you mean ams-sw-1 or ams-sw-2?',
    );
    expect(suggestNearest('zzzz', ['echo', 'ack'])).toBe('');
  });
});
