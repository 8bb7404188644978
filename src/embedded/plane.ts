import type { Server } from '../domain/schemas.js';
import { notFound } from './api-error.js';
import { AccountTable } from './store/account-table.js';
import { CatalogTable } from './store/catalog-table.js';
import type { Db } from './store/database.js';
import { JobsTable } from './store/jobs-table.js';
import { ServersTable } from './store/servers-table.js';
import { SimTime } from './store/sim-time.js';

/** Everything the routes and the simulation work on: the tables and the simulated time. */
export interface Plane {
  db: Db;
  servers: ServersTable;
  jobs: JobsTable;
  account: AccountTable;
  catalog: CatalogTable;
  time: SimTime;
}

export function createPlane(db: Db): Plane {
  return {
    db,
    servers: new ServersTable(db),
    jobs: new JobsTable(db),
    account: new AccountTable(db),
    catalog: new CatalogTable(db),
    time: new SimTime(db),
  };
}

export function serverOr404(plane: Plane, id: number): Server {
  const server = plane.servers.get(id);
  if (!server) throw notFound(`No server with id ${id}.`);
  return server;
}
