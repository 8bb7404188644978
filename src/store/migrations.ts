import type { Database } from 'better-sqlite3';
import { approvalsAndAudit } from './migrations/001-approvals-audit.js';
import { alertsAndOutbox } from './migrations/002-alerts.js';

/** SQL to run as is, or a function for a step SQL alone cannot express (copying rows, say). */
export type Migration = string | ((db: Database) => void);

/**
 * The schema's history. Migration N (1-based) takes the database from `user_version` N-1 to N,
 * in one transaction. To change the schema, add a file under migrations/ and append it here;
 * never edit or reorder one that has shipped, since databases out there already ran it.
 */
export const MIGRATIONS: readonly Migration[] = [approvalsAndAudit, alertsAndOutbox];
