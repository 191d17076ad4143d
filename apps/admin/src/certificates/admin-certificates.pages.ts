import { Body, Controller, Get, Inject, Optional, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, Rules, translator, ValidationError, type Actor } from '@ocop/core';
import {
  CERTIFICATE_LEVELS,
  CERTIFICATE_STARS,
  CertificateProducts,
  CertificationService,
  CreateCertificateDto,
  EFFECTIVE_STATUSES,
  InspectionsService,
  PRODUCT_GROUPS,
  RegistryImportService,
  RenewCertificateDto,
  RevokeCertificateDto,
  type CertificateView,
  type ImportPlan,
} from '@ocop/certification';
import { CurrentUser, domainFormError, formErrorsView, readMultipartFiles, requestLocale, Roles, textQueryParam, validateForm, type FormErrorsView, type FormSpec } from '@ocop/web';
import { idParam } from './admin-certificates.controller';
import './certificates.i18n';

type Form = Record<string, unknown>;
type T = ReturnType<typeof translator>;

const field = (form: Form | undefined, key: string): string => (typeof form?.[key] === 'string' ? (form[key] as string).trim() : '');
const MAX_CSV_BYTES = 20 * 1024 * 1024;
/** Rows of a preview shown per kind; the counts above them stay exact. */
const PREVIEW_ROWS = 500;

/** The create form's fields, read into `CreateCertificateDto`. */
const CREATE_FORM: FormSpec = {
  decisionNo: { label: 'adminCerts.decisionNo' },
  certificateNo: { label: 'adminCerts.certificateNo', blank: 'null' },
  decisionDate: { label: 'adminCerts.decisionDate' },
  issuingBody: { label: 'adminCerts.issuingBody' },
  level: { label: 'adminCerts.level' },
  vendorId: { label: 'adminCerts.vendor' },
  productName: { label: 'adminCerts.productName' },
  productGroup: { label: 'adminCerts.productGroup' },
  stars: { label: 'adminCerts.stars', kind: 'int' },
  expiresAt: { label: 'adminCerts.expiresAt' },
};

/** The renew form's fields, read into `RenewCertificateDto`; a blank level or issuing body keeps the old certificate's. */
const RENEW_FORM: FormSpec = {
  decisionNo: { label: 'adminCerts.decisionNo' },
  decisionDate: { label: 'adminCerts.decisionDate' },
  stars: { label: 'adminCerts.stars', kind: 'int' },
  certificateNo: { label: 'adminCerts.certificateNo', blank: 'null' },
  level: { label: 'adminCerts.level' },
  issuingBody: { label: 'adminCerts.issuingBody' },
  expiresAt: { label: 'adminCerts.expiresAt' },
};

/** The revoke form's fields, read into `RevokeCertificateDto`. */
const REVOKE_FORM: FormSpec = {
  reason: { label: 'adminCerts.reason' },
  decisionNo: { label: 'adminCerts.revokeDecisionNo', blank: 'null' },
};

function intParam(raw: string | undefined, name: string, min: number, max: number): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ValidationError(name, Rules.betweenInt(min, max));
  return n;
}

/** The words a page shows for a certificate. */
export function present(c: CertificateView, t: T) {
  return {
    ...c,
    statusText: t(`adminCerts.status.${c.status}`),
    levelText: t(`adminCerts.level.${c.level}`),
    groupText: t(`adminCerts.group.${c.productGroup}`),
    live: c.status === 'active' || c.status === 'expired',
  };
}

const options = (values: readonly (string | number)[], selected: unknown, label: (v: string) => string) =>
  values.map((v) => ({ value: String(v), label: label(String(v)), selected: String(v) === String(selected ?? '') }));

/**
 * The registry pages: `/certificates` (filters, derived status, create form),
 * `/certificates/:id` (details, products under it, revoke and renew forms, inspections) and
 * `/certificates/import` (upload, preview, apply).
 */
@ApiExcludeController()
@Controller('certificates')
@Roles('admin')
export class AdminCertificatesPages {
  constructor(
    private readonly certification: CertificationService,
    private readonly importer: RegistryImportService,
    private readonly inspections: InspectionsService,
    @Optional() @Inject(CertificateProducts) private readonly products: CertificateProducts | null,
  ) {}

  @Get()
  list(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor) {
    return this.renderList(req, reply, actor, {});
  }

  @Post()
  async create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() form: Form) {
    const locale = requestLocale(req);
    const checked = await validateForm(CreateCertificateDto, form, CREATE_FORM, locale);
    if (checked.errors) return this.renderList(req, reply, actor, { form, ...formErrorsView(checked.errors) }, 400);
    try {
      const c = await this.certification.create(actor, checked.value);
      return reply.redirect(`/certificates/${c.id}?created=1`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.renderList(req, reply, actor, { form, ...formErrorsView([domainFormError(err, CREATE_FORM, locale)]) }, 400);
      if (err instanceof ConflictError) return this.renderList(req, reply, actor, { error: err.message, form }, err.status);
      throw err;
    }
  }

  @Get('import')
  importForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const t = translator(requestLocale(req));
    return req.server.ocopViews!.send(req, reply, 'certificates-import', { title: t('adminCerts.importTitle') });
  }

  /** A multipart upload previews the file; the preview's form posts the same text back with `apply` to write it. */
  @Post('import')
  async import(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() form: Form) {
    const t = translator(requestLocale(req));
    let csv = '';
    try {
      if (req.isMultipart()) {
        const [file] = await readMultipartFiles(req, {
          field: 'file',
          maxFileBytes: MAX_CSV_BYTES,
          maxFiles: 1,
          notMultipart: 'choose a CSV file',
          tooLarge: 'must be at most 20 MiB',
          tooMany: 'choose one CSV file',
        });
        if (!file) throw new ValidationError('file', 'choose a CSV file');
        csv = file.data.toString('utf8');
      } else {
        csv = typeof form?.csv === 'string' ? form.csv : '';
      }
      const apply = !req.isMultipart() && field(form, 'apply') === '1';
      const result: ImportPlan = apply ? { ...(await this.importer.apply(actor, csv)), rows: [] } : await this.importer.plan(actor, csv);
      const byAction = (a: string) =>
        result.rows
          .filter((r) => r.action === a)
          .slice(0, PREVIEW_ROWS)
          .map((r) => ({ ...r, actionText: t(`adminCerts.action.${r.action}`), changesText: r.changes.join(', ') }));
      return req.server.ocopViews!.send(req, reply, 'certificates-import', {
        title: t('adminCerts.importTitle'),
        result,
        applied: apply,
        csv: apply ? null : csv,
        canApply: !apply && result.created + result.updated + result.revoked > 0,
        created: byAction('create'),
        updated: byAction('update'),
        revoked: byAction('revoke'),
        rejected: result.rejected.slice(0, PREVIEW_ROWS).map((r) => ({ row: r.row, problems: r.errors.map((e) => `${e.field}: ${e.message}`).join('; ') })),
        moreRejected: result.rejected.length > PREVIEW_ROWS ? result.rejected.length - PREVIEW_ROWS : 0,
      });
    } catch (err) {
      if (err instanceof ValidationError) return req.server.ocopViews!.send(req, reply, 'certificates-import', { title: t('adminCerts.importTitle'), error: err.message }, 400);
      throw err;
    }
  }

  @Get(':id')
  show(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam()) id: string) {
    return this.renderDetail(req, reply, actor, id, {});
  }

  @Post(':id/revoke')
  async revoke(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam()) id: string, @Body() form: Form) {
    const locale = requestLocale(req);
    const checked = await validateForm(RevokeCertificateDto, form, REVOKE_FORM, locale);
    if (checked.errors) return this.renderDetail(req, reply, actor, id, { revokeForm: form, revokeErrors: formErrorsView(checked.errors) }, 400);
    try {
      await this.certification.revoke(actor, id, checked.value);
      return reply.redirect(`/certificates/${id}?revoked=1`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.renderDetail(req, reply, actor, id, { revokeForm: form, revokeErrors: formErrorsView([domainFormError(err, REVOKE_FORM, locale)]) }, 400);
      if (err instanceof ConflictError) return this.renderDetail(req, reply, actor, id, { error: err.message, revokeForm: form }, err.status);
      throw err;
    }
  }

  @Post(':id/renew')
  async renew(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam()) id: string, @Body() form: Form) {
    const locale = requestLocale(req);
    const checked = await validateForm(RenewCertificateDto, form, RENEW_FORM, locale);
    if (checked.errors) return this.renderDetail(req, reply, actor, id, { renewForm: form, renewErrors: formErrorsView(checked.errors) }, 400);
    try {
      const fresh = await this.certification.renew(actor, id, checked.value);
      return reply.redirect(`/certificates/${fresh.id}?renewed=1`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.renderDetail(req, reply, actor, id, { renewForm: form, renewErrors: formErrorsView([domainFormError(err, RENEW_FORM, locale)]) }, 400);
      if (err instanceof ConflictError) return this.renderDetail(req, reply, actor, id, { error: err.message, renewForm: form }, err.status);
      throw err;
    }
  }

  private async renderList(req: FastifyRequest, reply: FastifyReply, actor: Actor, data: { error?: string; form?: Form } & Partial<FormErrorsView>, status = 200) {
    const t = translator(requestLocale(req));
    const q = (req.query ?? {}) as Record<string, string | undefined>;
    const page = intParam(textQueryParam(q.page, 'page'), 'page', 1, 100000) ?? 1;
    const filters = {
      status: textQueryParam(q.status, 'status'),
      q: textQueryParam(q.q, 'q'),
      vendorId: textQueryParam(q.vendorId, 'vendorId', 36),
      expiringWithinDays: intParam(textQueryParam(q.expiringWithinDays, 'expiringWithinDays'), 'expiringWithinDays', 1, 3650),
    };
    const [res, vendors] = await Promise.all([this.certification.list(actor, { ...filters, page, limit: 50 }), this.certification.vendorOptions(actor)]);
    const form = data.form ?? {};
    const keep: [string, string][] = Object.entries(filters)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]);
    const pageUrl = (p: number) => `/certificates?${new URLSearchParams([...keep, ['page', String(p)]])}`;
    return req.server.ocopViews!.send(
      req,
      reply,
      'certificates',
      {
        title: t('adminCerts.title'),
        items: res.items.map((c) => present(c, t)),
        total: res.total,
        filters,
        statusOptions: options(EFFECTIVE_STATUSES, filters.status, (v) => t(`adminCerts.status.${v}`)),
        vendorFilter: vendors.map((v) => ({ value: v.id, label: v.name, selected: v.id === filters.vendorId })),
        vendorOptions: vendors.map((v) => ({ value: v.id, label: `${v.name} (${v.slug})`, selected: v.id === form.vendorId })),
        levelOptions: options(CERTIFICATE_LEVELS, form.level ?? 'provincial', (v) => t(`adminCerts.level.${v}`)),
        groupOptions: options(PRODUCT_GROUPS, form.productGroup, (v) => t(`adminCerts.group.${v}`)),
        starOptions: options(CERTIFICATE_STARS, form.stars, (v) => t('adminCerts.starsValue', { count: Number(v) })),
        form,
        prev: page > 1 ? pageUrl(page - 1) : null,
        next: page * 50 < res.total ? pageUrl(page + 1) : null,
        error: data.error,
        errors: data.errors ?? [],
        fieldErrors: data.fieldErrors ?? {},
        unplaced: data.unplaced ?? [],
      },
      status,
    );
  }

  private async renderDetail(
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    data: { error?: string; revokeForm?: Form; renewForm?: Form; revokeErrors?: FormErrorsView; renewErrors?: FormErrorsView },
    status = 200,
  ) {
    const t = translator(requestLocale(req));
    const q = (req.query ?? {}) as Record<string, string | undefined>;
    const cert = await this.certification.get(actor, id);
    const [inspections, counts] = await Promise.all([this.inspections.list(actor, { certificateId: id, limit: 200 }), this.products ? this.products.count([id]) : Promise.resolve(null)]);
    const count = counts ? (counts.get(id) ?? { total: 0, listed: 0, delisted: {} }) : null;
    const notice = q.created ? t('adminCerts.created') : q.revoked ? t('adminCerts.revoked') : q.renewed ? t('adminCerts.renewed') : null;
    const renewForm = data.renewForm ?? {};
    return req.server.ocopViews!.send(
      req,
      reply,
      'certificates-detail',
      {
        title: `${cert.decisionNo} · ${cert.productName}`,
        cert: present(cert, t),
        productsText: count ? t('adminCerts.productsCount', { total: count.total, listed: count.listed }) : t('adminCerts.productsUnknown'),
        inspections: inspections.items.map((i) => ({ ...i, resultText: t(`adminInsp.result.${i.result}`) })),
        revokeForm: data.revokeForm ?? {},
        renewForm,
        revokeErrors: data.revokeErrors ?? formErrorsView([]),
        renewErrors: data.renewErrors ?? formErrorsView([]),
        levelOptions: options(CERTIFICATE_LEVELS, renewForm.level ?? cert.level, (v) => t(`adminCerts.level.${v}`)),
        starOptions: options(CERTIFICATE_STARS, renewForm.stars ?? cert.stars, (v) => t('adminCerts.starsValue', { count: Number(v) })),
        notice,
        error: data.error,
      },
      status,
    );
  }
}
