/** An account on the blocklist: payments from or to it are rejected. */
export interface BlocklistEntry {
  readonly id: string;
  readonly accountId: string;
  readonly reason: string | null;
  readonly createdAt: Date;
}
