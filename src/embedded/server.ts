import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type SeedKind, seedPlane } from './fleet/seed.js';
import type { Credentials } from './http/auth.js';
import { Faults } from './http/faults.js';
import { BASE_PATH, createListener } from './http/listener.js';
import { Router } from './http/router.js';
import { TokenIssuer } from './http/tokens.js';
import { createPlane } from './plane.js';
import { authRoutes } from './routes/auth.js';
import { catalogRoutes } from './routes/catalog.js';
import { serverRoutes } from './routes/servers.js';
import { simRoutes } from './routes/sim.js';
import { type ClockState, SimClock } from './sim/clock.js';
import { Simulation } from './sim/simulation.js';
import { openDatabase } from './store/database.js';

export interface EmbeddedControlPlaneOptions {
  /** SQLite file of the fleet; default ':memory:'. */
  dbPath?: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default demo / demo. */
  username?: string;
  password?: string;
  /** Default running at speed 1 (real time). Stopped, only `_sim/tick` moves time. */
  clock?: { running: boolean; speed?: number };
  /** What a new database starts with (an existing one is never reseeded); default 'demo'. */
  seed?: SeedKind;
}

export interface EmbeddedControlPlane {
  /** Base URL with a trailing slash, e.g. http://127.0.0.1:41873/api/cp/ */
  url: string;
  username: string;
  password: string;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Starts the local, SQLite-backed ConnexCS stand-in that serves CONTROL-PLANE-API.md over HTTP. */
export async function startEmbeddedControlPlane(
  options: EmbeddedControlPlaneOptions = {},
): Promise<EmbeddedControlPlane> {
  const credentials: Credentials = {
    username: options.username ?? 'demo',
    password: options.password ?? 'demo',
  };
  const { db, isNew } = openDatabase(options.dbPath ?? ':memory:');
  const plane = createPlane(db);
  if (isNew) seedPlane(plane, options.seed ?? 'demo');

  const simulation = new Simulation(plane);
  const clockState: ClockState = {
    running: options.clock?.running ?? true,
    speed: options.clock?.speed ?? 1,
  };
  const clock = new SimClock((seconds) => simulation.advance(seconds, true), clockState);
  const faults = new Faults();
  const tokens = new TokenIssuer();
  const router = new Router([
    ...authRoutes(tokens, credentials.username),
    ...serverRoutes(plane),
    ...catalogRoutes(plane),
    ...simRoutes({ plane, simulation, clock, faults }),
  ]);
  const server = createServer(
    { keepAliveTimeout: 5_000 },
    createListener({ router, credentials, tokens, faults }),
  );

  const stopSimulation = () => {
    clock.close();
    faults.close();
  };
  try {
    await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  } catch (error) {
    stopSimulation();
    db.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}${BASE_PATH}`,
    username: credentials.username,
    password: credentials.password,
    close() {
      closing ??= new Promise<void>((resolve) => {
        stopSimulation();
        server.close(() => {
          db.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
