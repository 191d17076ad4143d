import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, NotFoundError, ValidationError } from '@ocop/core';
import type { PaymentProvider } from './payment.entity';
import type { PaymentGateway } from './payment-gateway';
import { SandboxGateway } from './sandbox.gateway';
import { StripeGateway } from './stripe.gateway';
import { VietQrGateway } from './vietqr.gateway';

/** The gateways the configuration enables (AppConfig.payments), one per provider. */
@Injectable()
export class PaymentGateways {
  readonly sandbox: SandboxGateway | null;
  readonly stripe: StripeGateway | null;
  readonly vietqr: VietQrGateway | null;

  constructor(config: AppConfig, clock: Clock) {
    const p = config.payments;
    this.sandbox = p.sandbox ? new SandboxGateway() : null;
    this.stripe = p.stripe ? new StripeGateway({ ...p.stripe, storefrontUrl: config.urls.storefront }, () => clock.now()) : null;
    this.vietqr = p.vietqr ? new VietQrGateway(p.vietqr) : null;
  }

  /** The gateway of `provider`, or null when it is not enabled. */
  find(provider: PaymentProvider): PaymentGateway | null {
    return this[provider] ?? null;
  }

  /** The gateway of `provider`; ValidationError naming `paymentMethod` when it is not enabled. */
  get(provider: PaymentProvider): PaymentGateway {
    const g = this.find(provider);
    if (!g) throw new ValidationError('paymentMethod', `${provider} payments are not enabled`);
    return g;
  }

  /** The Stripe gateway; NotFoundError when Stripe is not configured. */
  requireStripe(): StripeGateway {
    if (!this.stripe) throw new NotFoundError('Card payments are not enabled');
    return this.stripe;
  }

  /** The VietQR gateway; NotFoundError when bank transfers are not configured. */
  requireVietQr(): VietQrGateway {
    if (!this.vietqr) throw new NotFoundError('Bank transfers are not enabled');
    return this.vietqr;
  }

  /** The sandbox; NotFoundError when it is off. */
  requireSandbox(): SandboxGateway {
    if (!this.sandbox) throw new NotFoundError('The payment sandbox is not enabled');
    return this.sandbox;
  }
}
