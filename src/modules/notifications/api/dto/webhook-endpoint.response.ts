import { ApiProperty } from '@nestjs/swagger';
import type { WebhookEndpoint } from '../../domain/webhook-endpoint';

export class WebhookEndpointResponse {
  @ApiProperty({ example: '019a4c1e-7d0b-7a51-8f9e-2b3c4d5e6f70' })
  id: string;

  @ApiProperty({ example: 'https://example.com/webhooks/payments' })
  url: string;

  @ApiProperty({ type: String, nullable: true, example: 'Order service' })
  description: string | null;

  @ApiProperty({ type: [String], example: ['payment.succeeded', 'payment.failed'] })
  eventTypes: string[];

  @ApiProperty({ type: String, nullable: true, description: 'When set, only events about this account are sent' })
  accountId: string | null;

  @ApiProperty({ description: 'Disabled endpoints get nothing (a 410 Gone from the receiver disables it)' })
  enabled: boolean;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why it was disabled' })
  disabledReason: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'After a rotation: until then the previous secret signs too (null once it no longer does)',
  })
  previousSecretExpiresAt: string | null;

  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ example: '2026-11-22T10:00:00.000Z' })
  updatedAt: string;

  static from(endpoint: WebhookEndpoint): WebhookEndpointResponse {
    return {
      id: endpoint.id,
      url: endpoint.url,
      description: endpoint.description,
      eventTypes: endpoint.eventTypes,
      accountId: endpoint.accountId,
      enabled: endpoint.enabled,
      disabledReason: endpoint.disabledReason,
      previousSecretExpiresAt: overlapEnd(endpoint.previousSecretExpiresAt),
      createdAt: endpoint.createdAt.toISOString(),
      updatedAt: endpoint.updatedAt.toISOString(),
    };
  }
}

/** When the previous secret stops signing, while it still does. */
function overlapEnd(expiresAt: Date | null): string | null {
  return expiresAt && expiresAt > new Date() ? expiresAt.toISOString() : null;
}

/** Returned only on creation and on rotation: the one time the secret is shown. */
export class WebhookEndpointWithSecretResponse extends WebhookEndpointResponse {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'Signing secret (Standard Webhooks): shown only now. Verify `webhook-signature` with it.',
  })
  secret: string;

  static withSecret(endpoint: WebhookEndpoint): WebhookEndpointWithSecretResponse {
    return { ...WebhookEndpointResponse.from(endpoint), secret: endpoint.secret };
  }
}
