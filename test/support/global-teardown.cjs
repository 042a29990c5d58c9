// Drops what global-setup.cjs (and split-app.ts's freshDatabase) made for this run's prefix, so a
// run leaves nothing behind. TEST_KEEP_DATABASES=1 keeps them, to look at a failed run's data.
const { Client } = require('pg');
const { deleteVhostSync, rabbitmqctlSync } = require('./local-services.cjs');

const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/payments_test';

/** A run with prefix `name` makes `<name>_<n>`, `<name>_split_<n>` and theirs (`…_<suffix>`): only those. */
function madeBy(name) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${escaped}_(split_)?\\d+(_.+)?$`);
  return (candidate) => pattern.test(candidate);
}

module.exports = async function globalTeardown() {
  if (['1', 'true'].includes((process.env.TEST_KEEP_DATABASES ?? '').toLowerCase())) return;
  const url = new URL(base);
  const ours = madeBy(decodeURIComponent(url.pathname.slice(1)));
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const { rows } = await admin.query('SELECT datname FROM pg_database');
    for (const { datname } of rows.filter((row) => ours(row.datname))) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
  for (const vhost of rabbitmqctlSync('list_vhosts', 'name').split('\n')) {
    if (ours(vhost.trim())) deleteVhostSync(vhost.trim());
  }
};
