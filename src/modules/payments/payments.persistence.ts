import { PaymentEntity } from './infrastructure/payment.entity';
import { RefundEntity } from './infrastructure/refund.entity';
import { PaymentsSchema1763800003000 } from './infrastructure/migrations/1763800003000-payments-schema';
import { PaymentsDropListingIndex1763800005000 } from './infrastructure/migrations/1763800005000-payments-drop-listing-index';
import { PaymentsOwners1764500001000 } from './infrastructure/migrations/1764500001000-payments-owners';
import { PaymentsManualCapture1796116001000 } from './infrastructure/migrations/1796116001000-payments-manual-capture';

/** What the composition root registers for this module: its entities and its migrations, in order. */
export const paymentsPersistence = {
  entities: [PaymentEntity, RefundEntity],
  migrations: [
    PaymentsSchema1763800003000,
    PaymentsDropListingIndex1763800005000,
    PaymentsOwners1764500001000,
    PaymentsManualCapture1796116001000,
  ],
};
