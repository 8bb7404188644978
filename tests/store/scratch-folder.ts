import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/store/database.js';

/** A temporary folder per test and every database opened in it, removed by `cleanUp`. */
export function scratchFolder() {
  const folders: string[] = [];
  const databases: Database[] = [];
  return {
    folder(): string {
      const folder = mkdtempSync(join(tmpdir(), 'switchboard-store-'));
      folders.push(folder);
      return folder;
    },
    track<T extends Database>(db: T): T {
      databases.push(db);
      return db;
    },
    cleanUp(): void {
      for (const db of databases.splice(0)) if (db.open) db.close();
      for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
    },
  };
}
