import { AccountEntity } from './infrastructure/account.entity';
import { AccountsSchema1763800001000 } from './infrastructure/migrations/1763800001000-accounts-schema';
import { AccountsHolds1796116000000 } from './infrastructure/migrations/1796116000000-accounts-holds';

/** What the composition root registers for this module: its entities and its migrations, in order. */
export const accountsPersistence = {
  entities: [AccountEntity],
  migrations: [AccountsSchema1763800001000, AccountsHolds1796116000000],
};
