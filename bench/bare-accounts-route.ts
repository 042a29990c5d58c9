// The read path's reference: GET /v1/accounts/:id as a bare Fastify route on a pg pool, running
// the same SELECT as the application and answering the same JSON, with nothing else around it
// (no Nest, no logging, no validation). `npm run bench` serves it on the benchmark's database.
//   DATABASE_URL=postgres://… PORT=3918 TS_NODE_TRANSPILE_ONLY=true node -r ts-node/register bench/bare-accounts-route.ts
import Fastify from 'fastify';
import { Pool } from 'pg';

interface AccountRow {
  id: string;
  name: string;
  currency: string;
  status: string;
  owner_id: string | null;
  metadata: Record<string, string>;
  allow_overdraft: boolean;
  balance: string;
  pending: string;
  created_at: Date;
  updated_at: Date;
}

async function main(): Promise<void> {
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
  });
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/v1/accounts/:id', async (request, reply) => {
    const { rows } = await pool.query<AccountRow>(
      `SELECT a.id, a.name, a.currency, a.status, a.owner_id, a.metadata, a.allow_overdraft, a.balance, a.created_at, a.updated_at,
              coalesce((SELECT h.balance FROM accounts.accounts h WHERE h.parent_id = a.id AND h.kind = 'hold'), 0) AS pending
       FROM accounts.accounts a WHERE a.id = $1 AND a.kind = 'customer' LIMIT 1`,
      [request.params.id],
    );
    const [account] = rows;
    if (!account) return reply.code(404).send({ code: 'ACCOUNTS.ACCOUNT_NOT_FOUND' });
    return {
      id: account.id,
      name: account.name,
      currency: account.currency,
      status: account.status,
      balance: { available: Number(account.balance), pending: Number(account.pending) },
      ownerId: account.owner_id,
      metadata: account.metadata,
      allowOverdraft: account.allow_overdraft,
      createdAt: account.created_at.toISOString(),
      updatedAt: account.updated_at.toISOString(),
    };
  });
  app.get('/health/live', () => ({ status: 'ok' }));
  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3918) });
  const stop = () =>
    void app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
