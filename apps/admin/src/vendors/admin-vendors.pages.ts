import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import { Rules, translator, ValidationError, type Actor } from '@ocop/core';
import { ListingService } from '@ocop/catalog';
import { OrdersService } from '@ocop/orders';
import { VENDOR_STATUSES, VendorsService, type AdminVendor } from '@ocop/vendors';
import { CurrentUser, domainFormError, formErrorsView, requestLocale, Roles, type FormErrorsView, type FormSpec } from '@ocop/web';
import { reasonFields, type ConfirmPage } from '../confirm';
import { vendorIdParam } from './admin-vendors.controller';
import './vendors.i18n';

const SUSPEND_FORM: FormSpec = { reason: { label: 'adminVendors.reason' } };
const text = (form: Record<string, unknown> | undefined, key: string): string => (typeof form?.[key] === 'string' ? (form[key] as string).trim() : '');

const BACK = /^\/vendors(\/[0-9a-f-]{36})?(\?status=(pending|approved|suspended))?$/;

/** Where a form returns to: the page it was posted from, when it is one of these pages. */
function backTo(form: Record<string, unknown>, id: string): string {
  const back = typeof form?.back === 'string' ? form.back : '';
  return BACK.test(back) ? back : `/vendors/${id}`;
}

function withLabels(v: AdminVendor, t: TFunction) {
  return { ...v, statusLabel: t(`adminVendors.is.${v.status}`), typeLabel: t(`adminVendors.kind.${v.type}`), suspended: v.status === 'suspended', approved: v.status === 'approved' };
}

/**
 * The admin's vendor pages: `/vendors` (filter by status, approve), `/vendors/:id` (details,
 * approve) and `/vendors/:id/suspend` (what a suspension would do, with the reason to give).
 */
@ApiExcludeController()
@Controller('vendors')
@Roles('admin')
export class AdminVendorsPages {
  constructor(
    private readonly vendors: VendorsService,
    private readonly listing: ListingService,
    private readonly orders: OrdersService,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Query('status') status?: string, @Query('done') done?: string, @Query('name') name?: string) {
    const t = translator(requestLocale(req));
    const items = (await this.vendors.list(actor, status || undefined)).map((v) => withLabels(v, t));
    const filters = [
      { href: '/vendors', label: t('adminVendors.all'), active: !status },
      ...VENDOR_STATUSES.map((s) => ({ href: `/vendors?status=${s}`, label: t(`adminVendors.is.${s}`), active: s === status })),
    ];
    const back = status ? `/vendors?status=${status}` : '/vendors';
    return req.server.ocopViews!.send(req, reply, 'vendors', { title: t('adminVendors.title'), items, filters, back, notice: this.notice(t, done, name) });
  }

  @Get(':id')
  async show(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() actor: Actor,
    @Param('id', vendorIdParam()) id: string,
    @Query('done') done?: string,
    @Query('name') name?: string,
  ) {
    const t = translator(requestLocale(req));
    const v = await this.vendors.getForAdmin(actor, id);
    const [listed, open] = await Promise.all([this.listing.listedCount({ vendorId: id }), this.orders.openOrdersOfVendor(actor, id)]);
    const members = v.members.map((m) => ({ ...m, roleLabel: t(`adminVendors.member.${m.role}`) }));
    return req.server.ocopViews!.send(req, reply, 'vendors-detail', {
      title: v.name,
      vendor: withLabels(v, t),
      members,
      listedText: t('adminVendors.listedCount', { count: listed }),
      openText: t('adminVendors.openCount', { count: open.toShip, unpaid: open.awaitingPayment }),
      back: `/vendors/${v.id}`,
      notice: this.notice(t, done, name),
    });
  }

  /** The suspension's confirmation page: what suspending would do, with the reason to give. */
  @Get(':id/suspend')
  suspendForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', vendorIdParam()) id: string) {
    return this.renderSuspendConfirm(req, reply, actor, id, '', null);
  }

  @Post(':id/approve')
  async approve(@Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', vendorIdParam()) id: string, @Body() form: Record<string, unknown>) {
    const v = await this.vendors.approve(actor, id, typeof form?.reason === 'string' ? form.reason : undefined);
    return reply.redirect(this.after(backTo(form, id), 'approved', v.name), 303);
  }

  /**
   * Without `confirm=1` answers the confirmation page (products taken off sale, open orders, the
   * reason to give); with it suspends. A confirmation without a reason is refused (400, the field
   * named) and nothing is written.
   */
  @Post(':id/suspend')
  async suspend(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', vendorIdParam()) id: string, @Body() form: Record<string, unknown>) {
    const locale = requestLocale(req);
    const reason = text(form, 'reason');
    if (text(form, 'confirm') !== '1') return this.renderSuspendConfirm(req, reply, actor, id, reason, null);
    if (!reason || reason.length > 500) {
      const err = new ValidationError('reason', reason ? Rules.maxLength(500) : Rules.required());
      return this.renderSuspendConfirm(req, reply, actor, id, reason, formErrorsView([domainFormError(err, SUSPEND_FORM, locale)]), 400);
    }
    const v = await this.vendors.suspend(actor, id, reason);
    return reply.redirect(this.after(`/vendors/${id}`, 'suspended', v.name), 303);
  }

  private async renderSuspendConfirm(req: FastifyRequest, reply: FastifyReply, actor: Actor, id: string, reason: string, errors: FormErrorsView | null, status = 200) {
    const t = translator(requestLocale(req));
    const v = await this.vendors.getForAdmin(actor, id);
    if (v.status === 'suspended') return reply.redirect(`/vendors/${id}`, 303);
    const [listed, open] = await Promise.all([this.listing.listedCount({ vendorId: id }), this.orders.openOrdersOfVendor(actor, id)]);
    const page: ConfirmPage = {
      title: t('adminVendors.suspendConfirm', { name: v.name }),
      consequences: [
        { key: 'delisted', count: listed, text: t('adminVendors.impact.delisted', { count: listed }) },
        { key: 'to-ship', count: open.toShip, text: t('adminVendors.impact.toShip', { count: open.toShip }) },
        { key: 'unpaid', count: open.awaitingPayment, text: t('adminVendors.impact.unpaid', { count: open.awaitingPayment }) },
      ],
      texts: [t('adminVendors.impact.notified')],
      facts: [
        { label: t('adminVendors.name'), value: v.name },
        { label: t('adminVendors.village'), value: v.village?.name ?? '' },
        { label: t('adminVendors.status'), value: t(`adminVendors.is.${v.status}`) },
      ],
      action: `/vendors/${id}/suspend`,
      hidden: [],
      fields: reasonFields(t, { reason }, errors, [{ name: 'reason', label: t('adminVendors.reasonSent'), required: true, multiline: true, maxlength: 500 }]),
      button: t('adminVendors.suspend'),
      back: `/vendors/${id}`,
      ...(errors ?? {}),
    };
    return req.server.ocopViews!.send(req, reply, 'confirm', page as unknown as Record<string, unknown>, status);
  }

  private after(back: string, done: string, name: string): string {
    return `${back}${back.includes('?') ? '&' : '?'}done=${done}&name=${encodeURIComponent(name)}`;
  }

  private notice(t: TFunction, done?: string, name?: string): string | null {
    return done === 'approved' || done === 'suspended' ? t(`adminVendors.${done}`, { name: name ?? '' }) : null;
  }
}
