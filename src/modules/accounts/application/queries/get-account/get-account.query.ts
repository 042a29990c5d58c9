import { Query } from '@nestjs/cqrs';
import type { AccountEntity } from '../../../infrastructure/account.entity';

export class GetAccountQuery extends Query<AccountEntity> {
  constructor(readonly accountId: string) {
    super();
  }
}
