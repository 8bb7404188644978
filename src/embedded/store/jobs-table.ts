import type { Job, JobStatus, ServerStatus } from '../../domain/schemas.js';
import type { Db } from './database.js';
import { Statements } from './statements.js';

/** A job as stored: the API fields plus what the simulation needs to move and undo it. */
export interface JobRow extends Job {
  duration_s: number;
  /** The server's status before the job, where a failed job leaves it. */
  prior_status: ServerStatus;
}

export interface NewJob {
  server_id: number;
  action: string;
  created: string;
  duration_s: number;
  prior_status: ServerStatus;
}

export interface JobProgress {
  status: JobStatus;
  progress: number;
  finished: string | null;
  error: string | null;
}

const PUBLIC_COLUMNS = 'id, server_id, action, status, progress, created, finished, error';

export class JobsTable {
  private readonly sql: Statements;

  constructor(private readonly db: Db) {
    this.sql = new Statements(db);
  }

  create(job: NewJob): number {
    const sql = `INSERT INTO jobs (server_id, action, status, progress, created, finished, error, duration_s, prior_status)
      VALUES (@server_id, @action, 'queued', 0, @created, NULL, NULL, @duration_s, @prior_status)`;
    return Number(this.sql.get(sql).run(job).lastInsertRowid);
  }

  /** A job already over, for the seeded history. */
  insertFinished(job: NewJob & JobProgress): number {
    const id = this.create(job);
    this.save(id, job);
    return id;
  }

  get(id: number): Job | undefined {
    return this.sql.get(`SELECT ${PUBLIC_COLUMNS} FROM jobs WHERE id = ?`).get(id) as Job | undefined;
  }

  getRow(id: number): JobRow | undefined {
    return this.sql.get('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  }

  /** Newest first. */
  list(query: { server_id?: number | undefined; limit?: number | undefined }): Job[] {
    const sql = `SELECT ${PUBLIC_COLUMNS} FROM jobs WHERE (@server_id IS NULL OR server_id = @server_id)
      ORDER BY id DESC LIMIT @limit`;
    return this.sql.get(sql).all({ server_id: query.server_id ?? null, limit: query.limit ?? -1 }) as Job[];
  }

  open(): JobRow[] {
    return this.sql
      .get("SELECT * FROM jobs WHERE status IN ('queued', 'running') ORDER BY id")
      .all() as JobRow[];
  }

  save(id: number, progress: JobProgress): void {
    const sql =
      'UPDATE jobs SET status = @status, progress = @progress, finished = @finished, error = @error WHERE id = @id';
    this.sql.get(sql).run({ ...progress, id });
  }

  deleteAll(): void {
    this.db.exec('DELETE FROM jobs');
  }
}
