/** Repeatable (every minute and at start-up): cancels orders whose payment time ran out and releases their stock. */
export const EXPIRE_UNPAID_JOB = 'orders.expire-unpaid';
/** Subscribed to `CertificateRevoked`: cancels unpaid orders under the certificate and flags paid ones for review. */
export const CERTIFICATE_REVOKED_JOB = 'orders.certificate-revoked';
/** Subscribed to `OrderPaid`: the order confirmation e-mail, in the order's language. */
export const SEND_ORDER_CONFIRMATION_JOB = 'orders.send-order-confirmation';
/** Subscribed to `SubOrderShipped`: the shipped notice e-mail, in the order's language. */
export const SEND_SHIPPED_NOTICE_JOB = 'orders.send-shipped-notice';
