import { Module } from '@nestjs/common';
import { CatalogModule } from '@ocop/catalog';
import { CertificationModule } from '@ocop/certification';
import { VendorCertificatesController, VendorCertificatesPages } from './vendor-certificates.controller';

/** Vendor: the vendor's own certificates and their expiry (API and pages). */
@Module({ imports: [CertificationModule, CatalogModule], controllers: [VendorCertificatesController, VendorCertificatesPages] })
export class VendorCertificatesModule {}
