import { Module } from '@nestjs/common';
import { CatalogModule } from '@ocop/catalog';
import { CertificationModule } from '@ocop/certification';
import { VendorsModule } from '@ocop/vendors';
import { AuditController, AuditPages, ScansController } from './audit.controller';

/** Admin: listing audit log and scan statistics (API and pages); the page names vendors and certificates. */
@Module({ imports: [CatalogModule, CertificationModule, VendorsModule], controllers: [AuditController, ScansController, AuditPages] })
export class AdminAuditModule {}
