import { Module } from '@nestjs/common';
import { OrdersModule } from '@ocop/orders';
import { LedgerService } from './ledger.service';
import { PaymentGateways } from './payment-gateways';
import { PaymentsService } from './payments.service';
import { RefundsService } from './refunds.service';

const SERVICES = [PaymentGateways, PaymentsService, RefundsService, LedgerService];

/** Payment providers behind one port, webhooks, refunds, the vendors' ledger and payouts. */
@Module({ imports: [OrdersModule], providers: SERVICES, exports: SERVICES })
export class PaymentsModule {}
