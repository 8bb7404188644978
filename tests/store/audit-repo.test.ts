import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditRepo } from '../../src/store/audit-repo.js';
import { type Database, openDatabase } from '../../src/store/database.js';

const marco = { surface: 'discord', id: '123456789012345678', name: 'marco' } as const;
const at = (minute: number) => new Date(Date.UTC(2025, 2, 3, 9, minute));

let db: Database;
let audit: AuditRepo;
beforeEach(() => {
  db = openDatabase(':memory:');
  audit = new AuditRepo(db);
});
afterEach(() => db.close());

describe('AuditRepo', () => {
  it('appends an entry and reads it back as written', () => {
    const entry = audit.append({
      at: at(4),
      event: 'confirm',
      actor: marco,
      channelId: 'C0VOICEOPS',
      command: 'restart',
      args: { server: 'ams-sw-1' },
      approvalId: '9c2e61f0a4b7d3e1',
      serverId: 42,
      outcome: 'ok',
      detail: 'approved by marco',
    });

    expect(entry).toEqual({
      id: entry.id,
      at: at(4),
      event: 'confirm',
      actor: marco,
      channelId: 'C0VOICEOPS',
      command: 'restart',
      args: { server: 'ams-sw-1' },
      approvalId: '9c2e61f0a4b7d3e1',
      serverId: 42,
      outcome: 'ok',
      detail: 'approved by marco',
    });
    expect(audit.newest(1)).toEqual([entry]);
  });

  it('keeps the optional fields empty when not given', () => {
    const entry = audit.append({ at: at(0), event: 'expire', approvalId: 'aaaaaaaaaaaaaaaa' });
    expect(entry).toMatchObject({ actor: null, args: null, serverId: null, command: null, detail: null });
  });

  it('lists the newest entries first, for the whole fleet or one server', () => {
    audit.append({ at: at(1), event: 'request', serverId: 42, command: 'restart' });
    audit.append({ at: at(2), event: 'run', serverId: 7, command: 'server' });
    audit.append({ at: at(3), event: 'result', serverId: 42, outcome: 'ok' });

    expect(audit.newest(2).map((e) => e.at)).toEqual([at(3), at(2)]);
    expect(audit.newest(10, 42).map((e) => e.event)).toEqual(['result', 'request']);
    expect(audit.newest(10, 99)).toEqual([]);
  });

  it('refuses to change or delete what was written', () => {
    const { id } = audit.append({ at: at(1), event: 'refuse', outcome: 'four-eyes' });

    expect(() => db.prepare(`UPDATE audit SET outcome = 'ok' WHERE id = ?`).run(id)).toThrow(
      'the audit log is append-only',
    );
    expect(() => db.prepare('DELETE FROM audit WHERE id = ?').run(id)).toThrow(
      'the audit log is append-only',
    );
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow('the audit log is append-only');
    expect(audit.newest(5)).toMatchObject([{ id, outcome: 'four-eyes' }]);
  });

  it('rejects an event it does not know', () => {
    expect(() => audit.append({ at: at(1), event: 'oops' as 'run' })).toThrow();
    expect(audit.newest(5)).toEqual([]);
  });
});
