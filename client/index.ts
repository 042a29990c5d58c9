import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, paths };
/** The API's request and response bodies by schema name: `Schemas['PaymentResponse']`. */
export type Schemas = components['schemas'];

/**
 * A typed client of the API (openapi-fetch over the generated `schema.d.ts`): paths, parameters,
 * bodies and responses are checked at compile time, so a change to the API that breaks a caller
 * fails its build.
 *
 *   const api = createPaymentsClient('http://localhost:3000', 'sk_…');
 *   const { data, error } = await api.GET('/v1/payments/{id}', { params: { path: { id } } });
 */
export function createPaymentsClient(baseUrl: string, apiKey: string): Client<paths> {
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${apiKey}` } });
}
