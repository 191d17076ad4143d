import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import { translator, type Actor } from '@ocop/core';
import { VENDOR_STATUSES, VendorsService, type AdminVendor } from '@ocop/vendors';
import { CurrentUser, requestLocale, Roles } from '@ocop/web';
import { vendorIdParam } from './admin-vendors.controller';
import './vendors.i18n';

const BACK = /^\/vendors(\/[0-9a-f-]{36})?(\?status=(pending|approved|suspended))?$/;

/** Where a form returns to: the page it was posted from, when it is one of these pages. */
function backTo(form: Record<string, unknown>, id: string): string {
  const back = typeof form?.back === 'string' ? form.back : '';
  return BACK.test(back) ? back : `/vendors/${id}`;
}

function withLabels(v: AdminVendor, t: TFunction) {
  return { ...v, statusLabel: t(`adminVendors.is.${v.status}`), typeLabel: t(`adminVendors.kind.${v.type}`), suspended: v.status === 'suspended', approved: v.status === 'approved' };
}

/** The admin's vendor pages: `/vendors` (filter by status, approve and suspend) and `/vendors/:id`. */
@ApiExcludeController()
@Controller('vendors')
@Roles('admin')
export class AdminVendorsPages {
  constructor(private readonly vendors: VendorsService) {}

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
    const members = v.members.map((m) => ({ ...m, roleLabel: t(`adminVendors.member.${m.role}`) }));
    return req.server.ocopViews!.send(req, reply, 'vendors-detail', { title: v.name, vendor: withLabels(v, t), members, back: `/vendors/${v.id}`, notice: this.notice(t, done, name) });
  }

  @Post(':id/approve')
  async approve(@Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', vendorIdParam()) id: string, @Body() form: Record<string, unknown>) {
    const v = await this.vendors.approve(actor, id, typeof form?.reason === 'string' ? form.reason : undefined);
    return reply.redirect(this.after(backTo(form, id), 'approved', v.name), 303);
  }

  @Post(':id/suspend')
  async suspend(@Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', vendorIdParam()) id: string, @Body() form: Record<string, unknown>) {
    const v = await this.vendors.suspend(actor, id, typeof form?.reason === 'string' ? form.reason : undefined);
    return reply.redirect(this.after(backTo(form, id), 'suspended', v.name), 303);
  }

  private after(back: string, done: string, name: string): string {
    return `${back}${back.includes('?') ? '&' : '?'}done=${done}&name=${encodeURIComponent(name)}`;
  }

  private notice(t: TFunction, done?: string, name?: string): string | null {
    return done === 'approved' || done === 'suspended' ? t(`adminVendors.${done}`, { name: name ?? '' }) : null;
  }
}
