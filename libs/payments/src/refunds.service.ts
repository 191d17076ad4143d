import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Clock, ConflictError, Events, ForbiddenError, hasRole, NotFoundError, ValidationError, type Actor, type RefundIssuedEvent } from '@ocop/core';
import { DomainEvents, Transactions } from '@ocop/database';
import { OrdersService, type SubOrder } from '@ocop/orders';
import { LedgerService } from './ledger.service';
import { PaymentGateways } from './payment-gateways';
import { PaymentsRepository } from './payments.repository';
import { Refund } from './refund.entity';

/** The reason of the refund made when money arrives for an order cancelled meanwhile. */
export const CANCELLED_BEFORE_PAYMENT = 'order_cancelled_before_payment';

/** A refund whose row is written and waits for the provider. */
const RETRY_AFTER_MS = 2 * 60_000;

/**
 * Money returned to shoppers, for a whole order, one sub-order or one booking (paid on its own or
 * with an order's checkout): a refund row is written first
 * (its id is the provider's idempotency key), then the provider is asked, then, in one
 * transaction, the refund is settled, the payment's and the order's refunded amounts grow and the
 * ledger reversals are written. A refund interrupted between those steps is finished by
 * `retryPending` (a job every 5 minutes).
 */
@Injectable()
export class RefundsService {
  private readonly repo: PaymentsRepository;
  private readonly log = new Logger('RefundsService');

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
    private readonly gateways: PaymentGateways,
    private readonly orders: OrdersService,
    private readonly ledger: LedgerService,
  ) {
    this.repo = new PaymentsRepository(tx);
  }

  /**
   * Refunds what is left of a paid order's goods and shipping (`subOrderId` null: every
   * sub-order) or of one of its sub-orders (admin), through the order's provider (Stripe; the
   * sandbox at once; VietQR `manual`: the admin returns the money by bank). Places on experience
   * dates paid with the order are not part of it: they are refunded by cancelling the booking.
   * Returns the refund. A call while a refund of the same scope waits for the provider resumes
   * that one. ForbiddenError; NotFoundError for an unknown order or sub-order; ValidationError
   * naming `reason`; ConflictError with reason `not_paid`, `already_refunded`,
   * `bookings_only`, `refund_in_progress` or `provider_refused`.
   */
  async refund(actor: Actor, orderId: string, subOrderId: string | null, reason: unknown): Promise<Refund> {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError('This needs the admin role');
    const why = typeof reason === 'string' ? reason.trim() : '';
    if (!why || why.length > 48) throw new ValidationError('reason', 'must be 1 to 48 characters');
    const refund = await this.tx.run(async () => {
      const order = await this.repo.lockOrder(orderId);
      if (!order) throw new NotFoundError('No such order');
      const payment = await this.repo.paymentForOrder(orderId, true);
      if (payment?.status === 'refunded' && order.paidAt) throw new ConflictError('Nothing is left to refund', { reason: 'already_refunded' });
      if (!payment || !order.paidAt || !['succeeded', 'partially_refunded'].includes(payment.status)) throw new ConflictError('This order has not been paid', { reason: 'not_paid' });
      const all = await this.repo.refundsOfOrder(orderId);
      // A booking's refund returns that booking's part of the payment, not the goods'.
      const refunds = all.filter((r) => !r.bookingId);
      const pending = all.filter((r) => r.status === 'pending');
      const same = pending.find((r) => !r.bookingId && r.subOrderId === subOrderId);
      if (same) return same;
      if (pending.length) throw new ConflictError('Another refund of this order waits for the provider', { reason: 'refund_in_progress' });
      const subs = await this.repo.subOrders(orderId);
      if (subOrderId && !subs.some((s) => s.id === subOrderId)) throw new NotFoundError('No such sub-order in this order');
      if (subs.length === 0) throw new ConflictError('This order holds experience bookings only: cancel a booking to refund it', { reason: 'bookings_only' });
      const targets = subOrderId ? subs.filter((s) => s.id === subOrderId) : subs;
      const amountVnd = targets.reduce((a, s) => a + this.remaining(s, refunds), 0);
      if (amountVnd <= 0) throw new ConflictError('Nothing is left to refund', { reason: 'already_refunded' });
      const row = this.newRefund({ paymentId: payment.id, orderId, subOrderId, bookingId: null, amountVnd, reason: why, actorId: actor.id });
      await this.repo.insertRefund(row);
      return row;
    });
    return this.settle(refund.id, true);
  }

  /** A pending refund of a whole payment, written inside the caller's transaction (money arrived for a cancelled order). */
  async openAutomatic(paymentId: string, orderId: string, amountVnd: number): Promise<Refund> {
    const row = this.newRefund({ paymentId, orderId, subOrderId: null, bookingId: null, amountVnd, reason: CANCELLED_BEFORE_PAYMENT, actorId: null });
    await this.tx.run(() => this.repo.insertRefund(row));
    return row;
  }

  /**
   * Opens a pending refund of `amountVnd` of a payment of a non-order subject (a booking), in the
   * caller's transaction, so it exists exactly when the change that causes it (the booking
   * cancelled) does; settle it with `settle` after commit (the retry job finishes it otherwise).
   * The refund carries the booking's id in `bookingId`. NotFoundError for an unknown payment;
   * ConflictError with reason `not_paid` for a payment that took no money, `already_refunded`
   * when the amount exceeds what is left (counting refunds still pending); ValidationError naming
   * `amountVnd` or `reason`.
   */
  async openForPayment(paymentId: string, amountVnd: number, reason: string, actorId: string | null = null): Promise<Refund> {
    if (!Number.isSafeInteger(amountVnd) || amountVnd <= 0) throw new ValidationError('amountVnd', 'must be a positive whole number of VND');
    if (!reason || reason.length > 48) throw new ValidationError('reason', 'must be 1 to 48 characters');
    return this.tx.run(async () => {
      const payment = await this.repo.payment(paymentId, true);
      if (!payment) throw new NotFoundError('No such payment');
      if (!['succeeded', 'partially_refunded'].includes(payment.status)) throw new ConflictError('This payment took no money', { reason: 'not_paid' });
      const live = (await this.repo.refundsOfPayment(paymentId)).filter((r) => r.status !== 'failed').reduce((a, r) => a + r.amountVnd, 0);
      if (live + amountVnd > payment.amountVnd) throw new ConflictError('Nothing is left to refund', { reason: 'already_refunded' });
      const row = this.newRefund({ paymentId, orderId: null, subOrderId: null, bookingId: payment.purpose === 'booking' ? payment.subjectId : null, amountVnd, reason, actorId });
      await this.repo.insertRefund(row);
      return row;
    });
  }

  /**
   * Refunds `amountVnd` of a non-order subject's payment now: `openForPayment` then `settle`
   * (a provider still working leaves it `pending` for the retry job). Same errors as
   * `openForPayment`. Not idempotent by itself: call it once per decision (the subject's state
   * change guards that).
   */
  async refundPayment(input: { paymentId: string; amountVnd: number; reason: string; actorId?: string | null }): Promise<Refund> {
    const refund = await this.openForPayment(input.paymentId, input.amountVnd, input.reason, input.actorId ?? null);
    return this.settle(refund.id);
  }

  /**
   * Opens a pending refund of `amountVnd` for one booking paid with an order's checkout, from that
   * order's payment, in the caller's transaction (the booking's cancellation), so it exists
   * exactly when the cancellation does; settle it with `settle` after commit (the retry job
   * finishes it otherwise). The refund carries the order's id in `orderId` and the booking's in
   * `bookingId`, no sub-order; settling it returns the booking's part only. NotFoundError when the
   * order has no payment; ConflictError with reason `not_paid` or `already_refunded` (more than
   * is left of the payment, counting refunds still pending); ValidationError naming `amountVnd`
   * or `reason`.
   */
  async openForOrderBooking(input: { orderId: string; bookingId: string; amountVnd: number; reason: string; actorId?: string | null }): Promise<Refund> {
    const { orderId, bookingId, amountVnd, reason } = input;
    if (!Number.isSafeInteger(amountVnd) || amountVnd <= 0) throw new ValidationError('amountVnd', 'must be a positive whole number of VND');
    if (!reason || reason.length > 48) throw new ValidationError('reason', 'must be 1 to 48 characters');
    return this.tx.run(async () => {
      const payment = await this.repo.paymentForOrder(orderId, true);
      if (!payment) throw new NotFoundError('This order has no payment');
      if (!['succeeded', 'partially_refunded'].includes(payment.status)) throw new ConflictError('This payment took no money', { reason: 'not_paid' });
      const live = (await this.repo.refundsOfPayment(payment.id)).filter((r) => r.status !== 'failed').reduce((a, r) => a + r.amountVnd, 0);
      if (live + amountVnd > payment.amountVnd) throw new ConflictError('Nothing is left to refund', { reason: 'already_refunded' });
      const row = this.newRefund({ paymentId: payment.id, orderId, subOrderId: null, bookingId, amountVnd, reason, actorId: input.actorId ?? null });
      await this.repo.insertRefund(row);
      return row;
    });
  }

  private newRefund(r: Pick<Refund, 'paymentId' | 'orderId' | 'subOrderId' | 'bookingId' | 'amountVnd' | 'reason' | 'actorId'>): Refund {
    return Object.assign(new Refund(), { id: randomUUID(), ...r, status: 'pending' as const, providerRef: null, completedAt: null, createdAt: this.clock.now() });
  }

  /** What of a sub-order is not refunded (or being refunded) yet. */
  private remaining(sub: SubOrder, refunds: Refund[], except?: string): number {
    const live = refunds.filter((r) => r.status !== 'failed' && r.id !== except);
    if (live.some((r) => r.subOrderId === null)) return 0;
    return sub.totalVnd - live.filter((r) => r.subOrderId === sub.id).reduce((a, r) => a + r.amountVnd, 0);
  }

  /**
   * Asks the provider for a pending refund (idempotency key = refund id) and, when it is done,
   * settles it in one transaction: payment refunded amount, the order's `markRefunded` and the
   * ledger reversals (for an order that was paid; for a booking paid with an order, the booking's
   * ledger reversals and the order's `markBookingRefunded`), `RefundIssued`. Idempotent: a settled refund
   * is returned as it is. `strict` turns a provider's refusal into a ConflictError.
   */
  async settle(refundId: string, strict = false): Promise<Refund> {
    const refund = await this.repo.refund(refundId);
    if (!refund) throw new NotFoundError('No such refund');
    if (refund.status !== 'pending') return refund;
    const payment = (await this.repo.payment(refund.paymentId))!;
    const gateway = this.gateways.find(payment.provider);
    const result = gateway ? await gateway.refund(payment, { id: refund.id, amountVnd: refund.amountVnd }) : { status: 'manual' as const, providerRef: null };
    if (result.status === 'pending') return refund;
    if (result.status === 'failed') {
      await this.tx.run(() => this.repo.settleRefund(refund.id, 'failed', result.providerRef, this.clock.now()));
      if (strict) throw new ConflictError('The payment provider refused the refund', { reason: 'provider_refused' });
      return (await this.repo.refund(refundId))!;
    }
    await this.tx.run(async () => {
      const now = this.clock.now();
      if (!(await this.repo.settleRefund(refund.id, result.status, result.providerRef, now))) return;
      await this.repo.addRefunded(payment.id, refund.amountVnd);
      if (refund.bookingId) await this.ledger.recordBookingRefund(refund.bookingId, refund.amountVnd, refund.id);
      // A booking paid with an order: the order's refunded amount grows, its sub-orders stay as they are.
      const bookingOrder = payment.purpose === 'order' && refund.orderId && refund.bookingId ? await this.repo.order(refund.orderId) : null;
      if (bookingOrder?.paidAt) await this.orders.markBookingRefunded(bookingOrder.id, refund.amountVnd);
      const order = payment.purpose === 'order' && refund.orderId && !refund.bookingId ? await this.repo.order(refund.orderId) : null;
      if (order?.paidAt) {
        const subs = await this.repo.subOrders(order.id);
        const refunds = (await this.repo.refundsOfOrder(order.id)).filter((r) => !r.bookingId);
        const targets = refund.subOrderId ? subs.filter((s) => s.id === refund.subOrderId) : subs;
        for (const sub of targets) {
          const amount = refund.subOrderId ? refund.amountVnd : this.remaining(sub, refunds, refund.id);
          if (amount > 0) await this.ledger.recordRefund(sub, amount, refund.id);
        }
        await this.orders.markRefunded(order.id, refund.subOrderId, refund.amountVnd);
      }
      const event: RefundIssuedEvent = {
        refundId: refund.id,
        orderId: refund.orderId,
        bookingId: refund.bookingId,
        purpose: payment.purpose,
        subOrderId: refund.subOrderId,
        amountVnd: refund.amountVnd,
        at: now.toISOString(),
      };
      await this.events.emit(Events.RefundIssued, event, null);
    });
    return (await this.repo.refund(refundId))!;
  }

  /** Settles refunds left pending (provider slow or a process stopped midway). Returns how many it settled. */
  async retryPending(): Promise<number> {
    let settled = 0;
    for (const r of await this.repo.pendingRefunds(new Date(this.clock.now().getTime() - RETRY_AFTER_MS))) {
      try {
        if ((await this.settle(r.id)).status !== 'pending') settled++;
      } catch (err) {
        this.log.warn(`refund ${r.id} still pending: ${(err as Error).message}`);
      }
    }
    return settled;
  }

  /** The order's refunds, oldest first. */
  async refundsOfOrder(actor: Actor, orderId: string): Promise<Refund[]> {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError('This needs the admin role');
    return this.repo.refundsOfOrder(orderId);
  }
}
