import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { WebhookEndpointNotFoundError } from '../../../domain/notifications.errors';
import type { WebhookEndpoint } from '../../../domain/webhook-endpoint';
import { AccountOwnersRepository } from '../../../infrastructure/account-owners.repository';
import { WebhookEndpointRepository } from '../../../infrastructure/webhook-endpoint.repository';
import { GetWebhookEndpointQuery } from './get-webhook-endpoint.query';

@QueryHandler(GetWebhookEndpointQuery)
export class GetWebhookEndpointHandler implements IQueryHandler<GetWebhookEndpointQuery> {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly owners: AccountOwnersRepository,
  ) {}

  async execute({ endpointId, ownerId }: GetWebhookEndpointQuery): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.find(endpointId);
    if (!endpoint || !(await this.owners.mayAccess(ownerId, endpoint.accountId))) {
      throw new WebhookEndpointNotFoundError(endpointId);
    }
    return endpoint;
  }
}
