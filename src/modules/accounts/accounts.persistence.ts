import { AccountEntity } from './infrastructure/account.entity';
import { AccountsSchema1763800001000 } from './infrastructure/migrations/1763800001000-accounts-schema';

/** What the composition root registers for this module: its entities and its migrations, in order. */
export const accountsPersistence = {
  entities: [AccountEntity],
  migrations: [AccountsSchema1763800001000],
};
