import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { sql } from '../database/sql';

/**
 * Settles a race between two modules that may each end the same thing (risk approves a payment
 * held for review while payments cancels it). Each claims the decision by key in the transaction
 * of its state change: the first commit wins; the other finds the key taken (after waiting, if
 * the first is still open) and refuses, so the loser is told at once instead of by a later event.
 * The platform knows only keys; the modules agree on them through a contract.
 */
@Injectable()
export class FirstDecision {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** True when this transaction takes the decision `key`; false when another one took it first. */
  async claim(key: string): Promise<boolean> {
    const { affected } = await sql(
      this.unitOfWork.manager,
      `INSERT INTO platform.decisions (key) VALUES ($1) ON CONFLICT (key) DO NOTHING`,
      [key],
    );
    return affected === 1;
  }
}
