import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, translator, ValidationError, type Actor } from '@ocop/core';
import { failedInspectionReason, INSPECTION_RESULTS, InspectionsService } from '@ocop/certification';
import { CurrentUser, requestLocale, Roles } from '@ocop/web';
import './certificates.i18n';

type Form = Record<string, unknown>;

const field = (form: Form | undefined, key: string): string => (typeof form?.[key] === 'string' ? (form[key] as string).trim() : '');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `/inspections`: every post-inspection, newest first, and the form to record one. After a
 * failed inspection of a certificate still in force, the page offers its revocation in one step
 * (a form to the certificate's revoke action with the reason filled in).
 */
@ApiExcludeController()
@Controller('inspections')
@Roles('admin')
export class AdminInspectionsPages {
  constructor(private readonly inspections: InspectionsService) {}

  @Get()
  list(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Query('result') result?: string, @Query('recorded') recorded?: string, @Query('certificateId') certificateId?: string) {
    if (recorded !== undefined && !UUID.test(recorded)) throw new ValidationError('recorded', 'must be a UUID');
    return this.render(req, reply, actor, { result: result || undefined, recorded, form: { certificateId: certificateId ?? '' } });
  }

  @Post()
  async record(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() form: Form) {
    const certificateId = field(form, 'certificateId');
    try {
      if (!UUID.test(certificateId)) throw new ValidationError('certificateId', 'must be the id of a certificate');
      const i = await this.inspections.record(actor, certificateId, { inspectedOn: field(form, 'inspectedOn'), body: field(form, 'body'), result: field(form, 'result'), notes: field(form, 'notes') || null });
      return reply.redirect(`/inspections?recorded=${i.id}`, 303);
    } catch (err) {
      if (err instanceof ValidationError || err instanceof NotFoundError) return this.render(req, reply, actor, { error: err.message, form }, err.status);
      throw err;
    }
  }

  private async render(req: FastifyRequest, reply: FastifyReply, actor: Actor, data: { result?: string; recorded?: string; error?: string; form?: Form }, status = 200) {
    const t = translator(requestLocale(req));
    const res = await this.inspections.list(actor, { result: data.result, limit: 200 });
    let offer: Record<string, unknown> | null = null;
    if (data.recorded) {
      const i = await this.inspections.get(actor, data.recorded);
      // Only a certificate still in force (possibly past its date but not processed) can be revoked.
      if (i.result === 'fail' && i.certificate && (i.certificate.status === 'active' || i.certificate.status === 'expired')) {
        offer = { certificate: i.certificate, reason: failedInspectionReason(i.inspectedOn, i.body), question: t('adminInsp.failedOffer', { decisionNo: i.certificate.decisionNo, productName: i.certificate.productName }) };
      }
    }
    const form = data.form ?? {};
    return req.server.ocopViews!.send(
      req,
      reply,
      'inspections',
      {
        title: t('adminInsp.title'),
        items: res.items.map((i) => ({ ...i, resultText: t(`adminInsp.result.${i.result}`) })),
        total: res.total,
        resultOptions: INSPECTION_RESULTS.map((r) => ({ value: r, label: t(`adminInsp.result.${r}`), selected: r === data.result })),
        formResults: INSPECTION_RESULTS.map((r) => ({ value: r, label: t(`adminInsp.result.${r}`), selected: r === (field(form, 'result') || 'pass') })),
        form,
        notice: data.recorded ? t('adminInsp.recorded') : null,
        offer,
        error: data.error,
      },
      status,
    );
  }
}
