import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database';
import { PermanentError } from '../../../../../platform/messaging';
import { decideCapture, isCapturable } from '../../../domain/hold';
import { HoldSettler } from '../../hold-settler';
import { CaptureHoldCommand } from './capture-hold.command';

@CommandHandler(CaptureHoldCommand)
export class CaptureHoldHandler implements ICommandHandler<CaptureHoldCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly settler: HoldSettler,
  ) {}

  /**
   * Captures an open hold. A capture that can no longer go through (the destination frozen or
   * closed meanwhile) releases the whole hold instead, with that reason: held money is never stuck.
   */
  execute({ subject, request }: CaptureHoldCommand): Promise<void> {
    return this.unitOfWork.run(async () => {
      const locked = await this.settler.lockOpen(subject, request.transferId);
      if (!locked) return;
      const { hold, source, destination } = locked;
      if (!isCapturable(hold.amount, request.amount)) {
        throw new PermanentError(`Capture of ${request.amount} from hold ${hold.transferId} of ${hold.amount}`);
      }
      const decision = decideCapture(hold.amount, request.amount, source, destination);
      if (decision.ok) await this.settler.settle(subject, locked, decision.captured);
      else await this.settler.settle(subject, locked, 0, decision);
    });
  }
}
