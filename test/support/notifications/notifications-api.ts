import { api } from '../api';
import { eventually } from '../eventually';
import { TEST_ADMIN_API_KEY } from '../test-env';

export interface NotificationBody {
  id: string;
  audience: 'account' | 'operators';
  accountId: string | null;
  type: string;
  title: string;
  message: string;
  data: Record<string, unknown>;
  eventId: string;
  createdAt: string;
  readAt: string | null;
}

export interface EndpointBody {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  accountId: string | null;
  enabled: boolean;
  disabledReason: string | null;
  previousSecretExpiresAt: string | null;
  secret?: string;
}

export interface AttemptBody {
  attempt: number;
  attemptedAt: string;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

export interface MessageBody {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  payload: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
  attempts: AttemptBody[];
}

export interface PageBody<T> {
  data: T[];
  hasMore: boolean;
  nextCursor: string | null;
}

/** Thin helpers over the notifications and webhooks API. */
export class NotificationsApi {
  private readonly created: string[] = [];

  /** `key`: the API key every request sends (the test admin key unless told otherwise). */
  constructor(
    readonly url: string,
    readonly key: string = TEST_ADMIN_API_KEY,
  ) {}

  http() {
    return api(this.url, this.key);
  }

  async feed(query: Record<string, string | number | boolean>): Promise<PageBody<NotificationBody>> {
    return (await api(this.url, this.key).get('/v1/notifications').query(query).expect(200)).body;
  }

  /** Waits until the feed filtered by `query` holds exactly `count` notifications. */
  async feedOf(query: Record<string, string | number | boolean>, count: number): Promise<NotificationBody[]> {
    return eventually(async () => {
      const page = await this.feed(query);
      if (page.data.length !== count) throw new Error(`expected ${count} notifications, found ${page.data.length}`);
      return page.data;
    });
  }

  async createEndpoint(body: Record<string, unknown>): Promise<EndpointBody & { secret: string }> {
    const response = await api(this.url, this.key).post('/v1/webhook-endpoints').send(body);
    if (response.status !== 201) {
      throw new Error(`create endpoint: ${response.status} ${JSON.stringify(response.body)}`);
    }
    this.created.push(response.body.id);
    return response.body;
  }

  /** An endpoint for every event about `accountId`, the usual subscription in these tests. */
  subscribe(url: string, accountId: string): Promise<EndpointBody & { secret: string }> {
    return this.createEndpoint({ url, eventTypes: ['*'], accountId });
  }

  /** Deletes the endpoints this client created, so that later suites on the same database send them nothing. */
  async deleteCreatedEndpoints(): Promise<void> {
    for (const id of this.created.splice(0)) await api(this.url, this.key).delete(`/v1/webhook-endpoints/${id}`);
  }

  async messages(endpointId: string, query: Record<string, string | number> = {}): Promise<PageBody<MessageBody>> {
    return (await api(this.url, this.key).get(`/v1/webhook-endpoints/${endpointId}/messages`).query(query).expect(200))
      .body;
  }

  /** Waits until the endpoint has exactly one message, in `status`, and returns it. */
  // 30 s: a delivery's retries, beside a full test suite on two cores, once took longer than 10.
  async onlyMessage(endpointId: string, status: MessageBody['status'], timeoutMs = 30_000): Promise<MessageBody> {
    return eventually(
      async () => {
        const { data } = await this.messages(endpointId);
        if (data.length !== 1) throw new Error(`expected 1 message, found ${data.length}`);
        if (data[0].status !== status) throw new Error(`message is ${data[0].status}, not ${status}`);
        return data[0];
      },
      { timeoutMs },
    );
  }
}
