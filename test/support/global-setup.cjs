// Creates empty databases and a RabbitMQ vhost per jest worker, so suites running in parallel
// never share state. Each test app migrates its database when it boots, as production does.
const { execFileSync } = require('node:child_process');
const { Client } = require('pg');

/**
 * rabbitmqctl, tried again a few times: two CLIs started at the same moment on one machine can
 * collide on their Erlang node name and fail with "Distribution failed".
 */
function rabbitmqctl(args) {
  for (let attempt = 1; ; attempt++) {
    try {
      return execFileSync('rabbitmqctl', ['--quiet', ...args], { stdio: 'pipe', timeout: 120_000 });
    } catch (error) {
      if (attempt >= 4 || !String(error.stderr ?? '').includes('Distribution failed')) throw error;
      execFileSync('sleep', [String(attempt * 0.5)]);
    }
  }
}

/** A fresh vhost per worker, named as its database, for the tests that run over RabbitMQ. */
function freshVhost(name) {
  const ctl = (...args) => rabbitmqctl(args);
  try {
    ctl('delete_vhost', name);
  } catch {
    // It did not exist.
  }
  ctl('add_vhost', name);
  ctl('set_permissions', '-p', name, 'guest', '.*', '.*', '.*');
}

const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/payments_test';

module.exports = async function globalSetup(globalConfig) {
  const url = new URL(base);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const workers = Math.max(1, globalConfig.maxWorkers ?? 1);
    for (let worker = 1; worker <= workers; worker++) {
      // This worker's database, and the e2e-split project's own (see test-env.ts) with the vhost
      // of the same name that its apps talk through.
      for (const database of [`${name}_${worker}`, `${name}_split_${worker}`]) {
        await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        await admin.query(`CREATE DATABASE "${database}"`);
      }
      freshVhost(`${name}_split_${worker}`);
    }
  } finally {
    await admin.end();
  }
};
