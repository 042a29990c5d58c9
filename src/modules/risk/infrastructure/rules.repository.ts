import { Injectable } from '@nestjs/common';
import { sql, UnitOfWork } from '../../../platform/database';
import { newId } from '../../../platform/ids';
import { DEFAULT_RULES, type RiskRules, type RuleChange, type RuleChanger } from '../domain/risk-rules';

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

  /** Replaces the rules and records the change in the history, in the caller's transaction. */
  async replace(rules: RiskRules, changedBy: RuleChanger): Promise<Date> {
    await sql(
      this.unitOfWork.manager,
      `INSERT INTO risk.rules_history (id, rules, changed_by_key, changed_by) VALUES ($1, $2::jsonb, $3, $4)`,
      [newId(), JSON.stringify(rules), changedBy.keyId, changedBy.keyName],
    );
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

  /** Changes of the rules, newest first, after the cursor; `limit + 1` rows. */
  async history(limit: number, startingAfter?: string): Promise<RuleChange[]> {
    const { rows } = await sql<{
      id: string;
      rules: RiskRules;
      changed_by_key: string;
      changed_by: string;
      changed_at: Date;
    }>(
      this.unitOfWork.manager,
      `SELECT id, rules, changed_by_key, changed_by, changed_at FROM risk.rules_history
       WHERE ($1::uuid IS NULL OR id < $1::uuid) ORDER BY id DESC LIMIT $2`,
      [startingAfter ?? null, limit + 1],
    );
    return rows.map((row) => ({
      id: row.id,
      rules: row.rules,
      changedBy: { keyId: row.changed_by_key, keyName: row.changed_by },
      changedAt: row.changed_at,
    }));
  }
}
