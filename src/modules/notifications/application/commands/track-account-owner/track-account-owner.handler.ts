import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountOwnersRepository } from '../../../infrastructure/account-owners.repository';
import { TrackAccountOwnerCommand } from './track-account-owner.command';

/** Keeps notifications' copy of account owners, so owner-bound keys see their accounts' feed and endpoints. */
@CommandHandler(TrackAccountOwnerCommand)
export class TrackAccountOwnerHandler implements ICommandHandler<TrackAccountOwnerCommand> {
  constructor(private readonly owners: AccountOwnersRepository) {}

  async execute({ event }: TrackAccountOwnerCommand): Promise<void> {
    if (event.data.ownerId !== null) await this.owners.record(event.data.accountId, event.data.ownerId);
  }
}
