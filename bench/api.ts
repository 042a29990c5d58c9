/** The app under test accepts this key as its admin key (ADMIN_API_KEY, set by startApp). */
export const BENCH_ADMIN_KEY = 'sk_bench_admin_key_of_the_benchmark';

/** Headers every benchmark request carries: JSON, and the admin key. */
export function apiHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ADMIN_KEY}`, ...extra };
}

/** One JSON request to the API; throws on a non-2xx answer with its body. */
export async function api<T = { id: string }>(
  base: string,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(base + path, {
    method,
    headers: apiHeaders(headers),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
