// `npm run build` runs this after nest build: the embedded database's cluster as the built app
// would leave it on its first start (PGlite's initdb, then every migration), made once as a plain
// directory, so that `npm start` on a new data directory copies it instead of doing that work (and
// the memory initdb takes stays out of the app). A directory, not an archive PGlite unpacks: the
// unpacking's buffers were still held when the app was ready, about 150 MiB more than a copy.
// Made from the PGlite installed and the migrations just built, so it always matches them;
// without it the app runs initdb and the migrations as before.
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const require = createRequire(import.meta.url);
const { DataSource } = require('typeorm');
const { persistenceUnits } = require('../dist/persistence-units.js');
const { buildDataSourceOptions } = require('../dist/platform/database/data-source-options.js');
const { runMigrations } = require('../dist/platform/database/migrations-runner.js');

const output = 'dist/pglite-template';
await rm(output, { recursive: true, force: true });
const db = await PGlite.create(output);
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
await server.start();
const url = `postgres://postgres@${server.getServerConn()}/postgres`;
const dataSource = await new DataSource(buildDataSourceOptions({ url, poolSize: 1 }, persistenceUnits)).initialize();
await runMigrations(dataSource, { exclusive: false });
await dataSource.destroy();
await server.stop();
await db.close();
console.log(`Embedded database template: ${output}/ (migrations applied)`);
