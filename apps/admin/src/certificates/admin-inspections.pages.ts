import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, Rules, translator, ValidationError, type Actor } from '@ocop/core';
import { IsUUID } from 'class-validator';
import { CertificationService, failedInspectionReason, INSPECTION_RESULTS, InspectionsService, RecordInspectionDto, type CertificateView } from '@ocop/certification';
import { CurrentUser, domainFormError, formErrorsView, requestLocale, Roles, textQueryParam, validateForm, type FormErrorsView, type FormSpec } from '@ocop/web';
import './certificates.i18n';

type Form = Record<string, unknown>;

const field = (form: Form | undefined, key: string): string => (typeof form?.[key] === 'string' ? (form[key] as string).trim() : '');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Certificates the picker offers at once; a search narrows them. */
const PICKER_SIZE = 200;

/** The API takes the certificate from the route; the page's form names it as a field. */
class InspectionFormDto extends RecordInspectionDto {
  @IsUUID('all', { message: 'must be the id of a certificate' }) certificateId: string;
}

/** The record form's fields, read into `InspectionFormDto`. */
const RECORD_FORM: FormSpec = {
  certificateId: { label: 'adminInsp.certificate' },
  inspectedOn: { label: 'adminInsp.inspectedOn' },
  body: { label: 'adminInsp.body' },
  result: { label: 'adminInsp.result' },
  notes: { label: 'adminInsp.notes', blank: 'null' },
};

/**
 * `/inspections`: every post-inspection, newest first, and the form to record one. After a
 * failed inspection of a certificate still in force, the page offers its revocation in one step
 * (a form to the certificate's revoke action with the reason filled in).
 */
@ApiExcludeController()
@Controller('inspections')
@Roles('admin')
export class AdminInspectionsPages {
  constructor(
    private readonly inspections: InspectionsService,
    private readonly certification: CertificationService,
  ) {}

  @Get()
  list(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentUser() actor: Actor,
    @Query('result') result?: string,
    @Query('recorded') recorded?: string,
    @Query('certificateId') certificateId?: string,
  ) {
    if (recorded !== undefined && !UUID.test(recorded)) throw new ValidationError('recorded', 'must be a UUID');
    return this.render(req, reply, actor, { result: result || undefined, recorded, form: { certificateId: certificateId ?? '' } });
  }

  @Post()
  async record(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() form: Form) {
    const locale = requestLocale(req);
    const checked = await validateForm(InspectionFormDto, form, RECORD_FORM, locale);
    if (checked.errors) return this.render(req, reply, actor, { form, ...formErrorsView(checked.errors) }, 400);
    const { certificateId, ...inspection } = checked.value;
    try {
      const i = await this.inspections.record(actor, certificateId, inspection);
      return reply.redirect(`/inspections?recorded=${i.id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.render(req, reply, actor, { form, ...formErrorsView([domainFormError(err, RECORD_FORM, locale)]) }, 400);
      if (err instanceof NotFoundError)
        return this.render(req, reply, actor, { form, ...formErrorsView([domainFormError(new ValidationError('certificateId', Rules.unknownChoice('certificate')), RECORD_FORM, locale)]) }, 404);
      throw err;
    }
  }

  private async render(req: FastifyRequest, reply: FastifyReply, actor: Actor, data: { result?: string; recorded?: string; form?: Form } & Partial<FormErrorsView>, status = 200) {
    const t = translator(requestLocale(req));
    const res = await this.inspections.list(actor, { result: data.result, limit: 200 });
    let offer: Record<string, unknown> | null = null;
    if (data.recorded) {
      const i = await this.inspections.get(actor, data.recorded);
      // Only a certificate still in force (possibly past its date but not processed) can be revoked.
      if (i.result === 'fail' && i.certificate && (i.certificate.status === 'active' || i.certificate.status === 'expired')) {
        offer = {
          certificate: i.certificate,
          reason: failedInspectionReason(i.inspectedOn, i.body),
          question: t('adminInsp.failedOffer', { decisionNo: i.certificate.decisionNo, productName: i.certificate.productName }),
        };
      }
    }
    const form = data.form ?? {};
    const find = textQueryParam((req.query as Record<string, unknown> | undefined)?.find, 'find') ?? '';
    const chosen = field(form, 'certificateId');
    const found = await this.certification.list(actor, { q: find || undefined, limit: PICKER_SIZE });
    const extra = chosen && UUID.test(chosen) && !found.items.some((c) => c.id === chosen) ? await this.certification.getMany(actor, [chosen]) : [];
    const label = (c: CertificateView) => `${c.decisionNo} · ${c.productName} · ${c.vendor?.name ?? ''} (${t(`adminCerts.status.${c.status}`)})`;
    return req.server.ocopViews!.send(
      req,
      reply,
      'inspections',
      {
        find,
        certificateOptions: [...extra, ...found.items].map((c) => ({ value: c.id, label: label(c), selected: c.id === chosen })),
        moreCertificates: found.total > PICKER_SIZE,
        title: t('adminInsp.title'),
        items: res.items.map((i) => ({ ...i, resultText: t(`adminInsp.result.${i.result}`) })),
        total: res.total,
        resultOptions: INSPECTION_RESULTS.map((r) => ({ value: r, label: t(`adminInsp.result.${r}`), selected: r === data.result })),
        formResults: INSPECTION_RESULTS.map((r) => ({ value: r, label: t(`adminInsp.result.${r}`), selected: r === (field(form, 'result') || 'pass') })),
        form,
        notice: data.recorded ? t('adminInsp.recorded') : null,
        offer,
        errors: data.errors ?? [],
        fieldErrors: data.fieldErrors ?? {},
        unplaced: data.unplaced ?? [],
      },
      status,
    );
  }
}
