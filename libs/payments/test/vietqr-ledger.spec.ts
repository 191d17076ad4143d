import { createHmac } from 'node:crypto';
import { Order, SubOrder } from '@ocop/orders';
import { LedgerEntry } from '../src/ledger-entry.entity';
import { Payment } from '../src/payment.entity';
import { PaymentEvent } from '../src/payment-event.entity';
import { admin, BANK_SECRET, buyer, openPayments, seedOrder, type Payments } from './payments-fixtures';

describe('VietQR bank transfers and the ledger on SQLite', () => {
  let p: Payments;
  beforeEach(async () => {
    p = await openPayments();
  });
  afterEach(() => p.close());

  const notify = (body: object, secret = BANK_SECRET) => {
    const raw = Buffer.from(JSON.stringify(body));
    return p.payments.handleBankNotification(raw, createHmac('sha256', secret).update(raw).digest('hex'));
  };

  async function transferOrder(parts: Parameters<typeof seedOrder>[2] = [{ items: 300000, shipping: 30000, type: 'household' }]) {
    const { order, subs } = await seedOrder(p, 'vietqr', parts);
    const view = await p.payments.startForOrder(order.id);
    return { order, subs, view };
  }

  it('shows the transfer QR and marks the order paid when a signed notification carries the exact amount', async () => {
    const { order, view } = await transferOrder();
    expect(view.vietqr).toMatchObject({ bankBin: '970436', accountNo: '0011001234567', accountName: 'CONG TY OCOP', amountVnd: 330000, reference: order.reference });
    expect(view.vietqr!.payload).toContain(`08${String(order.reference.length).padStart(2, '0')}${order.reference}`);
    expect(view.vietqr!.qrImageUrl).toMatch(/^data:image\/png;base64,/);
    const r = await notify({ transactionId: 'FT001', amountVnd: 330000, description: `CK ${order.reference} thanh toan`, bankAccount: '0011001234567' });
    expect(r).toMatchObject({ outcome: 'applied', paymentId: view.id });
    expect(await p.ds.getRepository(Order).findOneByOrFail({ id: order.id })).toMatchObject({ status: 'paid' });
    // Household seller: VAT 1 % and PIT 0.5 % withheld on the goods.
    expect(await p.sum(order.id, ['sale'])).toBe(330000);
    expect(await p.sum(order.id, ['vat_withheld'])).toBe(-3000);
    expect(await p.sum(order.id, ['pit_withheld'])).toBe(-1500);
    expect(await notify({ transactionId: 'FT001', amountVnd: 330000, description: order.reference })).toMatchObject({ outcome: 'replay' });
  });

  it('flags a short amount and leaves the order unpaid', async () => {
    const { order } = await transferOrder();
    expect(await notify({ transactionId: 'FT002', amountVnd: 300000, reference: order.reference })).toMatchObject({ outcome: 'flagged', reason: 'amount_short' });
    expect(await p.ds.getRepository(Order).findOneByOrFail({ id: order.id })).toMatchObject({ status: 'awaiting_payment' });
    expect(await p.ds.getRepository(LedgerEntry).count()).toBe(0);
    expect((await p.payments.flaggedTransfers(admin)).map((e) => e.reason)).toEqual(['amount_short']);
  });

  it('flags a second transfer for a paid order and one naming no order', async () => {
    const { order } = await transferOrder();
    await notify({ transactionId: 'FT003', amountVnd: 330000, reference: order.reference });
    expect(await notify({ transactionId: 'FT004', amountVnd: 330000, reference: order.reference })).toMatchObject({ outcome: 'flagged', reason: 'duplicate_transfer' });
    expect(await notify({ transactionId: 'FT005', amountVnd: 10000, description: 'tien nha' })).toMatchObject({ outcome: 'flagged', reason: 'no_matching_order' });
    expect(await p.ds.getRepository(PaymentEvent).countBy({ outcome: 'flagged' })).toBe(2);
    expect(await p.sum(order.id, ['sale'])).toBe(330000);
  });

  it('refuses a notification whose signature does not verify and changes nothing', async () => {
    const { order } = await transferOrder();
    await expect(notify({ transactionId: 'FT006', amountVnd: 330000, reference: order.reference }, 'another-secret-0123456789')).rejects.toMatchObject({ status: 400, field: 'X-Signature' });
    expect(await p.ds.getRepository(PaymentEvent).count()).toBe(0);
  });

  it('lets an admin confirm a transfer by hand once; a refund of it is manual', async () => {
    const { order } = await transferOrder();
    expect(await p.payments.confirmTransferManually(admin, order.id)).toMatchObject({ status: 'succeeded' });
    await expect(p.payments.confirmTransferManually(admin, order.id)).rejects.toMatchObject({ status: 409 });
    await expect(p.payments.confirmTransferManually(buyer, order.id)).rejects.toMatchObject({ status: 403 });
    const refund = await p.refunds.refund(admin, order.id, null, 'Out of stock');
    expect(refund).toMatchObject({ status: 'manual', amountVnd: 330000 });
    expect(await p.sum(order.id, ['sale', 'refund'])).toBe(0);
    expect(await p.ds.getRepository(Order).findOneByOrFail({ id: order.id })).toMatchObject({ status: 'refunded' });
  });

  it('keeps the commission frozen at sale, balances vendors and pays each out once per period', async () => {
    const { order, subs } = await seedOrder(p, 'sandbox', [{ items: 250000, shipping: 25000, bps: 1000 }]);
    const pay = await p.payments.startForOrder(order.id);
    await p.payments.completeSandbox(buyer, pay.id, 'succeeded');
    const vendorId = subs[0].vendorId;
    // A later change of the vendor's rate changes no entry: the sub-order's rate was frozen.
    await p.ds.getRepository(SubOrder).update({ id: subs[0].id }, { commissionBps: 2000 });
    await p.ledger.recordSale(await p.ds.getRepository(SubOrder).findBy({ id: subs[0].id }));
    expect(await p.sum(order.id, ['commission'])).toBe(-25000);
    expect(await p.ledger.balance(vendorId)).toEqual({ vendorId, balanceVnd: 250000, payoutsDueVnd: 0 });
    p.clock.set(new Date('2026-07-01T03:00:00Z'));
    const report = await p.ledger.payoutReport(admin, '2026-06-01', '2026-06-30');
    expect(report.rows).toMatchObject([{ vendorId, salesVnd: 275000, commissionVnd: -25000, netVnd: 250000, payoutId: null }]);
    const [payout] = await p.ledger.createPayouts(admin, '2026-06-01', '2026-06-30');
    expect(payout).toMatchObject({ vendorId, amountVnd: 250000, status: 'due' });
    expect(await p.ledger.createPayouts(admin, '2026-06-01', '2026-06-30')).toHaveLength(1);
    expect(await p.ledger.balance(vendorId)).toEqual({ vendorId, balanceVnd: 0, payoutsDueVnd: 250000 });
    expect(await p.ds.getRepository(LedgerEntry).countBy({ payoutId: payout.id })).toBe(3);
    await p.ledger.markPayoutPaid(admin, payout.id, 'FT-PAYOUT-1');
    await expect(p.ledger.markPayoutPaid(admin, payout.id, 'FT-PAYOUT-1')).rejects.toMatchObject({ status: 409 });
    const csv = p.ledger.payoutCsv(await p.ledger.payoutReport(admin, '2026-06-01', '2026-06-30'));
    expect(csv.split('\r\n')[1]).toBe(`2026-06-01,2026-06-30,${vendorId},,,275000,-25000,0,0,0,250000,250000,paid,FT-PAYOUT-1`);
    expect(await p.ds.getRepository(Payment).countBy({ subjectId: order.id })).toBe(1);
  });
});
