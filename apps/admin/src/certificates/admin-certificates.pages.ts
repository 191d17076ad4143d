import { Body, Controller, Get, Inject, Optional, Param, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
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
import { ListingService } from '@ocop/catalog';
import { OrdersService } from '@ocop/orders';
import { CurrentUser, domainFormError, formErrorsView, MULTIPART_FORM, readMultipartForm, requestLocale, Roles, textQueryParam, validateForm, type FormErrorsView, type FormSpec } from '@ocop/web';
import { conflictWords, reasonFields, type ConfirmPage } from '../confirm';
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

const FIELD_KEYS: Record<string, string> = { revokeReason: 'adminCerts.reason', vendorId: 'adminCerts.vendor', revokedAt: 'adminCerts.status' };

/** A registry field by its label on the pages, without the label's hint in brackets. */
function fieldLabel(t: T, name: string): string {
  const key = FIELD_KEYS[name] ?? `adminCerts.${name}`;
  const label = t(key);
  return label === key ? name : label.replace(/\s*\(.*\)$/, '');
}

/** A refused upload or CSV in the page's words: a problem with the file as said, one with the CSV's text by its label. */
function uploadError(t: T, err: ValidationError): string {
  const [e] = (err.details?.errors as { field: string; message: string }[] | undefined) ?? [];
  if (!e || e.field === 'file') return e?.message ?? err.message;
  return t('adminCerts.upload.csvProblem', { problem: `${fieldLabel(t, e.field)}: ${e.message}` });
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
    private readonly listing: ListingService,
    private readonly orders: OrdersService,
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
      if (err instanceof ConflictError) return this.renderList(req, reply, actor, { error: conflictWords(translator(locale), 'adminCerts.conflict', err), form }, err.status);
      throw err;
    }
  }

  @Get('import')
  importForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const t = translator(requestLocale(req));
    return req.server.ocopViews!.send(req, reply, 'certificates-import', { title: t('adminCerts.importTitle') });
  }

  /**
   * A multipart upload previews the file; the preview's form posts the same text back with `apply`
   * to write it. The upload's CSRF token comes in the form, never in the address, and a refused
   * upload shows the form again (400).
   */
  @Post('import')
  @RouteConfig(MULTIPART_FORM)
  async import(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() form: Form) {
    const t = translator(requestLocale(req));
    let csv = '';
    try {
      if (req.isMultipart()) {
        const read = await readMultipartForm(req, {
          field: 'file',
          maxFileBytes: MAX_CSV_BYTES,
          maxFiles: 1,
          maxFields: 5,
          maxFieldBytes: 1000,
          notMultipart: t('adminCerts.upload.choose'),
          tooLarge: t('adminCerts.upload.tooLarge'),
          tooMany: t('adminCerts.upload.one'),
          malformed: t('adminCerts.upload.malformed'),
        });
        if (read.problem) throw read.problem;
        const [file] = read.files;
        if (!file) throw new ValidationError('file', t('adminCerts.upload.choose'));
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
          .map((r) => ({ ...r, actionText: t(`adminCerts.action.${r.action}`), changesText: r.changes.map((c) => fieldLabel(t, c)).join(', ') }));
      return req.server.ocopViews!.send(req, reply, 'certificates-import', {
        title: t('adminCerts.importTitle'),
        result,
        applied: apply,
        csv: apply ? null : csv,
        canApply: !apply && result.created + result.updated + result.revoked > 0,
        created: byAction('create'),
        updated: byAction('update'),
        revoked: byAction('revoke'),
        rejected: result.rejected.slice(0, PREVIEW_ROWS).map((r) => ({ row: r.row, problems: r.errors.map((e) => `${fieldLabel(t, e.field)}: ${e.message}`).join('; ') })),
        moreRejected: result.rejected.length > PREVIEW_ROWS ? result.rejected.length - PREVIEW_ROWS : 0,
      });
    } catch (err) {
      if (err instanceof ValidationError) return req.server.ocopViews!.send(req, reply, 'certificates-import', { title: t('adminCerts.importTitle'), error: uploadError(t, err) }, 400);
      throw err;
    }
  }

  @Get(':id')
  show(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam()) id: string) {
    return this.renderDetail(req, reply, actor, id, {});
  }

  /** The revocation's confirmation page: what revoking would do, with the reason to give. */
  @Get(':id/revoke')
  revokeForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam()) id: string) {
    return this.renderRevokeConfirm(req, reply, actor, id, {}, null);
  }

  /**
   * Without `confirm=1` answers the confirmation page (products delisted, orders cancelled or
   * flagged, the reason to give); with it revokes. A confirmation without a reason is refused
   * (400, the field named) and nothing is written.
   */
  @Post(':id/revoke')
  async revoke(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam()) id: string, @Body() form: Form) {
    const locale = requestLocale(req);
    const revokeForm = { reason: field(form, 'reason'), decisionNo: field(form, 'decisionNo') };
    if (field(form, 'confirm') !== '1') return this.renderRevokeConfirm(req, reply, actor, id, revokeForm, null);
    const checked = await validateForm(RevokeCertificateDto, revokeForm, REVOKE_FORM, locale);
    if (checked.errors) return this.renderRevokeConfirm(req, reply, actor, id, revokeForm, formErrorsView(checked.errors), 400);
    try {
      await this.certification.revoke(actor, id, checked.value);
      return reply.redirect(`/certificates/${id}?revoked=1`, 303);
    } catch (err) {
      if (err instanceof ValidationError) return this.renderRevokeConfirm(req, reply, actor, id, revokeForm, formErrorsView([domainFormError(err, REVOKE_FORM, locale)]), 400);
      if (err instanceof ConflictError) return this.renderDetail(req, reply, actor, id, { error: conflictWords(translator(locale), 'adminCerts.conflict', err) }, err.status);
      throw err;
    }
  }

  private async renderRevokeConfirm(req: FastifyRequest, reply: FastifyReply, actor: Actor, id: string, form: { reason?: string; decisionNo?: string }, errors: FormErrorsView | null, status = 200) {
    const t = translator(requestLocale(req));
    const cert = await this.certification.get(actor, id);
    // A certificate no longer in force has nothing to revoke: its page says so.
    if (cert.status !== 'active' && cert.status !== 'expired')
      return this.renderDetail(req, reply, actor, id, { error: t(`adminCerts.conflict.${cert.status === 'revoked' ? 'already_revoked' : 'superseded'}`) }, 409);
    const [listed, impact] = await Promise.all([this.listing.listedCount({ certificateId: id }), this.orders.revocationImpact(actor, id)]);
    const page: ConfirmPage = {
      title: t('adminCerts.revokeConfirm', { decisionNo: cert.decisionNo, productName: cert.productName }),
      consequences: [
        { key: 'delisted', count: listed, text: t('adminCerts.impact.delisted', { count: listed }) },
        { key: 'review', count: impact.subOrdersToReview, text: t('adminCerts.impact.review', { count: impact.subOrdersToReview }) },
        { key: 'cancelled', count: impact.ordersToCancel, text: t('adminCerts.impact.cancelled', { count: impact.ordersToCancel }) },
      ],
      texts: [t('adminCerts.impact.notified')],
      facts: [
        { label: t('adminCerts.decisionNo'), value: cert.decisionNo },
        { label: t('adminCerts.productName'), value: cert.productName },
        { label: t('adminCerts.vendor'), value: cert.vendor?.name ?? '' },
        { label: t('adminCerts.status'), value: t(`adminCerts.status.${cert.status}`) },
      ],
      action: `/certificates/${id}/revoke`,
      hidden: [],
      fields: reasonFields(t, form, errors, [
        { name: 'reason', label: t('adminCerts.reason'), required: true, multiline: true, maxlength: 500 },
        { name: 'decisionNo', label: t('adminCerts.revokeDecisionNo'), maxlength: 100 },
      ]),
      button: t('adminCerts.revoke'),
      back: `/certificates/${id}`,
      ...(errors ?? {}),
    };
    return req.server.ocopViews!.send(req, reply, 'confirm', page as unknown as Record<string, unknown>, status);
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
      if (err instanceof ConflictError) return this.renderDetail(req, reply, actor, id, { error: conflictWords(translator(locale), 'adminCerts.conflict', err), renewForm: form }, err.status);
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
        vendorOptions: vendors.map((v) => ({ value: v.id, label: v.name, selected: v.id === form.vendorId })),
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

  private async renderDetail(req: FastifyRequest, reply: FastifyReply, actor: Actor, id: string, data: { error?: string; renewForm?: Form; renewErrors?: FormErrorsView }, status = 200) {
    const t = translator(requestLocale(req));
    const q = (req.query ?? {}) as Record<string, string | undefined>;
    const cert = await this.certification.get(actor, id);
    const linkedIds = [cert.supersedesId, cert.supersededById].filter((x): x is string => !!x);
    const [inspections, counts, linked] = await Promise.all([
      this.inspections.list(actor, { certificateId: id, limit: 200 }),
      this.products ? this.products.count([id]) : Promise.resolve(null),
      linkedIds.length ? this.certification.getMany(actor, linkedIds) : Promise.resolve([]),
    ]);
    const link = (linkedId: string | null) => {
      const c = linkedId ? linked.find((x) => x.id === linkedId) : undefined;
      return c ? { href: `/certificates/${c.id}`, decisionNo: c.decisionNo, statusText: t(`adminCerts.status.${c.status}`) } : null;
    };
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
        supersedes: link(cert.supersedesId),
        supersededBy: link(cert.supersededById),
        renewForm,
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
