import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { UnitOfWork } from '../../../../../platform/database';
import { TransferRepository } from '../../../infrastructure/transfer.repository';
import { TransferAnswers } from '../../transfer-answers';
import { CancelTransferCommand } from './cancel-transfer.command';

@CommandHandler(CancelTransferCommand)
export class CancelTransferHandler implements ICommandHandler<CancelTransferCommand> {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly transfers: TransferRepository,
    private readonly answers: TransferAnswers,
  ) {}

  /**
   * Records the transfer as failed unless it already has an outcome, and answers with the outcome
   * either way. A request executing at the same moment races on the transfer's primary key: one of
   * the two rolls back and, retried, answers with the other's outcome.
   */
  execute({ subject, request }: CancelTransferCommand): Promise<void> {
    return this.unitOfWork.run(async () => {
      const known = await this.transfers.find(request.transferId);
      if (known) return this.answers.answer(subject, request.transferId, known);
      const record = {
        kind: request.kind,
        outcome: {
          status: 'failed' as const,
          reason: request.reason,
          message: 'The transfer was canceled before it ran: its deadline passed',
        },
      };
      await this.transfers.record(request.transferId, record);
      await this.answers.answer(subject, request.transferId, record);
    });
  }
}
