import { Controller, Get, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { addTranslations, translator, type Actor } from '@ocop/core';
import { ListingService, ProductQueryService } from '@ocop/catalog';
import { CertificationService, type CertificateView } from '@ocop/certification';
import { VendorsService } from '@ocop/vendors';
import { CurrentUser, intQueryParam, requestLocale, Roles } from '@ocop/web';
import { titleIn, vnTime } from '../orders/present';
import './audit.i18n';

addTranslations({
  vi: {
    'audit.scans.title': 'Mã truy xuất bị quét bất thường',
    'audit.scans.hint': 'Số lần quét vượt xa số đã bán: dấu hiệu nhãn bị sao chép.',
    'audit.scans.count': 'Lượt quét',
    'audit.scans.sold': 'Đã bán',
    'audit.scans.code': 'Mã',
    'audit.title': 'Nhật ký niêm yết',
    'audit.time': 'Thời gian',
    'audit.product': 'Sản phẩm',
    'audit.change': 'Thay đổi',
    'audit.reason': 'Lý do',
    'audit.actor': 'Người thực hiện',
    'audit.system': 'hệ thống',
    'audit.empty': 'Chưa có thay đổi nào.',
  },
  en: {
    'audit.scans.title': 'Codes scanned far more than sold',
    'audit.scans.hint': 'Scans far beyond units sold are a sign of copied labels.',
    'audit.scans.count': 'Scans',
    'audit.scans.sold': 'Sold',
    'audit.scans.code': 'Code',
    'audit.title': 'Listing audit log',
    'audit.time': 'Time',
    'audit.product': 'Product',
    'audit.change': 'Change',
    'audit.reason': 'Reason',
    'audit.actor': 'By',
    'audit.system': 'system',
    'audit.empty': 'No listing changes yet.',
  },
  de: {
    'audit.scans.title': 'Codes, die weit öfter gescannt als verkauft wurden',
    'audit.scans.hint': 'Viel mehr Scans als verkaufte Stück deuten auf kopierte Etiketten hin.',
    'audit.scans.count': 'Scans',
    'audit.scans.sold': 'Verkauft',
    'audit.scans.code': 'Code',
    'audit.title': 'Protokoll der Listungen',
    'audit.time': 'Zeit',
    'audit.product': 'Produkt',
    'audit.change': 'Änderung',
    'audit.reason': 'Grund',
    'audit.actor': 'Von',
    'audit.system': 'System',
    'audit.empty': 'Noch keine Änderungen.',
  },
  id: {
    'audit.scans.title': 'Kode yang dipindai jauh melebihi penjualan',
    'audit.scans.hint': 'Pemindaian jauh melebihi unit terjual menandakan label yang disalin.',
    'audit.scans.count': 'Pindaian',
    'audit.scans.sold': 'Terjual',
    'audit.scans.code': 'Kode',
    'audit.title': 'Log audit listing',
    'audit.time': 'Waktu',
    'audit.product': 'Produk',
    'audit.change': 'Perubahan',
    'audit.reason': 'Alasan',
    'audit.actor': 'Oleh',
    'audit.system': 'sistem',
    'audit.empty': 'Belum ada perubahan.',
  },
});

/** `GET /api/admin/audit`: every listing change (product, from → to, reason, actor, time), newest first. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/audit')
@Roles('admin')
export class AuditController {
  constructor(private readonly listing: ListingService) {}

  @Get()
  @ApiOperation({ summary: 'The listing audit log' })
  @ApiQuery({ name: 'productId', required: false })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'limit', required: false })
  list(@Query('productId', new ParseUUIDPipe({ optional: true })) productId?: string, @Query('page') page?: string, @Query('limit') limit?: string) {
    return this.listing.history({ productId, page: intQueryParam(page, 'page', 100000, 1), limit: intQueryParam(limit, 'limit', 500, 50) });
  }
}

/** `GET /api/admin/scans/anomalies`: trace codes scanned far more often than units sold (copied labels). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/scans')
@Roles('admin')
export class ScansController {
  constructor(private readonly products: ProductQueryService) {}

  @Get('anomalies')
  @ApiOperation({ summary: 'Codes scanned at least `minScans` times and more than `ratio` times the units sold' })
  @ApiQuery({ name: 'minScans', required: false })
  @ApiQuery({ name: 'ratio', required: false })
  async anomalies(@Query('minScans') minScans?: string, @Query('ratio') ratio?: string) {
    return { items: await this.products.scanAnomalies({ minScans: intQueryParam(minScans, 'minScans', 1_000_000, 20), ratio: intQueryParam(ratio, 'ratio', 1000, 5) }) };
  }
}

/** Reasons that name the certificate the change came from. */
const CERTIFICATE_REASONS = new Set(['certificate_revoked', 'certificate_expired', 'certificate_renewed']);
/** How far back a chain of renewals is followed to find the certificate in force at a change. */
const MAX_RENEWALS = 5;

/**
 * The certificate a product was under when a change was recorded: its current certificate, or
 * the one that certificate renewed when it was recorded only after the change (a renewal after an
 * expiry), and so on back.
 */
function certificateAt(current: CertificateView | undefined, at: Date, byId: Map<string, CertificateView>): CertificateView | undefined {
  let c = current;
  for (let i = 0; c && i < MAX_RENEWALS; i++) {
    // A renewal's change is written in the same transaction as the new certificate: allow for the clock.
    if (new Date(c.createdAt).getTime() <= at.getTime() + 5000) return c;
    const earlier = c.supersedesId ? byId.get(c.supersedesId) : undefined;
    if (!earlier) return c;
    c = earlier;
  }
  return c;
}

/** The page `/audit`: listing changes in words, with product, vendor and certificate names and Vietnam time. */
@Controller('audit')
@Roles('admin')
export class AuditPages {
  constructor(
    private readonly listing: ListingService,
    private readonly products: ProductQueryService,
    private readonly certification: CertificationService,
    private readonly vendors: VendorsService,
  ) {}

  @Get()
  async page(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @CurrentUser() actor: Actor, @Query('page') page?: string) {
    const lang = requestLocale(req);
    const t = translator(lang);
    const p = intQueryParam(page, 'page', 100000, 1);
    const [res, anomalies, vendors] = await Promise.all([this.listing.history({ page: p, limit: 100 }), this.products.scanAnomalies({ limit: 20 }), this.vendors.list(actor)]);
    const vendorName = new Map(vendors.map((v) => [v.id, v.name]));
    // The products' certificates and the ones they renewed, a generation at a time.
    const certs = new Map<string, CertificateView>();
    let wanted = [...new Set(res.items.map((r) => r.product?.certificateId).filter((x): x is string => !!x))];
    for (let i = 0; wanted.length && i <= MAX_RENEWALS; i++) {
      for (const c of await this.certification.getMany(actor, wanted)) certs.set(c.id, c);
      wanted = [...new Set([...certs.values()].map((c) => c.supersedesId).filter((x): x is string => !!x && !certs.has(x)))];
    }
    const items = res.items.map((r) => {
      const product = r.product;
      const cert = product && CERTIFICATE_REASONS.has(r.reason) ? certificateAt(certs.get(product.certificateId), new Date(r.createdAt), certs) : undefined;
      const key = `adminAudit.change.${r.toState}.${r.reason}`;
      const words = t(key);
      return {
        at: vnTime(r.createdAt, lang),
        product: product ? titleIn(product.titles, lang) || product.title : t('adminAudit.productGone'),
        vendor: product ? (vendorName.get(product.vendorId) ?? '') : '',
        change: words === key ? t(`adminAudit.state.${r.toState === 'listed' ? 'listed' : 'delisted'}`) : words,
        decision: cert ? { href: `/certificates/${cert.id}`, decisionNo: cert.decisionNo } : null,
        actor: r.actorEmail,
      };
    });
    return req.server.ocopViews!.send(req, reply, 'audit', {
      title: t('audit.title'),
      items,
      total: res.total,
      anomalies,
      prev: p > 1 ? p - 1 : null,
      next: p * 100 < res.total ? p + 1 : null,
    });
  }
}
