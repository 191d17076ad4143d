import { createHmac, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';
import type { Payment } from './payment.entity';
import { PaymentGateway, type PaymentInstructions, type ProviderRefundResult } from './payment-gateway';
import { orderTransferPayload } from './vietqr';

export interface VietQrSettings {
  bankBin: string;
  accountNo: string;
  accountName: string;
  webhookSecret: string | null;
}

/**
 * Bank transfer by VietQR (NAPAS 247): the shopper scans a dynamic QR carrying the exact amount
 * and the order reference; a bank-notification provider tells us when money arrives. The bank
 * cannot refund by itself: refunds are `manual`.
 */
export class VietQrGateway extends PaymentGateway {
  readonly provider = 'vietqr' as const;

  constructor(private readonly settings: VietQrSettings) {
    super();
  }

  /** The marketplace's account that transfers must reach. */
  get accountNo(): string {
    return this.settings.accountNo;
  }

  async start(): Promise<{ providerRef: string | null }> {
    return { providerRef: null };
  }

  async instructions(payment: Payment): Promise<PaymentInstructions> {
    const { bankBin, accountNo, accountName } = this.settings;
    const payload = orderTransferPayload({ bankBin, accountNo }, payment.amountVnd, payment.reference);
    const qrImageUrl = await QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 2, width: 320 });
    return { vietqr: { payload, bankBin, accountNo, accountName, amountVnd: payment.amountVnd, reference: payment.reference, qrImageUrl } };
  }

  async cancel(): Promise<void> {}

  async refund(): Promise<ProviderRefundResult> {
    return { status: 'manual', providerRef: null };
  }

  /**
   * Whether `signature` (hex, header `X-Signature`) is HMAC-SHA256 of the raw body under the
   * configured secret; compared in constant time. False when no secret is configured.
   */
  verifyNotification(rawBody: Buffer, signature: string | undefined): boolean {
    if (!this.settings.webhookSecret || !signature) return false;
    const expected = createHmac('sha256', this.settings.webhookSecret).update(rawBody).digest();
    const given = Buffer.from(signature.trim().toLowerCase(), 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
