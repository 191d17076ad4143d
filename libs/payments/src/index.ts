import { LedgerEntry } from './ledger-entry.entity';
import { Payment } from './payment.entity';
import { PaymentEvent } from './payment-event.entity';
import { Payout } from './payout.entity';
import { Refund } from './refund.entity';

export * from './payment.entity';
export * from './payment-event.entity';
export * from './refund.entity';
export * from './ledger-entry.entity';
export * from './payout.entity';
export const PAYMENTS_ENTITIES = [Payment, PaymentEvent, Refund, LedgerEntry, Payout];
export * from './payments.module';
export * from './payments.wiring';
