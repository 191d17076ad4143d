import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, ConflictError, NotFoundError, ruleMessage, translator, ValidationError, type Actor, type Locale } from '@ocop/core';
import { CreateProductDto, PRODUCT_GROUPS_FOR_SALE, ProductsService, UpdateProductDto, type VendorProduct } from '@ocop/catalog';
import { CurrentUser, domainFormError, formErrorsView, MULTIPART_FORM, requestLocale, Roles, validateForm, type FormErrorsView, type FormFieldError } from '@ocop/web';
import { sendConfirmation } from '../confirmation';
import { titleIn, vnd, vnTime } from '../orders/present';
import { arrangedImages, productFormSpec, productToForm, readProductForm, tooManyImages, type Form } from './product-form';
import { certificateChoices, certificateState, publishRefusal, whyNotSelling, type Refusal } from './product-views';
import { idParam, sendQr } from './vendor-products.controller';
import './products.i18n';

type T = ReturnType<typeof translator>;

const LIST_NOTICES = ['published', 'unpublished', 'created'];
const FORM_NOTICES = ['created', 'saved', 'uploaded', 'published', 'unpublished'];
/** The list's filters: what a vendor is sent to from the home page. */
const SHOWS = ['draft', 'offsale', 'onsale'] as const;
type Show = (typeof SHOWS)[number];

const shows = (p: VendorProduct, show: Show | undefined) => !show || (show === 'draft' ? p.state === 'draft' : show === 'onsale' ? p.sellable : !p.sellable && p.state !== 'draft');

/** The field problems a NotFoundError carries (a certificate the vendor does not hold), if any. */
function notFoundProblems(err: unknown): { field: string; message: string }[] | undefined {
  return err instanceof NotFoundError ? (err.details as { errors?: { field: string; message: string }[] }).errors : undefined;
}

/**
 * A refusal of the service shown on the form: a domain rule or an unknown certificate beside its
 * field, in the page's language; null for any other error.
 */
function refusalView(err: unknown, mode: 'create' | 'update', locale: Locale): (FormErrorsView & { status: number }) | null {
  const spec = productFormSpec(mode);
  if (err instanceof ValidationError) {
    const photos = err.field === 'file' || err.field === 'images';
    const problem: FormFieldError = photos ? { field: 'photos', name: 'photos', label: null, message: translator(locale)('vendorProducts.photoRefused') } : domainFormError(err, spec, locale);
    return { ...formErrorsView([problem]), status: 400 };
  }
  const missing = notFoundProblems(err);
  if (!missing) return null;
  // A field a NotFoundError names holds an id of nothing the vendor may choose.
  const errors: FormFieldError[] = missing.map((p) => domainFormError(new ValidationError(p.field, ruleMessage('form.unknownChoice', p.message)), spec, locale));
  return { ...formErrorsView(errors), status: 404 };
}

type FormData = { form: Form; notice?: string | null; error?: string; refusal?: Refusal; chosePhotos?: boolean } & Partial<FormErrorsView>;

/**
 * The vendor's product pages: the list (filtered to drafts, products off sale or on sale), the
 * new and edit forms (certificate picker, photos uploaded, ordered and one chosen as cover, all
 * in one multipart form that works without JavaScript), the QR label, the listing history,
 * publishing (a refusal says what to do next and links to it) and taking off sale (confirmed on a
 * page saying what it does).
 */
@ApiExcludeController()
@Controller('products')
@Roles('vendor')
export class VendorProductsPages {
  constructor(
    private readonly products: ProductsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Query('done') done?: string) {
    const t = translator(requestLocale(req));
    const notice = done && LIST_NOTICES.includes(done) ? t(`vendorProducts.${done}`) : null;
    return this.renderList(req, reply, actor, { notice });
  }

  @Get('new')
  async newForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor) {
    return this.renderForm(req, reply, actor, null, { form: { productGroup: 'handicrafts', stock: '0' } });
  }

  @Post()
  @RouteConfig(MULTIPART_FORM)
  async create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() body: unknown) {
    const locale = requestLocale(req);
    const posted = await readProductForm(req, body, locale);
    const checked = await validateForm(CreateProductDto, posted.form, productFormSpec('create'), locale);
    const problems = [...posted.problems, ...(checked.errors ?? []), ...[tooManyImages(0, posted.files.length, locale)].filter((p): p is FormFieldError => !!p)];
    const again = (view: Partial<FormErrorsView>, status: number) => this.renderForm(req, reply, actor, null, { form: posted.form, chosePhotos: posted.files.length > 0, ...view }, status);
    if (problems.length || !checked.value) return again(formErrorsView(problems), 400);
    let p: VendorProduct;
    try {
      p = await this.products.create(actor, checked.value as never);
    } catch (err) {
      const refused = refusalView(err, 'create', locale);
      if (refused) return again(refused, refused.status);
      throw err;
    }
    if (posted.files.length) {
      try {
        await this.products.addImages(actor, p.id, posted.files);
      } catch (err) {
        // The draft exists: its form shows what became of the photos.
        const refused = refusalView(err, 'update', locale);
        if (!refused) throw err;
        return this.renderForm(req, reply, actor, await this.products.get(actor, p.id), { form: productToForm(p), chosePhotos: true, ...refused }, refused.status);
      }
    }
    return reply.redirect(`/products/${p.id}?done=created`, 303);
  }

  @Get(':id')
  async edit(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Query('done') done?: string) {
    const p = await this.products.get(actor, id);
    const t = translator(requestLocale(req));
    const notice = done && FORM_NOTICES.includes(done) ? t(`vendorProducts.${done}`) : null;
    return this.renderForm(req, reply, actor, p, { form: productToForm(p), notice });
  }

  @Post(':id')
  @RouteConfig(MULTIPART_FORM)
  async update(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() body: unknown) {
    const p = await this.products.get(actor, id);
    const locale = requestLocale(req);
    const posted = await readProductForm(req, body, locale);
    const checked = await validateForm(UpdateProductDto, posted.form, productFormSpec('update'), locale);
    const images = arrangedImages(p.images, posted.form);
    const problems = [...posted.problems, ...(checked.errors ?? []), ...[tooManyImages(images.length, posted.files.length, locale)].filter((x): x is FormFieldError => !!x)];
    const again = (data: Omit<FormData, 'form'>, status: number) => this.renderForm(req, reply, actor, p, { form: posted.form, chosePhotos: posted.files.length > 0, ...data }, status);
    if (problems.length || !checked.value) return again(formErrorsView(problems), 400);
    const changes = { ...(checked.value as object), ...(images.join('\n') === p.images.join('\n') ? {} : { images }) };
    try {
      await this.products.update(actor, id, changes as never);
      if (posted.files.length) await this.products.addImages(actor, id, posted.files);
      return reply.redirect(`/products/${id}?done=saved`, 303);
    } catch (err) {
      const refused = refusalView(err, 'update', locale);
      if (refused) return again(refused, refused.status);
      if (err instanceof ConflictError) {
        const t = translator(locale);
        const reason = (err.details as { reason?: string }).reason;
        return again({ error: t('vendorProducts.moveRefused', { reason: t(`vendorProducts.reason.${reason ?? 'certificate_expired'}`) }) }, 409);
      }
      throw err;
    }
  }

  /** Photos alone, appended in the order chosen; a refusal shows the product's form again (never a redirect). */
  @Post(':id/images')
  @RouteConfig(MULTIPART_FORM)
  async upload(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() body: unknown) {
    const p = await this.products.get(actor, id);
    const locale = requestLocale(req);
    const posted = await readProductForm(req, body, locale);
    const problems = [...posted.problems];
    if (!problems.length && posted.files.length === 0) problems.push({ field: 'photos', name: 'photos', label: null, message: translator(locale)('vendorProducts.photoNone') });
    const tooMany = tooManyImages(p.images.length, posted.files.length, locale);
    if (tooMany && !problems.length) problems.push(tooMany);
    if (problems.length) return this.renderForm(req, reply, actor, p, { form: productToForm(p), ...formErrorsView(problems) }, 400);
    try {
      await this.products.addImages(actor, id, posted.files);
    } catch (err) {
      const refused = refusalView(err, 'update', locale);
      if (!refused) throw err;
      return this.renderForm(req, reply, actor, p, { form: productToForm(p), ...refused }, refused.status);
    }
    return reply.redirect(`/products/${id}?done=uploaded`, 303);
  }

  @Post(':id/publish')
  async publish(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() form: Form) {
    const back = form?.back === 'edit' ? 'edit' : 'list';
    try {
      await this.products.publish(actor, id);
      return reply.redirect(`${back === 'edit' ? `/products/${id}` : '/products'}?done=published`, 303);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      const lang = requestLocale(req);
      const p = await this.products.get(actor, id);
      const refusal = publishRefusal(p, (err.details as { reason?: string }).reason, lang, translator(lang));
      if (back === 'edit') return this.renderForm(req, reply, actor, p, { form: productToForm(p), refusal }, 409);
      return this.renderList(req, reply, actor, { refusal }, 409);
    }
  }

  /** Without `confirm=1` answers the confirmation page saying what taking the product off sale does; with it, does it. */
  @Post(':id/unpublish')
  async unpublish(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() form: Form) {
    const back = form?.back === 'edit' ? `/products/${id}` : '/products';
    if (form?.confirm !== '1') {
      const p = await this.products.get(actor, id);
      const lang = requestLocale(req);
      const t = translator(lang);
      if (p.state !== 'listed') return reply.redirect(`${back}?done=unpublished`, 303);
      const title = titleIn(p.title, lang);
      return sendConfirmation(req, reply, {
        title: t('vendorProducts.confirmUnpublish', { title }),
        subject: `${title} · ${vnd(p.priceVnd, lang)} · ${t('vendorProducts.stockCount', { count: p.stock })}`,
        lines: [t('vendorProducts.unpublishLeaves'), t('vendorProducts.unpublishCarts'), t('vendorProducts.unpublishOrders'), t('vendorProducts.unpublishAgain')],
        action: `/products/${id}/unpublish`,
        fields: [{ name: 'back', value: form?.back === 'edit' ? 'edit' : 'list' }],
        button: t('vendorProducts.unpublish'),
        back,
      });
    }
    await this.products.unpublish(actor, id);
    return reply.redirect(`${back}?done=unpublished`, 303);
  }

  @Get(':id/qr.png')
  qrPng(@CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Res() reply: FastifyReply) {
    return sendQr(this.products, actor, id, 'png', reply);
  }

  @Get(':id/qr.svg')
  qrSvg(@CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Res() reply: FastifyReply) {
    return sendQr(this.products, actor, id, 'svg', reply);
  }

  private row(p: VendorProduct, lang: Locale, t: T) {
    return {
      id: p.id,
      slug: p.slug,
      title: titleIn(p.title, lang),
      state: p.state,
      stateText: t(`vendorProducts.state.${p.state}`),
      sellable: p.sellable,
      why: whyNotSelling(p, t),
      stock: p.stock,
      price: vnd(p.priceVnd, lang),
      certificate: p.certificate ? `${p.certificate.decisionNo} · ${t('vendorProducts.stars', { count: p.certificate.stars })} · ${certificateState(p.certificate, lang, t)}` : '',
      listed: p.state === 'listed',
      shopUrl: `${this.config.urls.storefront}/products/${p.slug}`,
      cover: p.images[0] ?? null,
    };
  }

  /** Every product of the caller's vendor, newest first. */
  private async all(actor: Actor): Promise<VendorProduct[]> {
    const out: VendorProduct[] = [];
    for (let page = 1; ; page++) {
      const { items, total } = await this.products.list(actor, { page, limit: 200 });
      out.push(...items);
      if (items.length === 0 || out.length >= total) return out;
    }
  }

  private async renderList(req: FastifyRequest, reply: FastifyReply, actor: Actor, data: { notice?: string | null; refusal?: Refusal }, status = 200) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const raw = (req.query as Record<string, unknown> | undefined)?.show;
    const show = SHOWS.find((s) => s === raw);
    const every = await this.all(actor);
    const items = every.filter((p) => shows(p, show)).map((p) => this.row(p, lang, t));
    const filters = [
      { value: '', label: t('vendorProducts.show.all'), count: every.length },
      ...SHOWS.map((s) => ({ value: s, label: t(`vendorProducts.show.${s}`), count: every.filter((p) => shows(p, s)).length })),
    ].map((f) => ({ ...f, href: f.value ? `/products?show=${f.value}` : '/products', current: (show ?? '') === f.value }));
    return req.server.ocopViews!.send(req, reply, 'products', { title: t('vendorProducts.title'), items, total: items.length, filters, ...data }, status);
  }

  private async renderForm(req: FastifyRequest, reply: FastifyReply, actor: Actor, product: VendorProduct | null, data: FormData, status = 200) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const chosen = String(data.form.certificateId ?? '');
    const certificates = certificateChoices(await this.products.certificates(actor), chosen, lang, t);
    const groups = PRODUCT_GROUPS_FOR_SALE.map((g) => ({ value: g, label: t(`vendorProducts.group.${g}`), selected: g === data.form.productGroup }));
    const title = product ? titleIn(product.title, lang) : t('vendorProducts.new');
    const extra = product
      ? {
          product: this.row(product, lang, t),
          traceCode: product.traceCode,
          scanCount: product.scanCount,
          verifyUrl: product.verifyUrl,
          photos: this.photos(product, data.form, title, t),
          history: (await this.products.history(actor, product.id)).items.map((h) => ({
            when: vnTime(h.createdAt, lang),
            change: `${t(`vendorProducts.state.${h.fromState}`)} → ${t(`vendorProducts.state.${h.toState}`)}`,
            reason: t(`vendorProducts.change.${h.reason}`),
            by: h.actorEmail ?? t('vendorProducts.system'),
          })),
        }
      : { photos: [] };
    return req.server.ocopViews!.send(
      req,
      reply,
      'products-form',
      {
        title,
        isNew: !product,
        action: product ? `/products/${product.id}` : '/products',
        certificates,
        groups,
        fieldErrors: {},
        errors: [],
        unplaced: [],
        ...data,
        ...extra,
      },
      status,
    );
  }

  /** The product's photos as the form shows them: in the order the form last asked for, each with its position, cover choice and removal box. */
  private photos(p: VendorProduct, form: Form, title: string, t: T) {
    const order = arrangedImages(p.images, form);
    const removed = new Set(p.images.filter((src) => !order.includes(src)));
    const shown = [...order, ...p.images.filter((src) => removed.has(src))];
    return shown.map((src, i) => ({ n: i + 1, src, position: i + 1, cover: i === 0 && !removed.has(src), removed: removed.has(src), alt: t('vendorProducts.photoAlt', { n: i + 1, title }) }));
  }
}
