/** The admin API, with the key the operator gave (kept for this tab only). */
const KEY = 'console.apiKey';

export const apiKey = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export async function call<T>(method: string, path: string, body?: unknown, key = apiKey.get()): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${key ?? ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method === 'POST') headers['idempotency-key'] = crypto.randomUUID();
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (!response.ok)
    throw new ApiError(
      response.status,
      parsed.code as string | undefined,
      `${response.status} ${(parsed.code as string) ?? ''} ${(parsed.detail as string) ?? (parsed.title as string) ?? ''}`.trim(),
    );
  return parsed as T;
}

export const get = <T>(path: string) => call<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => call<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => call<T>('PUT', path, body);

export interface Page<T> {
  data: T[];
  hasMore: boolean;
  nextCursor: string | null;
}

/** Follows GET /v1/events/stream with fetch (EventSource cannot send the key), one callback per message. */
export interface StreamedEvent {
  id: string;
  type: string;
  subject: string;
  occurredAt: string;
  data: unknown;
}

export function followEvents(
  query: string,
  onEvent: (event: StreamedEvent) => void,
  onError: (error: Error) => void,
): () => void {
  const controller = new AbortController();
  void (async () => {
    try {
      const response = await fetch(`/v1/events/stream${query}`, {
        headers: { authorization: `Bearer ${apiKey.get() ?? ''}` },
        signal: controller.signal,
      });
      if (!response.ok || !response.body) throw new Error(`stream: ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let pending = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        pending += value;
        let end: number;
        while ((end = pending.indexOf('\n\n')) >= 0) {
          const block = pending.slice(0, end);
          pending = pending.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (data) onEvent(JSON.parse(data.slice(6)) as StreamedEvent);
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) onError(error as Error);
    }
  })();
  return () => controller.abort();
}
