import { Module } from '@nestjs/common';

/** Payment providers behind one port, webhooks, refunds, the vendors' ledger and payouts. */
@Module({})
export class PaymentsModule {}
