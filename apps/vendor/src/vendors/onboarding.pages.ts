import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, DomainError, translator, ValidationError, type Actor } from '@ocop/core';
import { VENDOR_TYPES, VendorsService } from '@ocop/vendors';
import { VillagesService } from '@ocop/villages';
import { Authenticated, CurrentUser, requestLocale } from '@ocop/web';
import './onboarding.i18n';

type Form = Record<string, unknown>;
const field = (form: Form, key: string): string => (typeof form?.[key] === 'string' ? (form[key] as string).trim() : '');

/** `/onboarding`: a logged-in person signs an OCOP entity up; it waits for the admin's approval. */
@ApiExcludeController()
@Controller('onboarding')
@Authenticated()
export class OnboardingPages {
  constructor(
    private readonly vendors: VendorsService,
    private readonly villages: VillagesService,
  ) {}

  @Get()
  async form(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor) {
    if (actor.vendorId) return reply.redirect('/', 303);
    return this.render(req, reply, {});
  }

  @Post()
  async create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() form: Form) {
    try {
      await this.vendors.create(actor, {
        name: field(form, 'name'),
        type: field(form, 'type') as never,
        villageId: field(form, 'villageId'),
        taxCode: field(form, 'taxCode') || null,
        address: field(form, 'address') || null,
      });
      return reply.redirect('/', 303);
    } catch (err) {
      if (err instanceof ValidationError || err instanceof ConflictError) return this.render(req, reply, form, err.message, err.status);
      throw err;
    }
  }

  private async render(req: FastifyRequest, reply: FastifyReply, form: Form, error?: string, status = 200) {
    const t = translator(requestLocale(req));
    const chosen = field(form, 'villageId');
    const villages = (await this.villages.choices()).map((v) => ({ ...v, selected: v.id === chosen }));
    const types = VENDOR_TYPES.map((type) => ({ value: type, label: t(`onboarding.kind.${type}`), selected: type === (field(form, 'type') || 'cooperative') }));
    return req.server.ocopViews!.send(req, reply, 'onboarding', { title: t('onboarding.title'), villages, types, form, error }, status);
  }
}

/** `/staff`: everyone working for the vendor; the owner adds and removes staff. */
@ApiExcludeController()
@Controller('staff')
@Authenticated()
export class StaffPages {
  constructor(private readonly vendors: VendorsService) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Query('added') added?: string, @Query('removed') removed?: string) {
    const t = translator(requestLocale(req));
    const notice = added ? t('vendorStaff.added', { email: added }) : removed ? t('vendorStaff.removed') : null;
    return this.render(req, reply, actor, { notice });
  }

  @Post()
  async add(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() form: Form) {
    try {
      const m = await this.vendors.addStaff(actor, field(form, 'email'));
      return reply.redirect(`/staff?added=${encodeURIComponent(m.email)}`, 303);
    } catch (err) {
      if (err instanceof DomainError && err.status < 500) return this.render(req, reply, actor, { error: err.message, email: field(form, 'email') }, err.status);
      throw err;
    }
  }

  @Post(':userId/remove')
  async remove(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('userId') userId: string) {
    try {
      await this.vendors.removeStaff(actor, userId);
      return reply.redirect('/staff?removed=1', 303);
    } catch (err) {
      if (err instanceof DomainError && err.status < 500) return this.render(req, reply, actor, { error: err.message }, err.status);
      throw err;
    }
  }

  private async render(req: FastifyRequest, reply: FastifyReply, actor: Actor, data: Record<string, unknown>, status = 200) {
    const t = translator(requestLocale(req));
    const owner = actor.vendorRole === 'owner';
    const members = (await this.vendors.staff(actor)).map((m) => ({ ...m, roleLabel: t(`vendorStaff.member.${m.role}`), removable: owner && m.role !== 'owner' }));
    return req.server.ocopViews!.send(req, reply, 'staff', { title: t('vendorStaff.title'), members, owner, ...data }, status);
  }
}
