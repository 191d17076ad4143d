import type { Payment, PaymentProvider } from './payment.entity';

/** What the shopper needs to pay a pending payment. */
export interface PaymentInstructions {
  /** A page to send the shopper to (the sandbox page, Stripe's hosted Checkout page). */
  payUrl?: string;
  clientSecret?: string;
  vietqr?: VietQrInstructions;
}

export interface VietQrInstructions {
  payload: string;
  bankBin: string;
  accountNo: string;
  accountName: string;
  amountVnd: number;
  reference: string;
  /** The QR code as a PNG data URL. */
  qrImageUrl: string;
}

/** The order a payment is started for. */
export interface PaymentSubject {
  orderId: string;
  reference: string;
  amountVnd: number;
  expiresAt: Date;
  locale: string;
}

/** A refund as the provider is asked to make it; `id` is its idempotency key. */
export interface ProviderRefund {
  id: string;
  amountVnd: number;
}

export interface ProviderRefundResult {
  status: 'succeeded' | 'pending' | 'failed' | 'manual';
  providerRef: string | null;
}

/**
 * One way of collecting money (the port; adapters SandboxGateway, StripeGateway, VietQrGateway).
 * Every call is idempotent for the same payment or refund.
 */
export abstract class PaymentGateway {
  abstract readonly provider: PaymentProvider;

  /** Creates the provider's side of a new payment; returns the provider's id for it (null when it has none). */
  abstract start(payment: Payment, subject: PaymentSubject): Promise<{ providerRef: string | null }>;

  /** How the shopper pays this pending payment. */
  abstract instructions(payment: Payment): Promise<PaymentInstructions>;

  /** Stops the provider from taking money for a pending payment; a payment the provider already completed is left alone. */
  abstract cancel(payment: Payment): Promise<void>;

  /** Returns money to the shopper; `manual` when the provider cannot (an admin transfers it back). */
  abstract refund(payment: Payment, refund: ProviderRefund): Promise<ProviderRefundResult>;
}
