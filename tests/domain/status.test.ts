import { describe, expect, it } from 'vitest';
import { SERVER_ACTIONS, SERVER_STATUSES } from '../../src/domain/schemas.js';
import { ACTION_RULES, actionRefusal, carriesCalls, isBusy } from '../../src/domain/status.js';

describe('which actions make sense in which state', () => {
  it('allows each action from its listed statuses only', () => {
    for (const action of SERVER_ACTIONS) {
      const type = ACTION_RULES[action].dispatcherOnly ? 'dispatcher' : 'switch';
      for (const status of SERVER_STATUSES) {
        const allowed = ACTION_RULES[action].from.includes(status);
        expect(actionRefusal(action, status, type) === null, `${action} when ${status}`).toBe(allowed);
      }
    }
  });

  it('says why, in words a user can act on', () => {
    expect(actionRefusal('restart', 'restarting', 'switch')).toMatch(/wait for its current job/);
    expect(actionRefusal('stop', 'expired', 'switch')).toMatch(/reactivate it first/);
    expect(actionRefusal('reactivate', 'active', 'switch')).toMatch(/only expired servers/);
    expect(actionRefusal('start', 'active', 'switch')).toMatch(/allowed when stopped or inactive/);
  });

  it('keeps flush for dispatchers', () => {
    expect(actionRefusal('flush', 'active', 'switch')).toMatch(/dispatchers only/);
    expect(actionRefusal('flush', 'active', 'dispatcher')).toBeNull();
  });

  it('knows busy statuses and which ones carry calls', () => {
    expect(isBusy('deploying')).toBe(true);
    expect(isBusy('stopped')).toBe(false);
    expect(carriesCalls('active')).toBe(true);
    expect(carriesCalls('inactive')).toBe(false);
  });

  it('moves every job-running action through a busy status', () => {
    for (const action of SERVER_ACTIONS) {
      const { during } = ACTION_RULES[action];
      if (during !== null) expect(isBusy(during), action).toBe(true);
    }
  });
});
