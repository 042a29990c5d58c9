// The machine's PostgreSQL and RabbitMQ as test setup and benchmarks use them: databases dropped and
// made again, vhosts of their own. Plain CommonJS, so jest's global setup can load it untransformed.
const { execFile, execFileSync } = require('node:child_process');
const { Client } = require('pg');

const ATTEMPTS = 4;
const TIMEOUT_MS = 120_000;

// Two CLIs started at the same moment on one machine can collide on their Erlang node name and fail
// with "Distribution failed"; that one error is worth another try, nothing else is.
const collided = (error) => String(error?.stderr ?? '').includes('Distribution failed');

/** rabbitmqctl, blocking: for setup code that has nothing else to do meanwhile. */
function rabbitmqctlSync(...args) {
  for (let attempt = 1; ; attempt++) {
    try {
      return execFileSync('rabbitmqctl', ['--quiet', ...args], { stdio: 'pipe', timeout: TIMEOUT_MS }).toString();
    } catch (error) {
      if (attempt >= ATTEMPTS || !collided(error)) throw error;
      execFileSync('sleep', [String(attempt * 0.5)]);
    }
  }
}

/** rabbitmqctl without blocking the event loop: for tests whose app runs in the same process. */
async function rabbitmqctl(...args) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await new Promise((resolve, reject) =>
        execFile('rabbitmqctl', ['--quiet', ...args], { timeout: TIMEOUT_MS }, (error, stdout, stderr) =>
          error ? reject(Object.assign(error, { stderr })) : resolve(stdout),
        ),
      );
    } catch (error) {
      if (attempt >= ATTEMPTS || !collided(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * 500));
    }
  }
}

/** Deletes the vhost `name` if there is one; blocking. */
function deleteVhostSync(name) {
  try {
    rabbitmqctlSync('delete_vhost', name);
  } catch {
    // There was none.
  }
}

/** An empty vhost `name` that guest may use fully; blocking. */
function freshVhostSync(name) {
  deleteVhostSync(name);
  rabbitmqctlSync('add_vhost', name);
  rabbitmqctlSync('set_permissions', '-p', name, 'guest', '.*', '.*', '.*');
}

/** Drops the database `name` (closing its connections) and creates it empty, on `serverUrl`'s server. */
async function freshDatabase(serverUrl, name) {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

module.exports = { rabbitmqctl, rabbitmqctlSync, freshVhostSync, deleteVhostSync, freshDatabase };
