import { Module } from '@nestjs/common';
import { CatalogModule } from '@ocop/catalog';
import { CertificationModule } from '@ocop/certification';
import { OrdersModule } from '@ocop/orders';
import { AdminCertificatesController, AdminInspectionsController } from './admin-certificates.controller';
import { AdminCertificatesPages } from './admin-certificates.pages';
import { AdminInspectionsPages } from './admin-inspections.pages';

/**
 * Admin: the certificate registry, CSV import, revocation, renewal, inspections (API and pages).
 * The catalogue is imported so revocations and renewals reach its listing reactions, and for the
 * product counts it may answer; orders for what a revocation would do to them.
 */
@Module({
  imports: [CertificationModule, CatalogModule, OrdersModule],
  controllers: [AdminCertificatesController, AdminInspectionsController, AdminCertificatesPages, AdminInspectionsPages],
})
export class AdminCertificatesModule {}
