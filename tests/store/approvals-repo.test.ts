import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApprovalsRepo, type NewApproval } from '../../src/store/approvals-repo.js';
import { type Database, openDatabase } from '../../src/store/database.js';
import { scratchFolder } from './scratch-folder.js';

const priya = { surface: 'slack', id: 'U0PRIYA', name: 'priya' } as const;
const marco = { surface: 'slack', id: 'U0MARCO', name: 'marco' } as const;
const created = new Date('2025-03-03T09:02:00Z');
const expires = new Date('2025-03-03T09:12:00Z');
const minutesAfter = (minutes: number) => new Date(created.getTime() + minutes * 60_000);

function restartRequest(overrides: Partial<NewApproval> = {}): NewApproval {
  return {
    command: 'restart',
    args: { server: 'ams-sw-1' },
    risk: 'disruptive',
    summary: 'Restart ams-sw-1 (203.0.113.42)',
    requester: priya,
    channelId: 'C0VOICEOPS',
    serverId: 42,
    createdAt: created,
    expiresAt: expires,
    ...overrides,
  };
}

let db: Database;
let approvals: ApprovalsRepo;
beforeEach(() => {
  db = openDatabase(':memory:');
  approvals = new ApprovalsRepo(db);
});
const scratch = scratchFolder();
afterEach(() => {
  db.close();
  scratch.cleanUp();
});

describe('ApprovalsRepo', () => {
  it('creates a pending request with a 16-hex-character id and reads it back as stored', () => {
    const approval = approvals.create(restartRequest());

    expect(approval.id).toMatch(/^[0-9a-f]{16}$/);
    expect(approval).toEqual({
      id: approval.id,
      command: 'restart',
      args: { server: 'ams-sw-1' },
      risk: 'disruptive',
      summary: 'Restart ams-sw-1 (203.0.113.42)',
      requester: priya,
      channelId: 'C0VOICEOPS',
      messageRef: null,
      serverId: 42,
      status: 'pending',
      createdAt: created,
      expiresAt: expires,
      decidedBy: null,
      decidedAt: null,
      result: null,
    });
    expect(approvals.get(approval.id)).toEqual(approval);
    expect(approvals.get('0000000000000000')).toBeUndefined();
  });

  it('gives every request its own id', () => {
    const ids = new Set(Array.from({ length: 20 }, () => approvals.create(restartRequest()).id));
    expect(ids.size).toBe(20);
  });

  it('rejects a request that expires before it was made', () => {
    expect(() => approvals.create(restartRequest({ expiresAt: created }))).toThrow(/expiresAt must be after/);
  });

  it('lets exactly one of two decisions win', () => {
    const { id } = approvals.create(restartRequest());

    const first = approvals.decide(id, { to: 'approved', by: marco, at: minutesAfter(2) });
    const second = approvals.decide(id, { to: 'cancelled', by: priya, at: minutesAfter(3) });

    expect([first, second]).toEqual([true, false]);
    expect(approvals.get(id)).toMatchObject({
      status: 'approved',
      decidedBy: marco,
      decidedAt: minutesAfter(2),
    });
  });

  it('does not let an expired request be decided, even before the sweep marks it', () => {
    const { id } = approvals.create(restartRequest());

    expect(approvals.decide(id, { to: 'approved', by: marco, at: expires })).toBe(false);
    expect(approvals.get(id)).toMatchObject({ status: 'pending', decidedBy: null });
  });

  it('does not decide a request that does not exist', () => {
    expect(approvals.decide('ffffffffffffffff', { to: 'approved', by: marco, at: minutesAfter(1) })).toBe(
      false,
    );
  });

  it('lists the requests still waiting, oldest first', () => {
    const older = approvals.create(restartRequest());
    const newer = approvals.create(
      restartRequest({ createdAt: minutesAfter(1), expiresAt: minutesAfter(20) }),
    );
    const decided = approvals.create(restartRequest());
    approvals.decide(decided.id, { to: 'cancelled', by: priya, at: minutesAfter(1) });

    expect(approvals.listPending(minutesAfter(2)).map((a) => a.id)).toEqual([older.id, newer.id]);
    expect(approvals.listPending(minutesAfter(10)).map((a) => a.id)).toEqual([newer.id]);
  });

  it('expires the due requests once and returns them', () => {
    const due = approvals.create(restartRequest());
    const later = approvals.create(restartRequest({ expiresAt: minutesAfter(30) }));
    const approved = approvals.create(restartRequest());
    approvals.decide(approved.id, { to: 'approved', by: marco, at: minutesAfter(1) });

    const expired = approvals.expireDue(minutesAfter(10));
    expect(expired.map((a) => [a.id, a.status])).toEqual([[due.id, 'expired']]);
    expect(approvals.expireDue(minutesAfter(10))).toEqual([]);
    expect(approvals.get(later.id)?.status).toBe('pending');
    expect(approvals.get(approved.id)?.status).toBe('approved');
  });

  it('remembers the card of a request', () => {
    const { id } = approvals.create(restartRequest());
    expect(approvals.setMessageRef(id, 'C0VOICEOPS/1741.0042')).toBe(true);
    expect(approvals.get(id)?.messageRef).toBe('C0VOICEOPS/1741.0042');
  });

  it('finishes only an approved request, and only once', () => {
    const pending = approvals.create(restartRequest());
    expect(approvals.finish(pending.id, { status: 'executed', result: { jobId: 5012 } })).toBe(false);

    approvals.decide(pending.id, { to: 'approved', by: marco, at: minutesAfter(2) });
    expect(approvals.finish(pending.id, { status: 'executed', result: { jobId: 5012 } })).toBe(true);
    expect(approvals.finish(pending.id, { status: 'failed', result: { error: 'late' } })).toBe(false);
    expect(approvals.get(pending.id)).toMatchObject({ status: 'executed', result: { jobId: 5012 } });
  });

  it('survives a reopen: the request is a row, not a closure', () => {
    const path = join(scratch.folder(), 'switchboard.db');
    const first = scratch.track(openDatabase(path));
    const { id } = new ApprovalsRepo(first).create(restartRequest());
    first.close();

    const reopened = new ApprovalsRepo(scratch.track(openDatabase(path)));
    expect(reopened.decide(id, { to: 'approved', by: marco, at: minutesAfter(1) })).toBe(true);
    expect(reopened.get(id)?.args).toEqual({ server: 'ams-sw-1' });
  });
});
