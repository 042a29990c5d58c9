import { Injectable } from '@nestjs/common';
import { sql } from '../../../platform/database/sql';
import { UnitOfWork } from '../../../platform/database/unit-of-work';
import { DEFAULT_RULES, type RiskRules } from '../domain/risk-rules';

@Injectable()
export class RulesRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** The rules in force: the stored document, or the defaults until someone has changed them. */
  async current(): Promise<{ rules: RiskRules; updatedAt: Date | null }> {
    const { rows } = await sql<{ rules: RiskRules; updated_at: Date }>(
      this.unitOfWork.manager,
      `SELECT rules, updated_at FROM risk.rules WHERE id = 1`,
    );
    return rows[0]
      ? { rules: rows[0].rules, updatedAt: rows[0].updated_at }
      : { rules: DEFAULT_RULES, updatedAt: null };
  }

  async replace(rules: RiskRules): Promise<Date> {
    const { rows } = await sql<{ updated_at: Date }>(
      this.unitOfWork.manager,
      `INSERT INTO risk.rules (id, rules) VALUES (1, $1::jsonb)
       ON CONFLICT (id) DO UPDATE SET rules = EXCLUDED.rules, updated_at = now()
       RETURNING updated_at`,
      [JSON.stringify(rules)],
    );
    return rows[0].updated_at;
  }
}
