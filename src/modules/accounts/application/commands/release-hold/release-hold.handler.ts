import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database';
import { HoldSettler } from '../../hold-settler';
import { ReleaseHoldCommand } from './release-hold.command';

const MESSAGES = {
  CANCELED: 'The hold was voided: its payment was canceled',
  EXPIRED: 'The hold was voided: it was not captured in time',
} as const;

@CommandHandler(ReleaseHoldCommand)
export class ReleaseHoldHandler implements ICommandHandler<ReleaseHoldCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly settler: HoldSettler,
  ) {}

  execute({ subject, request }: ReleaseHoldCommand): Promise<void> {
    return this.unitOfWork.run(async () => {
      const locked = await this.settler.lockOpen(subject, request.transferId);
      if (!locked) return;
      await this.settler.settle(subject, locked, 0, { reason: request.reason, message: MESSAGES[request.reason] });
    });
  }
}
