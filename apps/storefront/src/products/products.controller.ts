import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiGoneResponse, ApiNotFoundResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { PRODUCT_GROUPS_FOR_SALE, PRODUCT_SORTS, ProductQueryService } from '@ocop/catalog';
import { LOCALES } from '@ocop/core';

/** `GET /api/products` and `GET /api/products/:slug`: the public catalogue (sellable products only). */
@ApiTags('storefront')
@Controller('api/products')
export class StorefrontProductsController {
  constructor(private readonly products: ProductQueryService) {}

  @Get()
  @ApiOperation({
    summary: 'Sellable products from the search index with total and facets (village slug, product group, stars); 400 names a bad parameter',
    description:
      'Each facet counts its values as if its own filter were not set, so another village or a lower rating can still be picked. ' +
      'When words find nothing, `suggestion.village` names the village whose name, craft or province comes nearest.',
  })
  @ApiQuery({
    name: 'q',
    required: false,
    description: 'words in any title (vi, en, de, id), description, village, province or vendor; accents and case ignored, the last word as a prefix, one typo forgiven from 5 letters (two from 9)',
  })
  @ApiQuery({ name: 'village', required: false, description: 'village slug; repeat or separate by commas for several' })
  @ApiQuery({ name: 'productGroup', required: false, enum: PRODUCT_GROUPS_FOR_SALE, description: 'repeat or separate by commas for several' })
  @ApiQuery({ name: 'inStock', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'minStars', required: false, description: '1–5' })
  @ApiQuery({ name: 'minPrice', required: false, description: 'VND, inclusive' })
  @ApiQuery({ name: 'maxPrice', required: false, description: 'VND, inclusive' })
  @ApiQuery({ name: 'sort', required: false, enum: PRODUCT_SORTS })
  @ApiQuery({ name: 'page', required: false, description: '1-based' })
  @ApiQuery({ name: 'limit', required: false, description: '1–100, default 20' })
  @ApiQuery({ name: 'lang', required: false, enum: LOCALES, description: 'language of the titles (falls back to Vietnamese)' })
  list(@Query() query: Record<string, unknown>) {
    return this.products.list(query);
  }

  @Get(':slug')
  @ApiOperation({ summary: 'A sellable product with its certificate, vendor and village' })
  @ApiQuery({ name: 'lang', required: false, enum: LOCALES })
  @ApiGoneResponse({ description: '{ statusCode: 410, message, reason } when the product exists but may not be sold now' })
  @ApiNotFoundResponse({ description: 'unknown product' })
  detail(@Param('slug') slug: string, @Query('lang') lang?: string) {
    return this.products.detail(slug, lang);
  }
}

/** `GET /api/verify/:code`: the target of a label's QR code. */
@ApiTags('storefront')
@Controller('api/verify')
export class VerifyController {
  constructor(private readonly products: ProductQueryService) {}

  @Get(':code')
  @ApiOperation({
    summary: 'The product behind a trace code with the live status of its OCOP certificate (delisted products too); counts the scan',
    description:
      "Each client counts once per product and UTC day (its address is kept only inside a hash). `certificate.belongsToProducer` is false when the certificate was issued to another producer than the product's vendor: it then certifies nothing about this product.",
  })
  @ApiQuery({ name: 'lang', required: false, enum: LOCALES })
  @ApiNotFoundResponse({ description: 'unknown code' })
  verify(@Req() req: FastifyRequest, @Param('code') code: string, @Query('lang') lang?: string) {
    return this.products.verify(code, lang, req.ip);
  }
}
