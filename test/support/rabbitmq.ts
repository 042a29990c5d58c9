import { rabbitmqctl } from './local-services.cjs';

const BROKER = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

export interface TestVhost {
  readonly name: string;
  /** RABBITMQ_URL for this vhost. */
  readonly url: string;
  /** Closes every client connection to this vhost, as an operator (or a broker restart) would. */
  closeConnections(): Promise<void>;
  /** Messages ready in each queue of this vhost. */
  queueDepths(): Promise<Record<string, number>>;
  delete(): Promise<void>;
}

/** A vhost of this test's own on the machine's RabbitMQ, so parallel runs never share queues. */
export async function createVhost(label: string): Promise<TestVhost> {
  const name = `test_${label}_${process.pid}_${process.env.JEST_WORKER_ID ?? '1'}`;
  await rabbitmqctl('delete_vhost', name).catch(() => undefined);
  await rabbitmqctl('add_vhost', name);
  await rabbitmqctl('set_permissions', '-p', name, 'guest', '.*', '.*', '.*');
  const url = new URL(BROKER);
  url.pathname = `/${encodeURIComponent(name)}`;
  return {
    name,
    url: url.toString(),
    closeConnections: async () => {
      await rabbitmqctl('close_all_connections', '-p', name, 'closed by a test');
    },
    queueDepths: async () => {
      const out = await rabbitmqctl('list_queues', '-p', name, '--no-table-headers', 'name', 'messages');
      return Object.fromEntries(
        out
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => line.trim().split(/\s+/))
          .map(([queue, messages]) => [queue, Number(messages)]),
      );
    },
    delete: async () => {
      await rabbitmqctl('delete_vhost', name).catch(() => undefined);
    },
  };
}
