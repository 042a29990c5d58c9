/** A webhook endpoint as this module's commands and queries return it (the table's entity implements it). */
export interface WebhookEndpoint {
  readonly id: string;
  readonly url: string;
  readonly description: string | null;
  /** Event types, or `['*']` for all of them. */
  readonly eventTypes: string[];
  /** When set, only events about this account are sent. */
  readonly accountId: string | null;
  readonly enabled: boolean;
  readonly disabledReason: string | null;
  /** Sealed at rest (AES-256-GCM, the platform's secrets key); plaintext here. */
  readonly secret: string;
  readonly previousSecret: string | null;
  readonly previousSecretExpiresAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface WebhookEndpointFilter {
  /** An owner-bound key's owner: only endpoints of its accounts (never those for all accounts). */
  ownerId?: string | null;
  accountId?: string;
}
