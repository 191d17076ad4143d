import { Module } from '@nestjs/common';
import { CatalogModule } from '@ocop/catalog';
import { AuditController, AuditPages, ScansController } from './audit.controller';

/** Admin: listing audit log and scan statistics (API and pages). */
@Module({ imports: [CatalogModule], controllers: [AuditController, ScansController, AuditPages] })
export class AdminAuditModule {}
