// Creates one empty database per jest worker, so suites running in parallel never share state.
// Each test app migrates its database when it boots, as production does.
const { Client } = require('pg');

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
      const database = `${name}_${worker}`;
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${database}"`);
    }
  } finally {
    await admin.end();
  }
};
