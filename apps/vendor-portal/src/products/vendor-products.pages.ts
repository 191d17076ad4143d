import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, ConflictError, NotFoundError, ruleMessage, translator, ValidationError, type Actor, type Locale, numberFormat } from '@ocop/core';
import { CreateProductDto, PRODUCT_GROUPS_FOR_SALE, ProductsService, UpdateProductDto, type VendorProduct } from '@ocop/catalog';
import { CurrentUser, domainFormError, formErrorsView, requestLocale, Roles, validateForm, type FormErrorsView, type FormFieldError } from '@ocop/web';
import { productFormSpec, productToForm, type Form } from './product-form';
import { readUploadedFiles } from './uploads';
import { idParam, sendQr } from './vendor-products.controller';
import './products.i18n';

type T = ReturnType<typeof translator>;

const vnd = numberFormat('vi-VN');
const when = (d: Date) => new Date(d).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

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
  if (err instanceof ValidationError) return { ...formErrorsView([domainFormError(err, spec, locale)]), status: 400 };
  const missing = notFoundProblems(err);
  if (!missing) return null;
  // A field a NotFoundError names holds an id of nothing the vendor may choose.
  const errors: FormFieldError[] = missing.map((p) => domainFormError(new ValidationError(p.field, ruleMessage('form.unknownChoice', p.message)), spec, locale));
  return { ...formErrorsView(errors), status: 404 };
}

/** The vendor's product pages: list, new, edit (with images, QR label and listing history). */
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
    const notice = done && ['published', 'unpublished', 'created'].includes(done) ? t(`vendorProducts.${done}`) : null;
    return this.renderList(req, reply, actor, { notice });
  }

  @Get('new')
  async newForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor) {
    return this.renderForm(req, reply, actor, null, { form: { productGroup: 'handicrafts', stock: '0' } });
  }

  @Post()
  async create(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Body() form: Form) {
    const locale = requestLocale(req);
    const checked = await validateForm(CreateProductDto, form, productFormSpec('create'), locale);
    if (checked.errors) return this.renderForm(req, reply, actor, null, { form, ...formErrorsView(checked.errors) }, 400);
    try {
      const p = await this.products.create(actor, checked.value as never);
      return reply.redirect(`/products/${p.id}?done=created`, 303);
    } catch (err) {
      const refused = refusalView(err, 'create', locale);
      if (refused) return this.renderForm(req, reply, actor, null, { form, ...refused }, refused.status);
      throw err;
    }
  }

  @Get(':id')
  async edit(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Query('done') done?: string) {
    const p = await this.products.get(actor, id);
    const t = translator(requestLocale(req));
    const notice = done && ['created', 'saved', 'uploaded', 'published', 'unpublished'].includes(done) ? t(`vendorProducts.${done}`) : null;
    return this.renderForm(req, reply, actor, p, { form: productToForm(p), notice });
  }

  @Post(':id')
  async update(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() form: Form) {
    const p = await this.products.get(actor, id);
    const locale = requestLocale(req);
    const checked = await validateForm(UpdateProductDto, form, productFormSpec('update'), locale);
    if (checked.errors) return this.renderForm(req, reply, actor, p, { form, ...formErrorsView(checked.errors) }, 400);
    try {
      await this.products.update(actor, id, checked.value as never);
      return reply.redirect(`/products/${id}?done=saved`, 303);
    } catch (err) {
      const refused = refusalView(err, 'update', locale);
      if (refused) return this.renderForm(req, reply, actor, p, { form, ...refused }, refused.status);
      if (err instanceof ConflictError) return this.renderForm(req, reply, actor, p, { form, error: err.message }, 409);
      throw err;
    }
  }

  @Post(':id/images')
  async upload(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string) {
    try {
      await this.products.addImages(actor, id, await readUploadedFiles(req));
      return reply.redirect(`/products/${id}?done=uploaded`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const p = await this.products.get(actor, id);
      return this.renderForm(req, reply, actor, p, { form: productToForm(p), uploadError: err.message }, 400);
    }
  }

  @Post(':id/publish')
  publish(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() form: Form) {
    return this.changeListing(req, reply, actor, id, 'publish', form);
  }

  @Post(':id/unpublish')
  unpublish(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() form: Form) {
    return this.changeListing(req, reply, actor, id, 'unpublish', form);
  }

  @Get(':id/qr.png')
  qrPng(@CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Res() reply: FastifyReply) {
    return sendQr(this.products, actor, id, 'png', reply);
  }

  @Get(':id/qr.svg')
  qrSvg(@CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Res() reply: FastifyReply) {
    return sendQr(this.products, actor, id, 'svg', reply);
  }

  private async changeListing(req: FastifyRequest, reply: FastifyReply, actor: Actor, id: string, action: 'publish' | 'unpublish', form: Form) {
    const back = typeof form?.back === 'string' && form.back === 'edit' ? `/products/${id}` : '/products';
    try {
      await (action === 'publish' ? this.products.publish(actor, id) : this.products.unpublish(actor, id));
      return reply.redirect(`${back}?done=${action}ed`, 303);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      const t = translator(requestLocale(req));
      const reason = (err.details as { reason?: string }).reason;
      return this.renderList(req, reply, actor, { error: reason ? `${t('vendorProducts.publish')}: ${t(`vendorProducts.reason.${reason}`)}` : err.message }, 409);
    }
  }

  private row(p: VendorProduct, t: T) {
    const why = p.sellable
      ? ''
      : p.reason === 'delisted' && p.delistReason
        ? `${t('vendorProducts.reason.delisted')} (${t(`vendorProducts.delist.${p.delistReason}`)})`
        : t(`vendorProducts.reason.${p.reason}`);
    return {
      id: p.id,
      slug: p.slug,
      title: p.title.vi,
      state: p.state,
      stateText: t(`vendorProducts.state.${p.state}`),
      sellable: p.sellable,
      why,
      stock: p.stock,
      price: vnd.format(p.priceVnd),
      certificate: p.certificate ? `${p.certificate.decisionNo} · ${t('vendorProducts.stars', { count: p.certificate.stars })} · ${t(`vendorProducts.cert.${p.certificate.publicStatus}`)}` : '',
      listed: p.state === 'listed',
      shopUrl: `${this.config.urls.storefront}/products/${p.slug}`,
    };
  }

  private async renderList(req: FastifyRequest, reply: FastifyReply, actor: Actor, data: { notice?: string | null; error?: string }, status = 200) {
    const t = translator(requestLocale(req));
    const { items, total } = await this.products.list(actor, { limit: 200 });
    return req.server.ocopViews!.send(req, reply, 'products', { title: t('vendorProducts.title'), items: items.map((p) => this.row(p, t)), total, ...data }, status);
  }

  private async renderForm(
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    product: VendorProduct | null,
    data: { form: Form; notice?: string | null; error?: string; uploadError?: string } & Partial<FormErrorsView>,
    status = 200,
  ) {
    const t = translator(requestLocale(req));
    const chosen = String(data.form.certificateId ?? '');
    const certificates = (await this.products.certificates(actor)).map((c) => ({
      id: c.id,
      label: `${c.decisionNo} — ${c.productName} (${t('vendorProducts.stars', { count: c.stars })}, ${t(`vendorProducts.cert.${c.publicStatus}`)})`,
      selected: c.id === chosen,
    }));
    const groups = PRODUCT_GROUPS_FOR_SALE.map((g) => ({ value: g, label: t(`vendorProducts.group.${g}`), selected: g === data.form.productGroup }));
    const extra = product
      ? {
          product: this.row(product, t),
          traceCode: product.traceCode,
          scanCount: product.scanCount,
          verifyUrl: product.verifyUrl,
          images: product.images,
          history: (await this.products.history(actor, product.id)).items.map((h) => ({
            when: when(h.createdAt),
            change: `${t(`vendorProducts.state.${h.fromState}`)} → ${t(`vendorProducts.state.${h.toState}`)}`,
            reason: t(`vendorProducts.change.${h.reason}`),
            by: h.actorEmail ?? t('vendorProducts.system'),
          })),
        }
      : {};
    const title = product ? product.title.vi : t('vendorProducts.new');
    return req.server.ocopViews!.send(
      req,
      reply,
      'products-form',
      { title, isNew: !product, action: product ? `/products/${product.id}` : '/products', certificates, groups, fieldErrors: {}, ...data, ...extra },
      status,
    );
  }
}
