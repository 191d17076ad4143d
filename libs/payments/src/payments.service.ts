import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Clock, ConflictError, Events, ForbiddenError, hasRole, NotFoundError, ValidationError, type Actor, type PaymentSucceededEvent } from '@ocop/core';
import { DomainEvents, Transactions } from '@ocop/database';
import { OrdersService, type Order } from '@ocop/orders';
import { LedgerService } from './ledger.service';
import { Payment, type PaymentProvider, type PaymentPurpose, type PaymentStatus } from './payment.entity';
import { PaymentEvent } from './payment-event.entity';
import type { PaymentInstructions, VietQrInstructions } from './payment-gateway';
import { PaymentGateways } from './payment-gateways';
import { DuplicateEvent, PaymentsRepository, type FlaggedEventRow } from './payments.repository';
import { RefundsService } from './refunds.service';
import { BadSignature } from './stripe.gateway';

/** A payment as the shopper (and the checkout answer) sees it, with how to pay it while pending. */
export interface PaymentView {
  id: string;
  provider: PaymentProvider;
  status: PaymentStatus;
  amountVnd: number;
  refundedVnd: number;
  reference: string;
  /** What it pays for: `order`, or `booking` (then `orderId` holds the booking's id, as `subjectId` does). */
  purpose: PaymentPurpose;
  subjectId: string;
  orderId: string;
  payUrl?: string;
  clientSecret?: string;
  vietqr?: VietQrInstructions;
  /** While the order waits for its money: the moment (ISO-8601 UTC) it is cancelled if still unpaid. */
  payBy?: string;
  /** Where the payment stands, in words (a declined attempt may be tried again until `payBy`). */
  message?: string;
}

/** A flagged provider event with the order it is about, when one is known. */
export type FlaggedTransfer = FlaggedEventRow;

/** What became of one provider notification. */
export interface NotificationResult {
  /** `applied`, `ignored` or `flagged`; `replay` when the same event was recorded before (nothing changed). */
  outcome: 'applied' | 'ignored' | 'flagged' | 'replay';
  reason: string | null;
  paymentId: string | null;
}

/** A bank's notice of money arriving on the marketplace's account. */
export interface BankNotification {
  transactionId: string;
  amountVnd: number;
  reference?: string;
  description?: string;
  bankAccount?: string;
  at?: string;
}

/** A payment for something other than an order (a booking), started by the library that owns it. */
export interface SubjectPaymentInput {
  purpose: 'booking';
  subjectId: string;
  amountVnd: number;
  /** ASCII, at most 25 characters; bank transfers are matched on it. */
  reference: string;
  method: PaymentProvider;
  /** Unpaid after this, the subject is given up (Stripe's page closes then at the latest). */
  expiresAt: Date;
  locale: string;
}

/** What payments needs to know of a non-order subject: who may pay it, and where it stands. */
export interface PaymentSubjectFacts {
  userId: string;
  reference: string;
  /** `awaiting_payment` while it may be paid. */
  status: string;
  expiresAt: Date;
}

/** Looks a subject up by id (the library that owns the purpose registers it); null when unknown. */
export type PaymentSubjectLookup = (subjectId: string) => Promise<PaymentSubjectFacts | null>;

interface Arrival {
  provider: PaymentProvider;
  eventId: string;
  type: string;
  amountVnd: number | null;
  reference: string | null;
  find: () => Promise<Payment | null>;
  /** A second arrival for a paid payment is flagged (money came twice) rather than ignored (a provider's repeat). */
  secondIsFlagged: boolean;
  providerRef?: string | null;
}

/**
 * Payments of orders through the enabled providers. Every path by which money arrives (sandbox,
 * Stripe webhook, bank notification, an admin's confirmation) runs one transaction: the provider
 * event is recorded under its unique id (a replay changes nothing), the payment moves to
 * `succeeded` with a conditional update, orders' `markPaid` runs and the ledger is written. Money
 * for an order cancelled meanwhile is refunded automatically.
 */
@Injectable()
export class PaymentsService {
  private readonly repo: PaymentsRepository;
  private readonly log = new Logger('PaymentsService');
  private readonly subjects = new Map<PaymentPurpose, PaymentSubjectLookup>();

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly gateways: PaymentGateways,
    private readonly orders: OrdersService,
    private readonly ledger: LedgerService,
    private readonly refunds: RefundsService,
    private readonly events: DomainEvents,
  ) {
    this.repo = new PaymentsRepository(tx);
  }

  /**
   * Lets the library that owns a non-order purpose (experiences: `booking`) tell who may pay a
   * subject and where it stands, without payments importing it. Registering again replaces.
   */
  registerSubject(purpose: Exclude<PaymentPurpose, 'order'>, lookup: PaymentSubjectLookup): void {
    this.subjects.set(purpose, lookup);
  }

  private async subjectFacts(p: Payment): Promise<PaymentSubjectFacts | null> {
    if (p.purpose === 'order') {
      const order = await this.repo.order(p.subjectId);
      return order ? { userId: order.userId, reference: order.reference, status: order.status, expiresAt: order.expiresAt } : null;
    }
    return (await this.subjects.get(p.purpose)?.(p.subjectId)) ?? null;
  }

  /**
   * The payment of a non-order subject (a booking), created on the first call (one per subject;
   * later calls return it). Call after the transaction that created the subject committed: for
   * Stripe the Checkout Session is created outside any transaction (idempotency key
   * `order:<subjectId>`). ValidationError naming `paymentMethod` when the method is not enabled.
   */
  async startForSubject(input: SubjectPaymentInput): Promise<PaymentView> {
    this.gateways.get(input.method);
    const payment = await this.tx.run(async () => {
      const existing = await this.repo.paymentForSubject(input.purpose, input.subjectId);
      if (existing) return existing;
      const row = Object.assign(new Payment(), {
        id: randomUUID(),
        purpose: input.purpose,
        subjectId: input.subjectId,
        provider: input.method,
        status: 'pending' as const,
        amountVnd: input.amountVnd,
        refundedVnd: 0,
        reference: input.reference,
        providerRef: null,
        succeededAt: null,
      });
      await this.repo.insertPayment(row);
      return row;
    });
    const gateway = this.gateways.find(payment.provider);
    if (gateway && payment.status === 'pending' && payment.providerRef === null) {
      const { providerRef } = await gateway.start(payment, { orderId: input.subjectId, reference: input.reference, amountVnd: payment.amountVnd, expiresAt: input.expiresAt, locale: input.locale });
      if (providerRef) {
        await this.tx.run(() => this.repo.setProviderRef(payment.id, providerRef));
        payment.providerRef = providerRef;
      }
    }
    return this.view(payment, { status: 'awaiting_payment', expiresAt: input.expiresAt });
  }

  /** The latest payment of a non-order subject as its shopper sees it, or null when it has none. */
  async paymentForSubject(purpose: Exclude<PaymentPurpose, 'order'>, subjectId: string): Promise<PaymentView | null> {
    const payment = await this.repo.paymentForSubject(purpose, subjectId);
    if (!payment) return null;
    const facts = await this.subjectFacts(payment);
    return this.view(payment, facts ?? undefined);
  }

  /**
   * After a non-order subject was given up unpaid: stops the provider from taking money for its
   * pending payment and marks it `cancelled`. Money that arrives anyway is refunded (the subject's
   * handler of `PaymentSucceeded` opens the refund). Idempotent.
   */
  async cancelPendingForSubject(purpose: Exclude<PaymentPurpose, 'order'>, subjectId: string): Promise<boolean> {
    const payment = await this.repo.paymentForSubject(purpose, subjectId);
    if (!payment || (payment.status !== 'pending' && payment.status !== 'failed')) return false;
    try {
      await this.gateways.find(payment.provider)?.cancel(payment);
    } catch (err) {
      this.log.warn(`payment ${payment.id}: the provider did not cancel it: ${(err as Error).message}`);
    }
    return this.tx.run(() => this.repo.moveStatus(payment.id, ['pending', 'failed'], 'cancelled'));
  }

  /**
   * The order's payment, created on the first call through the order's payment method (one per
   * order; later calls return it). Call after the checkout's transaction committed: for Stripe the
   * Checkout Session is created outside any transaction (idempotency key `order:<orderId>`).
   * NotFoundError; ConflictError (reason `not_awaiting_payment`) for an order without a payment
   * that is no longer awaiting one; ValidationError naming `paymentMethod` when it is not enabled.
   */
  async startForOrder(orderId: string): Promise<PaymentView> {
    const { payment, order } = await this.tx.run(async () => {
      const order = await this.repo.lockOrder(orderId);
      if (!order) throw new NotFoundError('No such order');
      const existing = await this.repo.paymentForOrder(orderId);
      if (existing) return { payment: existing, order };
      if (order.status !== 'awaiting_payment') throw new ConflictError('This order is not awaiting payment', { reason: 'not_awaiting_payment' });
      this.gateways.get(order.paymentMethod);
      const row = Object.assign(new Payment(), {
        id: randomUUID(),
        purpose: 'order' as const,
        subjectId: order.id,
        provider: order.paymentMethod,
        status: 'pending' as const,
        amountVnd: order.totalVnd,
        refundedVnd: 0,
        reference: order.reference,
        providerRef: null,
        succeededAt: null,
      });
      await this.repo.insertPayment(row);
      return { payment: row, order };
    });
    const gateway = this.gateways.find(payment.provider);
    if (gateway && payment.status === 'pending' && payment.providerRef === null) {
      const { providerRef } = await gateway.start(payment, { orderId: order.id, reference: order.reference, amountVnd: payment.amountVnd, expiresAt: order.expiresAt, locale: order.locale });
      if (providerRef) {
        await this.tx.run(() => this.repo.setProviderRef(payment.id, providerRef));
        payment.providerRef = providerRef;
      }
    }
    return this.view(payment, order);
  }

  /** The order's payment; NotFoundError when it has none. */
  async paymentForOrder(orderId: string): Promise<PaymentView> {
    const payment = await this.repo.paymentForOrder(orderId);
    if (!payment) throw new NotFoundError('This order has no payment');
    return this.view(payment);
  }

  /** The caller's order's payment; NotFoundError for another shopper's order or an order without one. */
  async shopperPayment(actor: Actor, orderId: string): Promise<PaymentView> {
    const order = await this.repo.order(orderId);
    if (!order || order.userId !== actor.id) throw new NotFoundError('No such order');
    const payment = await this.repo.paymentForOrder(orderId);
    if (!payment) throw new NotFoundError('This order has no payment');
    return this.view(payment, order);
  }

  /** A payment of the caller's order, with the order's reference and total; NotFoundError for anyone else's. */
  async shopperPaymentById(actor: Actor, paymentId: string): Promise<PaymentView & { orderReference: string; orderStatus: string }> {
    const payment = await this.repo.payment(paymentId);
    const subject = payment ? await this.subjectFacts(payment) : null;
    if (!payment || !subject || subject.userId !== actor.id) throw new NotFoundError('No such payment');
    return { ...(await this.view(payment, subject)), orderReference: subject.reference, orderStatus: subject.status };
  }

  /** The payment as its shopper sees it; with the order, also until when it may be paid and where it stands in words. */
  private async view(p: Payment, order?: { status: string; expiresAt: Date }): Promise<PaymentView> {
    let how: PaymentInstructions = {};
    if (p.status === 'pending' || p.status === 'failed') {
      try {
        how = (await this.gateways.find(p.provider)?.instructions(p)) ?? {};
      } catch (err) {
        this.log.warn(`payment ${p.id}: no instructions from ${p.provider}: ${(err as Error).message}`);
      }
    }
    const view: PaymentView = {
      id: p.id,
      provider: p.provider,
      status: p.status,
      amountVnd: p.amountVnd,
      refundedVnd: p.refundedVnd,
      reference: p.reference,
      purpose: p.purpose,
      subjectId: p.subjectId,
      orderId: p.subjectId,
      ...how,
    };
    return order ? { ...view, ...paymentStanding(p, order) } : view;
  }

  /**
   * The sandbox's answer for one of the caller's payments: `succeeded` is money arriving (as any
   * provider's), `failed` a declined attempt (the shopper may still pay until the order expires).
   * NotFoundError when the sandbox is off or the payment is not the caller's sandbox payment;
   * ValidationError naming `outcome`. Repeating an outcome changes nothing.
   */
  async completeSandbox(actor: Actor, paymentId: string, outcome: unknown): Promise<PaymentView> {
    this.gateways.requireSandbox();
    if (outcome !== 'succeeded' && outcome !== 'failed') throw new ValidationError('outcome', 'must be succeeded or failed');
    const payment = await this.repo.payment(paymentId);
    const subject = payment ? await this.subjectFacts(payment) : null;
    if (!payment || payment.provider !== 'sandbox' || !subject || subject.userId !== actor.id) throw new NotFoundError('No such payment');
    const eventId = `${paymentId}:${outcome}`;
    if (outcome === 'succeeded') {
      await this.arrive({
        provider: 'sandbox',
        eventId,
        type: 'sandbox.succeeded',
        amountVnd: payment.amountVnd,
        reference: payment.reference,
        find: () => this.repo.payment(paymentId, true),
        secondIsFlagged: false,
      });
    } else {
      await this.fail('sandbox', eventId, 'sandbox.failed', () => this.repo.payment(paymentId, true));
    }
    return this.view((await this.repo.payment(paymentId))!, (await this.subjectFacts(payment)) ?? undefined);
  }

  /**
   * A Stripe webhook: verified over the exact raw body with the `Stripe-Signature` header
   * (ValidationError naming `Stripe-Signature` when it does not verify; nothing changes).
   * `checkout.session.completed` (paid) and `payment_intent.succeeded` are money arriving;
   * `payment_intent.payment_failed` marks a pending payment failed; `charge.refunded` is checked
   * against our refunds. Idempotent by event id; events out of order change nothing.
   */
  async handleStripeWebhook(rawBody: Buffer, signature: string | undefined): Promise<NotificationResult> {
    const stripe = this.gateways.requireStripe();
    let notice;
    try {
      notice = stripe.readWebhook(rawBody, signature);
    } catch (err) {
      if (err instanceof BadSignature) throw new ValidationError('Stripe-Signature', 'does not verify');
      throw err;
    }
    const find = async (paymentId: string | null, paymentIntentId: string | null) => {
      const p = paymentId ? await this.repo.payment(paymentId, true) : paymentIntentId ? await this.repo.paymentByProviderRef('stripe', paymentIntentId) : null;
      return p?.provider === 'stripe' ? p : null;
    };
    switch (notice.kind) {
      case 'succeeded':
        return this.arrive({
          provider: 'stripe',
          eventId: notice.eventId,
          type: notice.type,
          amountVnd: notice.amountVnd,
          reference: null,
          find: () => find(notice.paymentId, notice.paymentIntentId),
          secondIsFlagged: false,
          providerRef: notice.paymentIntentId,
        });
      case 'failed':
        return this.fail('stripe', notice.eventId, notice.type, () => find(notice.paymentId, notice.paymentIntentId));
      case 'refunded':
        return this.record('stripe', notice.eventId, notice.type, notice.amountVnd, async (event) => {
          const payment = await find(null, notice.paymentIntentId);
          if (!payment) return { outcome: 'ignored', reason: 'unknown_payment', paymentId: null };
          const ours = (await this.repo.refundsOfOrder(payment.subjectId)).filter((r) => r.paymentId === payment.id && r.status !== 'failed').reduce((a, r) => a + r.amountVnd, 0);
          event.paymentId = payment.id;
          return (notice.amountVnd ?? 0) <= ours
            ? { outcome: 'ignored', reason: 'refund_known', paymentId: payment.id }
            : { outcome: 'flagged', reason: 'refund_outside_marketplace', paymentId: payment.id };
        });
      default:
        return this.record('stripe', notice.eventId, notice.type, null, async () => ({ outcome: 'ignored', reason: 'not_handled', paymentId: null }));
    }
  }

  /**
   * A bank's notice of a transfer (VietQR): verified by HMAC-SHA256 of the raw body in
   * `X-Signature` (ValidationError naming `X-Signature` otherwise; nothing changes). Accepted only
   * when its reference names a bank-transfer payment and the amount is exactly the payment's; a
   * short or larger amount, an unknown reference, another account or a second transfer for a paid
   * order is recorded `flagged` for an admin. Idempotent by `transactionId`.
   */
  async handleBankNotification(rawBody: Buffer, signature: string | undefined): Promise<NotificationResult> {
    const vietqr = this.gateways.requireVietQr();
    if (!vietqr.verifyNotification(rawBody, signature)) throw new ValidationError('X-Signature', 'does not verify');
    const n = parseBankNotification(rawBody);
    const candidates = [n.reference, n.description]
      .filter((t): t is string => typeof t === 'string')
      .flatMap((t) => t.toUpperCase().split(/[^A-Z0-9]+/))
      .filter((t) => t.length >= 6 && t.length <= 25);
    if (n.bankAccount && n.bankAccount.replace(/\s/g, '') !== vietqr.accountNo)
      return this.record('vietqr', n.transactionId, 'bank.transfer', n.amountVnd, async () => ({ outcome: 'flagged', reason: 'other_account', paymentId: null }), candidates[0] ?? null);
    return this.arrive({
      provider: 'vietqr',
      eventId: n.transactionId,
      type: 'bank.transfer',
      amountVnd: n.amountVnd,
      reference: (n.reference ?? n.description ?? '').slice(0, 100) || null,
      find: async () => {
        const found = await this.repo.paymentsByReference('vietqr', [...new Set(candidates)]);
        return found[0] ? this.repo.payment(found[0].id, true) : null;
      },
      secondIsFlagged: true,
    });
  }

  /**
   * An admin confirms that the bank transfer of an order arrived (seen on the statement): money
   * arrives as from a notification, for exactly the payment's amount. NotFoundError; ConflictError
   * with reason `not_bank_transfer` or `already_paid`.
   */
  async confirmTransferManually(actor: Actor, orderId: string): Promise<PaymentView> {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError('This needs the admin role');
    const payment = await this.repo.paymentForOrder(orderId);
    if (!payment) throw new NotFoundError('This order has no payment');
    if (payment.provider !== 'vietqr') throw new ConflictError('Only bank transfers are confirmed by hand', { reason: 'not_bank_transfer' });
    const result = await this.arrive({
      provider: 'vietqr',
      eventId: `manual:${payment.id}`,
      type: 'admin.confirmed',
      amountVnd: payment.amountVnd,
      reference: payment.reference,
      find: () => this.repo.payment(payment.id, true),
      secondIsFlagged: false,
    });
    if (result.outcome !== 'applied') throw new ConflictError('This transfer was confirmed already', { reason: 'already_paid' });
    return this.view((await this.repo.payment(payment.id))!);
  }

  /**
   * Provider events kept for an admin (short, duplicate or unmatched transfers, unknown refunds),
   * newest first, each with the order it is about (`order: { id, reference }`): the order its
   * payment pays, or else the order whose reference the transfer's text names; null when none.
   * ForbiddenError for anyone but an admin.
   */
  async flaggedTransfers(actor: Actor): Promise<FlaggedTransfer[]> {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError('This needs the admin role');
    return this.repo.flaggedEvents();
  }

  /**
   * After an order was cancelled: stops the provider from taking money for its pending payment and
   * marks it `cancelled`. Money that arrives anyway is refunded automatically. Idempotent.
   */
  async cancelPendingForOrder(orderId: string): Promise<boolean> {
    const payment = await this.repo.paymentForOrder(orderId);
    if (!payment || (payment.status !== 'pending' && payment.status !== 'failed')) return false;
    await this.gateways.find(payment.provider)?.cancel(payment);
    return this.tx.run(() => this.repo.moveStatus(payment.id, ['pending', 'failed'], 'cancelled'));
  }

  /** Records a provider event and decides its outcome in one transaction; a replay answers `replay`. */
  private async record(
    provider: PaymentProvider,
    eventId: string,
    type: string,
    amountVnd: number | null,
    decide: (event: PaymentEvent) => Promise<Omit<NotificationResult, 'outcome'> & { outcome: 'applied' | 'ignored' | 'flagged' }>,
    reference: string | null = null,
  ): Promise<NotificationResult> {
    try {
      return await this.tx.run(async () => {
        const event = Object.assign(new PaymentEvent(), {
          id: randomUUID(),
          provider,
          eventId: eventId.slice(0, 255),
          type: type.slice(0, 64),
          paymentId: null,
          outcome: 'applied',
          reason: null,
          amountVnd,
          reference: reference?.slice(0, 100) ?? null,
          receivedAt: this.clock.now(),
        });
        await this.repo.insertEvent(event);
        const result = await decide(event);
        await this.repo.setEventOutcome(event.id, { outcome: result.outcome, reason: result.reason, paymentId: result.paymentId });
        return result;
      });
    } catch (err) {
      if (err instanceof DuplicateEvent) return { outcome: 'replay', reason: null, paymentId: null };
      throw err;
    }
  }

  /** Money arrived: see the class comment. Refunds money for an order cancelled meanwhile after commit. */
  private async arrive(a: Arrival): Promise<NotificationResult> {
    let refundIds: string[] = [];
    const result = await this.record(
      a.provider,
      a.eventId,
      a.type,
      a.amountVnd,
      async () => {
        const payment = await a.find();
        if (!payment) return { outcome: a.provider === 'vietqr' ? 'flagged' : 'ignored', reason: a.provider === 'vietqr' ? 'no_matching_order' : 'unknown_payment', paymentId: null };
        if (a.amountVnd !== null && a.amountVnd !== payment.amountVnd) return { outcome: 'flagged', reason: a.amountVnd < payment.amountVnd ? 'amount_short' : 'amount_over', paymentId: payment.id };
        const now = this.clock.now();
        const moved = await this.repo.moveStatus(payment.id, ['pending', 'failed', 'cancelled'], 'succeeded', { succeededAt: now, ...(a.providerRef ? { providerRef: a.providerRef } : {}) });
        if (!moved) return { outcome: a.secondIsFlagged ? 'flagged' : 'ignored', reason: a.secondIsFlagged ? 'duplicate_transfer' : 'already_succeeded', paymentId: payment.id };
        if (payment.purpose !== 'order') {
          // Without the subject's handler here the money would be recorded and nothing confirmed:
          // refuse, so the provider retries where the handler runs.
          if (!this.events.handles(Events.PaymentSucceeded)) throw new Error(`no handler of ${Events.PaymentSucceeded} in this process for a ${payment.purpose} payment`);
          const event: PaymentSucceededEvent = { paymentId: payment.id, purpose: payment.purpose, subjectId: payment.subjectId, amountVnd: payment.amountVnd, at: now.toISOString() };
          await this.events.emit(Events.PaymentSucceeded, event, null);
          refundIds = (await this.repo.refundsOfPayment(payment.id)).filter((r) => r.status === 'pending').map((r) => r.id);
          return { outcome: 'applied', reason: refundIds.length ? 'subject_cancelled' : null, paymentId: payment.id };
        }
        const paid = await this.orders.markPaid(payment.subjectId, now);
        if (paid === 'paid') {
          await this.ledger.recordSale(await this.repo.subOrders(payment.subjectId));
          if (((await this.repo.order(payment.subjectId))?.bookingsVnd ?? 0) > 0) {
            // The order pays for experience bookings too: their library confirms them in this
            // transaction (or opens the refund of one that can no longer be had).
            if (!this.events.handles(Events.PaymentSucceeded)) throw new Error(`no handler of ${Events.PaymentSucceeded} in this process for an order holding bookings`);
            const event: PaymentSucceededEvent = { paymentId: payment.id, purpose: 'order', subjectId: payment.subjectId, amountVnd: payment.amountVnd, at: now.toISOString() };
            await this.events.emit(Events.PaymentSucceeded, event, null);
            refundIds = (await this.repo.refundsOfPayment(payment.id)).filter((r) => r.status === 'pending').map((r) => r.id);
          }
          return { outcome: 'applied', reason: null, paymentId: payment.id };
        }
        if (paid === 'cancelled') {
          refundIds = [(await this.refunds.openAutomatic(payment.id, payment.subjectId, payment.amountVnd)).id];
          return { outcome: 'applied', reason: 'order_cancelled', paymentId: payment.id };
        }
        // Another payment paid the order: this money came twice.
        return { outcome: 'flagged', reason: 'order_already_paid', paymentId: payment.id };
      },
      a.reference,
    );
    for (const refundId of refundIds) {
      try {
        await this.refunds.settle(refundId);
      } catch (err) {
        this.log.warn(`automatic refund ${refundId} left pending: ${(err as Error).message}`);
      }
    }
    return result;
  }

  /** A failed attempt: a pending payment becomes `failed`; any other state is left as it is. */
  private fail(provider: PaymentProvider, eventId: string, type: string, find: () => Promise<Payment | null>): Promise<NotificationResult> {
    return this.record(provider, eventId, type, null, async () => {
      const payment = await find();
      if (!payment) return { outcome: 'ignored', reason: 'unknown_payment', paymentId: null };
      const moved = await this.repo.moveStatus(payment.id, ['pending'], 'failed');
      return moved ? { outcome: 'applied', reason: null, paymentId: payment.id } : { outcome: 'ignored', reason: `payment_${payment.status}`, paymentId: payment.id };
    });
  }
}

/**
 * Where a payment stands for its shopper, in words. A declined attempt leaves the order open: it
 * may be paid until the order expires, and only then is it cancelled.
 */
export function paymentStanding(p: Pick<Payment, 'status' | 'refundedVnd'>, order: { status: Order['status'] | string; expiresAt: Date }): { payBy?: string; message: string } {
  const payBy = order.expiresAt.toISOString();
  if (order.status === 'awaiting_payment' && p.status === 'pending') return { payBy, message: `Waiting for the payment. Pay by ${payBy}; after that the order is cancelled.` };
  if (order.status === 'awaiting_payment' && p.status === 'failed')
    return { payBy, message: `The payment was declined and nothing was charged. The order stays open: try again by ${payBy}; after that the order is cancelled.` };
  switch (p.status) {
    case 'succeeded':
      return { message: 'Paid.' };
    case 'refunded':
      return { message: 'The payment was refunded in full.' };
    case 'partially_refunded':
      return { message: `${p.refundedVnd} VND of the payment was refunded.` };
    default:
      return { message: order.status === 'cancelled' ? 'The order was cancelled; it can no longer be paid.' : 'This payment can no longer be made.' };
  }
}

/** The JSON of a bank notification; ValidationError naming the field. */
export function parseBankNotification(rawBody: Buffer): BankNotification {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new ValidationError('body', 'must be JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ValidationError('body', 'must be a JSON object');
  const { transactionId, amountVnd, reference, description, bankAccount, at } = body;
  if (typeof transactionId !== 'string' || !transactionId.trim() || transactionId.length > 200) throw new ValidationError('transactionId', 'must be 1 to 200 characters');
  if (typeof amountVnd !== 'number' || !Number.isSafeInteger(amountVnd) || amountVnd <= 0) throw new ValidationError('amountVnd', 'must be a positive whole number of VND');
  const text = (v: unknown, field: string) => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || v.length > 500) throw new ValidationError(field, 'must be text of at most 500 characters');
    return v;
  };
  return {
    transactionId: transactionId.trim(),
    amountVnd,
    reference: text(reference, 'reference'),
    description: text(description, 'description'),
    bankAccount: text(bankAccount, 'bankAccount'),
    at: text(at, 'at'),
  };
}
