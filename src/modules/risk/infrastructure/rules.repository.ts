import { Injectable } from '@nestjs/common';
import { sql } from '../../../platform/database/sql';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DEFAULT_RULES, type RiskRules } from '../domain/risk-rules';

// Every payment reads the rules, and they change rarely: another instance's change is seen within this.
const CACHE_MS = 1000;

@Injectable()
export class RulesRepository {
  private cached?: { value: { rules: RiskRules; updatedAt: Date | null }; at: number };

  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** The rules in force: the stored document, or the defaults until someone has changed them. */
  async current(): Promise<{ rules: RiskRules; updatedAt: Date | null }> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.value;
    const { rows } = await sql<{ rules: RiskRules; updated_at: Date }>(
      this.unitOfWork.manager,
      `SELECT rules, updated_at FROM risk.rules WHERE id = 1`,
    );
    const value = rows[0]
      ? { rules: rows[0].rules, updatedAt: rows[0].updated_at }
      : { rules: DEFAULT_RULES, updatedAt: null };
    this.cached = { value, at: Date.now() };
    return value;
  }

  async replace(rules: RiskRules): Promise<Date> {
    const { rows } = await sql<{ updated_at: Date }>(
      this.unitOfWork.manager,
      `INSERT INTO risk.rules (id, rules) VALUES (1, $1::jsonb)
       ON CONFLICT (id) DO UPDATE SET rules = EXCLUDED.rules, updated_at = now()
       RETURNING updated_at`,
      [JSON.stringify(rules)],
    );
    // Dropped once the change commits: a read racing the write must not keep the old rules.
    this.unitOfWork.afterCommit(() => (this.cached = undefined));
    return rows[0].updated_at;
  }
}
