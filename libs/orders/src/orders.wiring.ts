import { Events, runsJob, type CertificateRevokedEvent, type LibraryWiring, type OrderEvent, type SubOrderShippedEvent } from '@ocop/core';
import { OrderNotices } from './order-notices.service';
import { CERTIFICATE_REVOKED_JOB, EXPIRE_UNPAID_JOB, SEND_ORDER_CONFIRMATION_JOB, SEND_SHIPPED_NOTICE_JOB } from './orders.job-names';
import { OrdersService } from './orders.service';

/**
 * The orders library's events and jobs. A revoked certificate reaches orders after commit (unpaid
 * orders under it are cancelled, paid ones flagged); the shopper's e-mails follow payment and
 * shipping; unpaid orders expire on a schedule.
 */
export const ORDERS_WIRING: LibraryWiring = {
  lib: 'orders',
  emits: [{ event: Events.OrderPlaced }, { event: Events.OrderPaid }, { event: Events.OrderCancelled }, { event: Events.SubOrderShipped }],
  inTransaction: [],
  relays: [
    { event: Events.CertificateRevoked, job: CERTIFICATE_REVOKED_JOB },
    { event: Events.OrderPaid, job: SEND_ORDER_CONFIRMATION_JOB },
    { event: Events.SubOrderShipped, job: SEND_SHIPPED_NOTICE_JOB },
  ],
  jobs: [
    // Orders that fell due while no worker ran are cancelled at start, not a minute later.
    runsJob<OrdersService>(EXPIRE_UNPAID_JOB, OrdersService, (o) => o.expireUnpaid(), { everyMs: 60_000, atStart: true }),
    runsJob<OrdersService, CertificateRevokedEvent>(CERTIFICATE_REVOKED_JOB, OrdersService, (o, e) => o.handleCertificateRevoked(e.certificateId)),
    runsJob<OrderNotices, OrderEvent>(SEND_ORDER_CONFIRMATION_JOB, OrderNotices, (n, e) => n.sendConfirmation(e)),
    runsJob<OrderNotices, SubOrderShippedEvent>(SEND_SHIPPED_NOTICE_JOB, OrderNotices, (n, e) => n.sendShippedNotice(e)),
  ],
};
