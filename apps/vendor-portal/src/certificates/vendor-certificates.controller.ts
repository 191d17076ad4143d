import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator, type Actor } from '@ocop/core';
import { CertificationService, OwnCertificateListDto, type CertificateView } from '@ocop/certification';
import { ProductsService } from '@ocop/catalog';
import { CurrentUser, requestLocale, Roles } from '@ocop/web';
import { dayText } from '../orders/present';
import './certificates.i18n';

/** Certificates lapsing within this many days are highlighted. */
const SOON_DAYS = 90;

/** `GET /api/vendor/certificates`: the caller's vendor's certificates, soonest to lapse first. */
@ApiTags('vendor')
@ApiBearerAuth()
@Controller('api/vendor/certificates')
@Roles('vendor')
export class VendorCertificatesController {
  constructor(private readonly certification: CertificationService) {}

  @Get()
  @ApiOperation({ summary: "Your vendor's OCOP certificates with their derived status (active | expired | revoked | superseded) and days until expiry" })
  @ApiOkResponse({ type: OwnCertificateListDto })
  async list(@CurrentUser() actor: Actor) {
    return { items: await this.certification.listOwn(actor) };
  }
}

/**
 * The page `/certificates`: each certificate with its stars, its state and dates in plain words,
 * the days it has left, how many of the vendor's products it covers and, for one expired or
 * expiring soon, how to renew it. Each row is the target `#cert-<id>` a refused publish links to.
 */
@ApiExcludeController()
@Controller('certificates')
@Roles('vendor')
export class VendorCertificatesPages {
  constructor(
    private readonly certification: CertificationService,
    private readonly products: ProductsService,
  ) {}

  @Get()
  async page(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const covered = new Map<string, number>();
    for (let page = 1; ; page++) {
      const { items, total } = await this.products.list(actor, { page, limit: 200 });
      for (const p of items) covered.set(p.certificateId, (covered.get(p.certificateId) ?? 0) + 1);
      if (items.length === 0 || page * 200 >= total) break;
    }
    const items = (await this.certification.listOwn(actor)).map((c: CertificateView) => {
      const date = dayText(c.validThrough, lang);
      const soon = c.status === 'active' && c.daysUntilExpiry <= SOON_DAYS;
      const words =
        c.status === 'active'
          ? t('vendorCerts.active', { date })
          : c.status === 'expired'
            ? t('vendorCerts.expired', { date })
            : c.status === 'revoked'
              ? c.revokeReason
                ? t('vendorCerts.revoked', { reason: c.revokeReason })
                : t('vendorCerts.revokedNoReason')
              : t('vendorCerts.superseded');
      const products = covered.get(c.id) ?? 0;
      return {
        id: c.id,
        productName: c.productName,
        decisionNo: c.decisionNo,
        certificateNo: c.certificateNo,
        issuingBody: c.issuingBody,
        decided: t('vendorCerts.decidedOn', { date: dayText(c.decisionDate, lang) }),
        stars: c.stars,
        status: c.status,
        soon,
        words,
        daysText: c.status === 'active' ? t('vendorCerts.daysLeft', { count: c.daysUntilExpiry }) : null,
        renew: soon || c.status === 'expired' ? t('vendorCerts.renewHow') : null,
        productsText: t('vendorCerts.products', { count: products }),
        productsHref: products > 0 ? '/products' : null,
      };
    });
    const soonCount = items.filter((i) => i.soon).length;
    return req.server.ocopViews!.send(req, reply, 'certificates', { title: t('vendorCerts.title'), items, soonCount });
  }
}
