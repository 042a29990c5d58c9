import autocannon from 'autocannon';
import { apiHeaders } from './api';

/** GET /v1/accounts/:id over random accounts for `seconds`: answers per second (only 200s count). */
export async function measureReadPath(base: string, accounts: readonly string[], seconds: number): Promise<number> {
  const result = await autocannon({
    url: base,
    connections: 32,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({
          ...request,
          path: `/v1/accounts/${accounts[Math.floor(Math.random() * accounts.length)]}`,
          headers: apiHeaders(),
        }),
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) {
    console.warn(`  ${base}: ${result.non2xx} non-2xx answers, ${result.errors} errors on the read path`);
  }
  return result['2xx'] / result.duration;
}
