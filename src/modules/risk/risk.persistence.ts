import { RiskSchema1763800002000 } from './infrastructure/migrations/1763800002000-risk-schema';
import { RiskHistoryOrder1765000000000 } from './infrastructure/migrations/1765000000000-risk-history-order';
import { RiskRulesHistory1765100000000 } from './infrastructure/migrations/1765100000000-risk-rules-history';

/** What the composition root registers for this module: its entities and its migrations, in order. */
export const riskPersistence = {
  entities: [] as Array<new () => unknown>,
  migrations: [RiskSchema1763800002000, RiskHistoryOrder1765000000000, RiskRulesHistory1765100000000],
};
