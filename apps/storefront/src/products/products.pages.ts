import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ShortMemo, translator, type Locale } from '@ocop/core';
import { ExperiencesService } from '@ocop/experiences';
import { normalizeTraceCode, parseProductListQuery, PRODUCT_GROUPS_FOR_SALE, PRODUCT_SORTS, ProductQueryService, type ProductCard, type Verification } from '@ocop/catalog';
import { productPictures, requestLocale } from '@ocop/web';
import { StoriesService, VillagesService } from '@ocop/villages';
import { cartProblemText } from '../shop/present';
import { fallbackNote, storyCard } from '../villages/present';
import { formatVietnamTime, formatVnd, starsSvg } from './present';
import { durationWords } from '../experiences/present';
import { titleIn } from '../shop/present';
import '../experiences/experiences.i18n';
import './catalog.i18n';

type T = ReturnType<typeof translator>;
const PAGE_SIZE = 24;
const FILTERS = ['q', 'village', 'productGroup', 'minStars', 'minPrice', 'maxPrice', 'inStock', 'sort'] as const;

/** Product cards as the pages show them (price and stars already formatted). */
export function presentCards(items: ProductCard[], lang: Locale, t: T) {
  return items.map((p) => {
    // A product without a photo shows the drawing of its group, never an empty box.
    const [picture] = productPictures(p.image ? [p.image] : [], p.productGroup, p.title, lang);
    return { ...p, image: picture.src, imageAlt: picture.alt, picture, price: formatVnd(p.priceVnd, lang), starsSvg: starsSvg(p.stars, t('catalog.stars', { count: p.stars })) };
  });
}

/** The storefront's catalogue pages: `/products`, `/products/:slug`, `/verify` and `/verify/:code`. */
@ApiExcludeController()
@Controller()
export class StorefrontProductsPages {
  constructor(
    private readonly products: ProductQueryService,
    private readonly villages: VillagesService,
    private readonly stories: StoriesService,
    private readonly experiences: ExperiencesService,
  ) {}

  @Get('products')
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query() raw: Record<string, unknown>) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const query = parseProductListQuery({ ...raw, lang, limit: PAGE_SIZE });
    const res = await this.products.list({ ...raw, lang, limit: PAGE_SIZE }, { labels: true });
    const pages = Math.max(1, Math.ceil(res.total / PAGE_SIZE));
    const link = (page: number) => {
      const params = new URLSearchParams();
      for (const k of FILTERS) {
        const v = query[k];
        if (v === undefined || (k === 'sort' && v === 'relevance')) continue;
        for (const one of Array.isArray(v) ? v : [v]) params.append(k, String(one));
      }
      if (page > 1) params.set('page', String(page));
      const s = params.toString();
      return s ? `/products?${s}` : '/products';
    };
    const picked = new Set(query.village ?? []);
    const villages = Object.entries(res.facets.village)
      .map(([slug, count]) => ({ slug, name: res.villageNames?.[slug] ?? slug, count, selected: picked.has(slug) }))
      .sort((a, b) => a.name.localeCompare(b.name, lang));
    for (const slug of picked) if (!res.facets.village[slug]) villages.push({ slug, name: slug, count: 0, selected: true });
    const atLeast = (n: number) => Object.entries(res.facets.stars).reduce((sum, [stars, count]) => sum + (Number(stars) >= n ? count : 0), 0);
    const suggestion = res.suggestion?.village;
    return req.server.ocopViews!.send(req, reply, 'products', {
      title: query.q ? t('catalog.resultsFor', { q: query.q }) : t('catalog.title'),
      items: presentCards(res.items, lang, t),
      total: res.total,
      query,
      villages,
      groups: PRODUCT_GROUPS_FOR_SALE.map((g) => ({ value: g, label: t(`catalog.group.${g}`), count: res.facets.productGroup[g] ?? 0, selected: query.productGroup?.includes(g) ?? false })),
      starOptions: [3, 4, 5].map((n) => ({ value: n, label: t('catalog.starsAtLeast', { count: n }), count: atLeast(n), selected: n === query.minStars })),
      anyStars: query.minStars === undefined,
      sorts: PRODUCT_SORTS.map((s) => ({ value: s, label: t(`catalog.sort.${s}`), selected: s === query.sort })),
      clearFilters: FILTERS.some((k) => k !== 'sort' && k !== 'q' && query[k] !== undefined) ? (query.q ? `/products?${new URLSearchParams({ q: query.q })}` : '/products') : null,
      suggestion: suggestion ? { href: `/products?village=${encodeURIComponent(suggestion.slug)}`, text: t('catalog.suggestVillage', { village: suggestion.name, craft: suggestion.craft }) } : null,
      page: query.page,
      pages,
      prev: query.page > 1 ? link(query.page - 1) : null,
      next: query.page < pages ? link(query.page + 1) : null,
    });
  }

  @Get('products/:slug')
  async detail(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('slug') slug: string, @Query('cart') cart?: string) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const { product: p, sellable, reason } = await this.products.lookup(slug, lang);
    const c = p.certificate;
    return req.server.ocopViews!.send(
      req,
      reply,
      'product',
      {
        title: p.title,
        p,
        pictures: productPictures(p.images, p.productGroup, p.title, lang).map((pic, i) => ({ ...pic, anchor: `picture-${i + 1}`, n: i + 1 })),
        sellable,
        goneWhy: reason ? t('catalog.goneWhy', { reason: t(`catalog.reason.${reason}`) }) : null,
        price: formatVnd(p.priceVnd, lang),
        starsSvg: starsSvg(c.stars, t('catalog.stars', { count: c.stars })),
        group: t(`catalog.group.${p.productGroup}`),
        level: t(`catalog.level.${c.level}`),
        validUntil: t('catalog.validUntil', { date: formatVietnamTime(c.expiresAt, lang) }),
        canBuy: sellable && p.inStock,
        cartProblem: cartProblemText(cart, t),
        langNote: fallbackNote(t, p.fallbackLang as Locale | null, lang),
        madeIn: await this.madeIn(p.id, p.village, lang, t),
        experiences: sellable ? await this.villageExperiences(p.village.slug, lang, t) : [],
      },
      sellable ? 200 : 410,
    );
  }

  /**
   * What a product page shows of its village, shared by the requests of one second: the story
   * and the visits change seldom, and the page's price, stock and sellability are read fresh.
   */
  private readonly villageParts = new ShortMemo<unknown>(1000);

  /** "Made in <village>" with the teaser of the story that tells about the product (else its village's newest). */
  private madeIn(productId: string, village: { slug: string; name: string }, lang: Locale, t: T) {
    return this.villageParts.get(`made-in:${productId}:${lang}`, () => this.readMadeIn(productId, village, lang, t)) as ReturnType<typeof this.readMadeIn>;
  }

  private async readMadeIn(productId: string, village: { slug: string; name: string }, lang: Locale, t: T) {
    if (!village.slug) return null;
    const v = await this.villages.getBySlug(village.slug).catch(() => null);
    if (!v) return null;
    const story = await this.stories.forProduct(productId, v.id);
    return { text: t('villages.madeIn', { village: village.name }), story: story ? storyCard(story, lang) : null };
  }

  /** The experiences bookable in the product's village, as links with their price and length. */
  private villageExperiences(villageSlug: string, lang: Locale, t: T) {
    return this.villageParts.get(`visits:${villageSlug}:${lang}`, () => this.readVillageExperiences(villageSlug, lang, t)) as ReturnType<typeof this.readVillageExperiences>;
  }

  private async readVillageExperiences(villageSlug: string, lang: Locale, t: T) {
    if (!villageSlug) return [];
    return (await this.experiences.listPublic(villageSlug)).slice(0, 3).map((x) => ({
      id: x.id,
      title: titleIn(x.title, lang),
      facts: `${t('exp.perPerson', { price: formatVnd(x.pricePerPersonVnd, lang) })} · ${durationWords(x.durationMinutes, t)}`,
    }));
  }

  @Get('verify')
  async verifyForm(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query('code') code?: string) {
    const normalized = normalizeTraceCode(code);
    if (normalized) return reply.redirect(`/verify/${normalized}`, 303);
    const t = translator(requestLocale(req));
    return req.server.ocopViews!.send(req, reply, 'verify', { title: t('verify.title'), code: typeof code === 'string' ? code : '' }, code ? 400 : 200);
  }

  @Get('verify/:code')
  async verify(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('code') code: string) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const v = await this.products.verify(code, lang, req.ip);
    return req.server.ocopViews!.send(req, reply, 'verify', { title: `${t('verify.title')}: ${v.product.title}`, v, ...this.verification(v, lang, t) });
  }

  private verification(v: Verification, lang: Locale, t: T) {
    const c = v.certificate;
    if (!c.belongsToProducer) {
      // Another producer's certificate certifies nothing about this product: none of its record is shown as this product's.
      return {
        status: t('verify.status.notProducers', { producer: v.vendor.name }),
        statusOk: false,
        notProducers: true,
        successor: null,
        sale: v.sellable ? t('verify.onSale') : t('verify.notOnSale', { reason: t(`catalog.reason.${v.reason}`) }),
        hasTraceability: Object.keys(v.traceability).length > 0,
      };
    }
    const date = (d: Date | null) => (d ? formatVietnamTime(d, lang) : '');
    const status =
      c.status === 'active'
        ? t('verify.status.active', { date: date(c.expiresAt) })
        : c.status === 'revoked'
          ? c.revokeReason
            ? t('verify.status.revoked', { date: date(c.revokedAt), reason: c.revokeReason })
            : t('verify.status.revokedNoReason', { date: date(c.revokedAt) })
          : c.status === 'expired'
            ? t('verify.status.expired', { date: date(c.expiresAt) })
            : t('verify.status.superseded');
    return {
      status,
      statusOk: c.status === 'active',
      successor: c.supersededBy ? t('verify.supersededBy', { decisionNo: c.supersededBy.decisionNo, count: c.supersededBy.stars, date: date(c.supersededBy.expiresAt) }) : null,
      decision: t('verify.decision', { decisionNo: c.decisionNo, date: c.decisionDate }),
      starsSvg: starsSvg(c.stars, t('catalog.stars', { count: c.stars })),
      level: t(`catalog.level.${c.level}`),
      sale: v.sellable ? t('verify.onSale') : t('verify.notOnSale', { reason: t(`catalog.reason.${v.reason}`) }),
      hasTraceability: Object.keys(v.traceability).length > 0,
    };
  }
}
