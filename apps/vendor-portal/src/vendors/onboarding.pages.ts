import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, translator, ValidationError, type Actor, dateTimeFormat } from '@ocop/core';
import { CreateVendorDto, VENDOR_TYPES, VendorInvitationsService, VendorsService, type InvitationPreview } from '@ocop/vendors';
import { VillagesService } from '@ocop/villages';
import { Authenticated, CurrentUser, domainFormError, formErrorsView, requestLocale, validateForm, type FormErrorsView, type FormSpec } from '@ocop/web';
import { sendConfirmation } from '../confirmation';
import './onboarding.i18n';

type Form = Record<string, unknown>;
const field = (form: Form, key: string): string => (typeof form?.[key] === 'string' ? (form[key] as string).trim() : '');

/** The onboarding form's fields, read into `CreateVendorDto`. */
const ONBOARDING_FORM: FormSpec = {
  name: { label: 'onboarding.name' },
  type: { label: 'onboarding.type' },
  villageId: { label: 'onboarding.village' },
  taxCode: { label: 'onboarding.taxCode' },
  address: { label: 'onboarding.address' },
};

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
    const locale = requestLocale(req);
    const checked = await validateForm(CreateVendorDto, form, ONBOARDING_FORM, locale);
    if (checked.errors) return this.render(req, reply, form, { ...formErrorsView(checked.errors) }, 400);
    try {
      await this.vendors.create(actor, checked.value as never);
      return reply.redirect('/', 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.render(req, reply, form, formErrorsView([domainFormError(err, ONBOARDING_FORM, locale)]), 400);
      if (err instanceof ConflictError) return this.render(req, reply, form, { error: translator(locale)('onboarding.alreadyMember') }, err.status);
      throw err;
    }
  }

  private async render(req: FastifyRequest, reply: FastifyReply, form: Form, problems: Partial<FormErrorsView> & { error?: string } = {}, status = 200) {
    const t = translator(requestLocale(req));
    const chosen = field(form, 'villageId');
    const villages = (await this.villages.choices()).map((v) => ({ ...v, selected: v.id === chosen }));
    const types = VENDOR_TYPES.map((type) => ({ value: type, label: t(`onboarding.kind.${type}`), selected: type === (field(form, 'type') || 'cooperative') }));
    return req.server.ocopViews!.send(req, reply, 'onboarding', { title: t('onboarding.title'), villages, types, form, fieldErrors: {}, ...problems }, status);
  }
}

/** The staff changes are the owner's: NotFoundError for someone who works for no vendor, ForbiddenError for staff (as the services answer). */
function ownerOnly(actor: Actor): void {
  if (!actor.vendorId) throw new NotFoundError('You do not work for a vendor');
  if (actor.vendorRole !== 'owner') throw new ForbiddenError("Only the vendor's owner may do this");
}

const dateFormat = (lang: string) => dateTimeFormat(lang, { dateStyle: 'long', timeZone: 'Asia/Ho_Chi_Minh' });

/** `/staff`: everyone working for the vendor; the owner invites people, withdraws invitations and removes staff. */
@ApiExcludeController()
@Controller('staff')
@Authenticated()
export class StaffPages {
  constructor(
    private readonly vendors: VendorsService,
    private readonly invitations: VendorInvitationsService,
  ) {}

  @Get()
  async list(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() actor: Actor,
    @Query('invited') invited?: string,
    @Query('removed') removed?: string,
    @Query('withdrawn') withdrawn?: string,
    @Query('joined') joined?: string,
  ) {
    const t = translator(requestLocale(req));
    const notice =
      typeof invited === 'string' && invited
        ? t('vendorStaff.invited', { email: invited })
        : removed
          ? t('vendorStaff.removed')
          : withdrawn
            ? t('vendorStaff.withdrawn')
            : joined
              ? t('vendorStaff.joined')
              : null;
    return this.render(req, reply, actor, { notice });
  }

  @Post()
  async invite(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() form: Form) {
    const email = field(form, 'email');
    try {
      await this.invitations.invite(actor, email);
      return reply.redirect(`/staff?invited=${encodeURIComponent(email.toLowerCase())}`, 303);
    } catch (err) {
      if (err instanceof DomainError && err.status < 500) return this.render(req, reply, actor, { error: this.problem(req, err), email }, err.status);
      throw err;
    }
  }

  /** Without `confirm=1` answers the confirmation page (the link stops working); with it withdraws the invitation. */
  @Post('invitations/:id/withdraw')
  async withdraw(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id') id: string, @Body() form: Form) {
    if (form?.confirm !== '1') {
      ownerOnly(actor);
      const invitation = (await this.invitations.pending(actor)).find((i) => i.id === id);
      if (!invitation) return this.render(req, reply, actor, { error: translator(requestLocale(req))('vendorStaff.gone') }, 404);
      const lang = requestLocale(req);
      const t = translator(lang);
      return sendConfirmation(req, reply, {
        title: t('vendorStaff.confirmWithdraw', { email: invitation.email }),
        subject: invitation.email,
        lines: [t('vendorStaff.withdrawLink'), t('vendorStaff.withdrawAgain')],
        action: `/staff/invitations/${id}/withdraw`,
        button: t('vendorStaff.withdraw'),
        back: '/staff',
      });
    }
    try {
      await this.invitations.withdraw(actor, id);
      return reply.redirect('/staff?withdrawn=1', 303);
    } catch (err) {
      if (err instanceof DomainError && err.status < 500) return this.render(req, reply, actor, { error: this.problem(req, err) }, err.status);
      throw err;
    }
  }

  /** Without `confirm=1` answers the confirmation page saying what the person loses; with it removes them. */
  @Post(':userId/remove')
  async remove(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('userId') userId: string, @Body() form: Form) {
    if (form?.confirm !== '1') {
      ownerOnly(actor);
      const lang = requestLocale(req);
      const t = translator(lang);
      const member = (await this.vendors.staff(actor)).find((m) => m.userId === userId);
      if (!member) return this.render(req, reply, actor, { error: t('vendorStaff.gone') }, 404);
      if (member.role === 'owner') return this.render(req, reply, actor, { error: t('vendorStaff.ownerStays') }, 409);
      const vendor = await this.vendors.profile(actor);
      return sendConfirmation(req, reply, {
        title: t('vendorStaff.confirmRemove', { name: member.name }),
        subject: `${member.name} · ${member.email}`,
        lines: [t('vendorStaff.removeLoses', { vendor: vendor.name }), t('vendorStaff.removeKeeps'), t('vendorStaff.removeAgain')],
        action: `/staff/${userId}/remove`,
        button: t('vendorStaff.remove'),
        back: '/staff',
      });
    }
    try {
      await this.vendors.removeStaff(actor, userId);
      return reply.redirect('/staff?removed=1', 303);
    } catch (err) {
      if (err instanceof DomainError && err.status < 500) return this.render(req, reply, actor, { error: this.problem(req, err) }, err.status);
      throw err;
    }
  }

  /** A refusal of the staff services in the page's words. */
  private problem(req: FastifyRequest, err: DomainError): string {
    const t = translator(requestLocale(req));
    if (err instanceof ValidationError) return t('vendorStaff.badEmail');
    if (err.status === 429) return t('vendorStaff.tooMany');
    if ((err.details as { reason?: string } | undefined)?.reason === 'owner') return t('vendorStaff.ownerStays');
    if (err.status === 404 || err.status === 410) return t('vendorStaff.gone');
    if (err.status === 403) return t('vendorStaff.ownerOnly');
    return t('vendorStaff.failed');
  }

  private async render(req: FastifyRequest, reply: FastifyReply, actor: Actor, data: Record<string, unknown>, status = 200) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const owner = actor.vendorRole === 'owner';
    const members = (await this.vendors.staff(actor)).map((m) => ({ ...m, roleLabel: t(`vendorStaff.member.${m.role}`), removable: owner && m.role !== 'owner' }));
    const pending = owner ? (await this.invitations.pending(actor)).map((i) => ({ id: i.id, email: i.email, until: dateFormat(lang).format(i.expiresAt) })) : [];
    return req.server.ocopViews!.send(req, reply, 'staff', { title: t('vendorStaff.title'), members, pending, owner, ...data }, status);
  }
}

const PREVIEW_STATUS: Record<InvitationPreview['state'], number> = { open: 200, already_member: 409, expired: 410, used: 404, other_account: 404, unknown: 404 };

/**
 * `/invitations/:token`: the page an invitation mail links to. The invitee, logged in with the
 * invited address, sees who invites them to which vendor and accepts; anyone else sees only why
 * the link does not work for them. Not logged in, the visitor is sent to the login page first.
 */
@ApiExcludeController()
@Controller('invitations')
@Authenticated()
export class InvitationPages {
  constructor(private readonly invitations: VendorInvitationsService) {}

  @Get(':token')
  async show(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('token') token: string) {
    return this.render(req, reply, token, await this.invitations.preview(actor, token));
  }

  @Post(':token/accept')
  async accept(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('token') token: string) {
    try {
      await this.invitations.accept(actor, token);
      return reply.redirect('/staff?joined=1', 303);
    } catch (err) {
      if (err instanceof DomainError && err.status < 500) return this.render(req, reply, token, await this.invitations.preview(actor, token));
      throw err;
    }
  }

  private render(req: FastifyRequest, reply: FastifyReply, token: string, preview: InvitationPreview) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const view =
      preview.state === 'open'
        ? {
            heading: t('invitation.title', { vendor: preview.vendorName }),
            text: preview.inviterName ? t('invitation.byPerson', { person: preview.inviterName, vendor: preview.vendorName }) : t('invitation.byVendor', { vendor: preview.vendorName }),
            until: t('invitation.until', { date: dateFormat(lang).format(preview.expiresAt) }),
            action: `/invitations/${encodeURIComponent(token)}/accept`,
          }
        : preview.state === 'already_member'
          ? { heading: t('invitation.title', { vendor: preview.vendorName }), text: t('invitation.alreadyMember') }
          : { heading: t('invitation.unavailable'), text: t(`invitation.${preview.state === 'other_account' ? 'otherAccount' : preview.state}`) };
    return req.server.ocopViews!.send(req, reply, 'invitation', { title: view.heading, ...view, state: preview.state }, PREVIEW_STATUS[preview.state]);
  }
}
