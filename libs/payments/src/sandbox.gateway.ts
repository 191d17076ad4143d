import type { Payment } from './payment.entity';
import { PaymentGateway, type PaymentInstructions, type ProviderRefundResult } from './payment-gateway';

/** The sandbox: the shopper pays or declines on our own page `/pay/<paymentId>`; refunds succeed at once. */
export class SandboxGateway extends PaymentGateway {
  readonly provider = 'sandbox' as const;

  async start(): Promise<{ providerRef: string | null }> {
    return { providerRef: null };
  }

  async instructions(payment: Payment): Promise<PaymentInstructions> {
    return { payUrl: `/pay/${payment.id}` };
  }

  async cancel(): Promise<void> {}

  async refund(): Promise<ProviderRefundResult> {
    return { status: 'succeeded', providerRef: null };
  }
}
