import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeController, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { translator, type Actor } from '@ocop/core';
import { CertificationService, OwnCertificateListDto, type CertificateView } from '@ocop/certification';
import { CurrentUser, requestLocale, Roles } from '@ocop/web';
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

const formatDay = (day: string, lang: string) => (lang === 'vi' ? day.split('-').reverse().join('/') : day);

/** The page `/certificates`: each certificate with its stars, its status in plain words and the days it has left. */
@ApiExcludeController()
@Controller('certificates')
@Roles('vendor')
export class VendorCertificatesPages {
  constructor(private readonly certification: CertificationService) {}

  @Get()
  async page(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const items = (await this.certification.listOwn(actor)).map((c: CertificateView) => {
      const date = formatDay(c.validThrough, lang);
      const soon = c.status === 'active' && c.daysUntilExpiry <= SOON_DAYS;
      const words =
        c.status === 'active'
          ? t('vendorCerts.active', { date })
          : c.status === 'expired'
            ? t('vendorCerts.expired', { date })
            : c.status === 'revoked'
              ? t('vendorCerts.revoked', { reason: c.revokeReason ?? '' })
              : t('vendorCerts.superseded');
      return { ...c, soon, words, daysText: c.status === 'active' ? t('vendorCerts.daysLeft', { count: c.daysUntilExpiry }) : null };
    });
    const soonCount = items.filter((i) => i.soon).length;
    return req.server.ocopViews!.send(req, reply, 'certificates', { title: t('vendorCerts.title'), items, soonCount });
  }
}
