import { Module } from '@nestjs/common';
import { CertificationModule } from '@ocop/certification';
import { VendorCertificatesController, VendorCertificatesPages } from './vendor-certificates.controller';

/** Vendor: the vendor's own certificates and their expiry (API and pages). */
@Module({ imports: [CertificationModule], controllers: [VendorCertificatesController, VendorCertificatesPages] })
export class VendorCertificatesModule {}
