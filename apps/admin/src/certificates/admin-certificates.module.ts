import { Module } from '@nestjs/common';

/** Admin: the certificate registry, CSV import, revocation, renewal, inspections (API and pages). */
@Module({})
export class AdminCertificatesModule {}
