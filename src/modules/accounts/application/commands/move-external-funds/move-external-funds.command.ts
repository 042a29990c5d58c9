import { Command } from '@nestjs/cqrs';

export type ExternalMovement = 'deposit' | 'withdrawal';

export interface ExternalMovementResult {
  readonly id: string;
  readonly accountId: string;
  readonly amount: number;
  readonly currency: string;
  readonly balanceAfter: number;
  readonly reference: string | null;
  readonly metadata: Record<string, string>;
  readonly createdAt: Date;
}

/** A deposit (money in from outside) or a withdrawal (money out), booked against the currency's system account. */
export class MoveExternalFundsCommand extends Command<ExternalMovementResult> {
  constructor(
    readonly type: ExternalMovement,
    readonly accountId: string,
    readonly amount: number,
    readonly reference: string | null,
    readonly metadata: Record<string, string>,
    /** The caller's owner (an owner-bound key): another owner's account is not found. */
    readonly ownerId: string | null,
  ) {
    super();
  }
}
