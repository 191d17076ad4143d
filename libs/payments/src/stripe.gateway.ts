import Stripe from 'stripe';
import type { Payment } from './payment.entity';
import { PaymentGateway, type PaymentInstructions, type PaymentSubject, type ProviderRefund, type ProviderRefundResult } from './payment-gateway';

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** Another host for the API (an offline stand-in in tests), e.g. `http://127.0.0.1:12111`. */
  apiUrl: string | null;
  /** The storefront's base URL: Checkout returns the shopper to `/pay/<paymentId>` there. */
  storefrontUrl: string;
}

/** A verified Stripe event, reduced to what the payments service acts on. */
export type StripeNotice =
  | { kind: 'succeeded' | 'failed'; eventId: string; type: string; paymentId: string | null; paymentIntentId: string | null; amountVnd: number | null }
  | { kind: 'refunded'; eventId: string; type: string; paymentIntentId: string | null; amountVnd: number | null }
  | { kind: 'other'; eventId: string; type: string };

/**
 * Where Stripe's hosted Checkout pages live. A page that sends the shopper there straight from a
 * form POST must allow it in its Content-Security-Policy `form-action`.
 */
export const STRIPE_CHECKOUT_ORIGIN = 'https://checkout.stripe.com';

/** Thrown when a webhook's signature does not verify; nothing may change. */
export class BadSignature extends Error {}

const MIN_SESSION_MS = 30 * 60_000;
const MAX_SESSION_MS = 24 * 3600_000 - 60_000;

const idOf = (v: string | { id: string } | null | undefined): string | null => (typeof v === 'string' ? v : (v?.id ?? null));

/**
 * Cards through Stripe's hosted Checkout page (no JavaScript on our side). VND is zero-decimal:
 * `amount` is the VND total as it is. One Checkout Session per payment (idempotency key
 * `order:<orderId>`); the payment's `providerRef` is the session id while pending and the
 * PaymentIntent id once paid (refunds name it).
 */
export class StripeGateway extends PaymentGateway {
  readonly provider = 'stripe' as const;
  readonly stripe: Stripe;

  constructor(
    private readonly settings: StripeSettings,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
    const api = settings.apiUrl ? new URL(settings.apiUrl) : null;
    this.stripe = new Stripe(settings.secretKey, {
      maxNetworkRetries: 2,
      timeout: 20_000,
      telemetry: false,
      ...(api ? { host: api.hostname, port: api.port || (api.protocol === 'http:' ? 80 : 443), protocol: api.protocol === 'http:' ? 'http' : 'https' } : {}),
    });
  }

  async start(payment: Payment, subject: PaymentSubject): Promise<{ providerRef: string | null }> {
    const now = this.now().getTime();
    const expiresAt = Math.min(Math.max(subject.expiresAt.getTime(), now + MIN_SESSION_MS), now + MAX_SESSION_MS);
    const back = `${this.settings.storefrontUrl.replace(/\/$/, '')}/pay/${payment.id}`;
    const metadata = { paymentId: payment.id, orderId: subject.orderId };
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        client_reference_id: payment.id,
        line_items: [{ quantity: 1, price_data: { currency: 'vnd', unit_amount: subject.amountVnd, product_data: { name: `OCOP ${subject.reference}` } } }],
        metadata,
        payment_intent_data: { metadata, description: subject.reference },
        success_url: `${back}?done=1`,
        cancel_url: back,
        expires_at: Math.floor(expiresAt / 1000),
        locale: subject.locale === 'vi' || subject.locale === 'de' || subject.locale === 'id' ? subject.locale : 'en',
      },
      { idempotencyKey: `order:${subject.orderId}` },
    );
    return { providerRef: session.id };
  }

  async instructions(payment: Payment): Promise<PaymentInstructions> {
    if (!payment.providerRef?.startsWith('cs_')) return {};
    const session = await this.stripe.checkout.sessions.retrieve(payment.providerRef);
    return session.status === 'open' && session.url ? { payUrl: session.url } : {};
  }

  async cancel(payment: Payment): Promise<void> {
    const ref = payment.providerRef;
    if (!ref) return;
    try {
      if (ref.startsWith('cs_')) await this.stripe.checkout.sessions.expire(ref);
      else if (ref.startsWith('pi_')) await this.stripe.paymentIntents.cancel(ref);
    } catch (err) {
      // Already completed or expired: the webhook decides what happens to the money.
      if (!(err instanceof Stripe.errors.StripeInvalidRequestError)) throw err;
    }
  }

  async refund(payment: Payment, refund: ProviderRefund): Promise<ProviderRefundResult> {
    if (!payment.providerRef?.startsWith('pi_')) return { status: 'manual', providerRef: null };
    const r = await this.stripe.refunds.create({ payment_intent: payment.providerRef, amount: refund.amountVnd, metadata: { refundId: refund.id } }, { idempotencyKey: refund.id });
    const status = r.status === 'succeeded' ? 'succeeded' : r.status === 'failed' || r.status === 'canceled' ? 'failed' : 'pending';
    return { status, providerRef: r.id };
  }

  /**
   * Verifies the `Stripe-Signature` header over the exact raw body (default tolerance 300 s) and
   * reduces the event. Throws BadSignature when it does not verify.
   */
  readWebhook(rawBody: Buffer, signature: string | undefined): StripeNotice {
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature ?? '', this.settings.webhookSecret);
    } catch {
      throw new BadSignature('The Stripe signature does not verify');
    }
    const base = { eventId: event.id, type: event.type };
    switch (event.type) {
      case 'checkout.session.completed': {
        const s = event.data.object;
        if (s.payment_status !== 'paid') return { kind: 'other', ...base };
        return { kind: 'succeeded', ...base, paymentId: s.metadata?.paymentId ?? s.client_reference_id ?? null, paymentIntentId: idOf(s.payment_intent), amountVnd: s.amount_total };
      }
      case 'payment_intent.succeeded':
      case 'payment_intent.payment_failed': {
        const pi = event.data.object;
        return {
          kind: event.type === 'payment_intent.succeeded' ? 'succeeded' : 'failed',
          ...base,
          paymentId: pi.metadata?.paymentId ?? null,
          paymentIntentId: pi.id,
          amountVnd: event.type === 'payment_intent.succeeded' ? pi.amount_received : pi.amount,
        };
      }
      case 'charge.refunded': {
        const c = event.data.object;
        return { kind: 'refunded', ...base, paymentIntentId: idOf(c.payment_intent), amountVnd: c.amount_refunded };
      }
      default:
        return { kind: 'other', ...base };
    }
  }
}
