import { Module } from '@nestjs/common';

/** Vendor: the vendor's own certificates and their expiry (API and pages). */
@Module({})
export class VendorCertificatesModule {}
