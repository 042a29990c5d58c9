import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SchedulerRegistry } from '@nestjs/schedule';
import { RequestContext } from '../../../../platform/context';
import { newId } from '../../../../platform/ids';
import { paymentsConfig, type PaymentsConfig } from '../../payments.config';
import { ExpirePaymentsCommand } from '../commands/expire-payments/expire-payments.command';

/** Runs the expiry on a schedule. Several instances may run it at once: each takes different payments (SKIP LOCKED). */
@Injectable()
export class ExpirePaymentsJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(ExpirePaymentsJob.name);
  private running = false;

  constructor(
    @Inject(paymentsConfig.KEY) private readonly config: PaymentsConfig,
    private readonly commands: CommandBus,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.addInterval(
      'payments-expiry',
      setInterval(() => void this.run(), this.config.expiryIntervalMs),
    );
  }

  async run(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      // Each run is its own correlation, so the events it causes can be traced back to it.
      const runId = newId();
      const expired = await RequestContext.isolated({ correlationId: runId, causationId: runId }, () =>
        this.commands.execute(new ExpirePaymentsCommand()),
      );
      if (expired > 0) this.logger.log(`Expired ${expired} payments`);
      return expired;
    } catch (error) {
      this.logger.error(`Expiring payments failed: ${String(error)}`);
      return 0;
    } finally {
      this.running = false;
    }
  }
}
