import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource, type EntityManager } from 'typeorm';
import { platformConfig, type PlatformConfig } from '../config/platform.config';
import { sql } from '../database/sql';
import { IdempotencyStore } from '../http/idempotency/idempotency-store';

const BATCH = 5000;
const RETENTION_LOCK = 7_204_118_002;

/**
 * Prunes what is finished and old: events every consumer has handled (no delivery row is left for
 * them) once past the events' retention, then the inbox rows of events so pruned, then expired idempotency keys. An event with a
 * pending, in-flight or dead delivery is never touched, nor are its inbox rows, so replaying it
 * can never run a consumer twice. Modules keep their own audit trails (for example a payment's
 * timeline), so nothing they show depends on these rows. Deletes go in small batches to keep locks short.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionService.name);
  private running = false;

  constructor(
    @Inject(platformConfig.KEY) private readonly config: PlatformConfig,
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyStore,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.messaging.relayEnabled) return;
    const timer = setInterval(() => void this.pruneOnce(), this.config.messaging.retentionIntervalMs);
    this.scheduler.addInterval('messaging-retention', timer);
  }

  /**
   * Returns how many rows of each kind were removed. One instance at a time prunes. Finished
   * events stay for `eventRetentionHours` (EVENTS_RETENTION_HOURS: the events API lists them), the
   * inbox for `retentionHours` and, whatever that is, as long as its event.
   */
  async pruneOnce(
    retentionHours = this.config.messaging.retentionHours,
    eventRetentionHours = this.config.messaging.eventRetentionHours,
  ): Promise<Record<string, number>> {
    if (this.running) return {};
    this.running = true;
    const runner = this.dataSource.createQueryRunner();
    try {
      const manager = runner.manager;
      const { rows } = await sql<{ locked: boolean }>(manager, `SELECT pg_try_advisory_lock($1) AS locked`, [
        RETENTION_LOCK,
      ]);
      if (!rows[0].locked) return {};
      try {
        const cutoff = `clock_timestamp() - $1 * interval '1 hour'`;
        const removed = {
          events: await this.drain(
            manager,
            `
            DELETE FROM platform.outbox_events WHERE seq IN (
              SELECT e.seq FROM platform.outbox_events e
              WHERE e.recorded_at < ${cutoff}
                AND NOT EXISTS (SELECT 1 FROM platform.event_deliveries d WHERE d.event_seq = e.seq)
              LIMIT ${BATCH})`,
            eventRetentionHours,
          ),
          inbox: await this.drain(
            manager,
            `
            DELETE FROM platform.inbox WHERE (consumer, event_id) IN (
              SELECT i.consumer, i.event_id FROM platform.inbox i
              WHERE i.handled_at < ${cutoff}
                -- Kept while its event is: a replay of the event must still find it, and skip it.
                AND NOT EXISTS (SELECT 1 FROM platform.outbox_events e WHERE e.id = i.event_id)
              LIMIT ${BATCH})`,
            retentionHours,
          ),
          idempotencyKeys: await this.idempotency.prune(manager),
        };
        if (Object.values(removed).some((n) => n > 0)) this.logger.log(`Pruned ${JSON.stringify(removed)}`);
        return removed;
      } finally {
        await sql(manager, `SELECT pg_advisory_unlock($1)`, [RETENTION_LOCK]);
      }
    } catch (error) {
      this.logger.error(`Pruning failed: ${String(error)}`);
      return {};
    } finally {
      await runner.release();
      this.running = false;
    }
  }

  private async drain(manager: EntityManager, statement: string, retentionHours: number): Promise<number> {
    let total = 0;
    for (;;) {
      const { affected } = await sql(manager, statement, [retentionHours]);
      total += affected;
      if (affected < BATCH) return total;
    }
  }
}
