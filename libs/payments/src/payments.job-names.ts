/** Subscribed to `OrderCancelled`: cancels the order's pending payment at the provider and here. */
export const CANCEL_PENDING_PAYMENT_JOB = 'payments.cancel-pending-payment';
/** Repeatable (every 5 minutes and at start-up): asks the provider again about refunds still pending. */
export const RETRY_PENDING_REFUNDS_JOB = 'payments.retry-pending-refunds';
