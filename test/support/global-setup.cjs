// Creates empty databases and a RabbitMQ vhost per jest worker, so suites running in parallel
// never share state. Each test app migrates its database when it boots, as production does.
// global-teardown.cjs drops them again.
const { freshDatabase, freshVhostSync } = require('./local-services.cjs');

const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/payments_test';

module.exports = async function globalSetup(globalConfig) {
  const name = new URL(base).pathname.slice(1);
  const workers = Math.max(1, globalConfig.maxWorkers ?? 1);
  for (let worker = 1; worker <= workers; worker++) {
    // This worker's database, and the e2e-split project's own (see test-env.ts) with the vhost
    // of the same name that its apps talk through.
    for (const database of [`${name}_${worker}`, `${name}_split_${worker}`]) await freshDatabase(base, database);
    freshVhostSync(`${name}_split_${worker}`);
  }
};
