import { Events, runsJob, type LibraryWiring, type OrderEvent } from '@ocop/core';
import { CANCEL_PENDING_PAYMENT_JOB, RETRY_PENDING_REFUNDS_JOB } from './payments.job-names';
import { PaymentsService } from './payments.service';
import { RefundsService } from './refunds.service';

/**
 * The payments library's events and jobs. A cancelled order's pending payment is cancelled at
 * the provider after commit; refunds the provider has not finished are asked about again.
 */
export const PAYMENTS_WIRING: LibraryWiring = {
  lib: 'payments',
  emits: [{ event: Events.RefundIssued }],
  inTransaction: [],
  relays: [{ event: Events.OrderCancelled, job: CANCEL_PENDING_PAYMENT_JOB }],
  jobs: [
    runsJob<PaymentsService, OrderEvent>(CANCEL_PENDING_PAYMENT_JOB, PaymentsService, (p, e) => p.cancelPendingForOrder(e.orderId)),
    runsJob<RefundsService>(RETRY_PENDING_REFUNDS_JOB, RefundsService, (r) => r.retryPending(), { everyMs: 5 * 60_000, atStart: true }),
  ],
};
