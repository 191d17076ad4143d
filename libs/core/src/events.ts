/** Domain event names and payloads shared between the libraries that emit and those that react. */
export const Events = {
  CertificateRevoked: 'CertificateRevoked',
  CertificateExpired: 'CertificateExpired',
  CertificateRenewed: 'CertificateRenewed',
  VendorSuspended: 'VendorSuspended',
  VendorApproved: 'VendorApproved',
  ProductListingChanged: 'ProductListingChanged',
  ProductUpdated: 'ProductUpdated',
  VendorRenamed: 'VendorRenamed',
  VillageRenamed: 'VillageRenamed',
  OrderPlaced: 'OrderPlaced',
  OrderPaid: 'OrderPaid',
  OrderCancelled: 'OrderCancelled',
  SubOrderShipped: 'SubOrderShipped',
  RefundIssued: 'RefundIssued',
  PaymentSucceeded: 'PaymentSucceeded',
  BookingConfirmed: 'BookingConfirmed',
  BookingCancelled: 'BookingCancelled',
} as const;

/** An order was placed (stock reserved, payment started), paid or cancelled. */
export interface OrderEvent {
  orderId: string;
  userId: string;
  /** For `OrderCancelled`: `payment_expired`, `payment_failed`, `certificate_revoked`, `admin`, `shopper`. */
  reason?: string;
  at: string;
}

export interface SubOrderShippedEvent {
  orderId: string;
  subOrderId: string;
  vendorId: string;
  carrier: string;
  trackingNumber: string;
  at: string;
}

export interface RefundIssuedEvent {
  refundId: string;
  /** The order whose payment this returns; null for a booking paid on its own. */
  orderId: string | null;
  /** The booking it returns money for, if any. */
  bookingId?: string | null;
  purpose?: 'order' | 'booking';
  subOrderId: string | null;
  amountVnd: number;
  at: string;
}

export interface CertificateRevokedEvent {
  certificateId: string;
  vendorId: string;
  reason: string;
  at: string;
}

export interface CertificateExpiredEvent {
  certificateId: string;
  vendorId: string;
  at: string;
}

export interface CertificateRenewedEvent {
  oldCertificateId: string;
  newCertificateId: string;
  vendorId: string;
  stars: number;
  at: string;
}

export interface VendorStatusEvent {
  vendorId: string;
  reason?: string | null;
  at: string;
}

export type ListingState = 'draft' | 'listed' | 'delisted';
export type DelistReason = 'vendor' | 'admin' | 'certificate_revoked' | 'certificate_expired' | 'vendor_suspended';

export interface ProductListingChangedEvent {
  productId: string;
  vendorId: string;
  from: ListingState;
  to: ListingState;
  reason: DelistReason | 'published' | 'relisted' | 'certificate_renewed';
  at: string;
}

/** A product's details (title, price, stock, village, certificate…) changed; its listing state did not. */
export interface ProductUpdatedEvent {
  productId: string;
  vendorId: string;
  fields: string[];
  at: string;
}

/** A vendor's name changed: what shoppers search by, so its products are indexed again. */
export interface VendorRenamedEvent {
  vendorId: string;
  name: string;
  at: string;
}

/** A village's name or province changed: its products are indexed again. */
export interface VillageRenamedEvent {
  villageId: string;
  fields: string[];
  at: string;
}

/**
 * Money arrived for a payment whose subject is not an order (a booking), or for an order that
 * also pays for bookings (`purpose: 'order'`, `subjectId` the order's id, emitted once the order
 * is marked paid). Emitted inside the transaction that records the money; the subject's library
 * handles it in that transaction: it confirms the subject, or, when the subject can no longer be
 * had (cancelled meanwhile), opens a refund of the payment (or of that booking's part of the
 * order's payment) in the same transaction, so money is never kept for nothing.
 */
export interface PaymentSucceededEvent {
  paymentId: string;
  purpose: 'booking' | 'order';
  subjectId: string;
  amountVnd: number;
  at: string;
}

/** A booking was paid (`BookingConfirmed`) or cancelled (`BookingCancelled`, with its reason and any refund). */
export interface BookingEvent {
  bookingId: string;
  slotId: string;
  userId: string;
  /** For `BookingCancelled`: `payment_expired`, `shopper`, `slot_cancelled`, `admin`. */
  reason?: string;
  refundVnd?: number;
  at: string;
}
