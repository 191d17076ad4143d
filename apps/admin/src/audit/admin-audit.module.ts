import { Module } from '@nestjs/common';
import { CatalogModule } from '@ocop/catalog';
import { AuditController, AuditPages } from './audit.controller';

/** Admin: listing audit log and scan statistics (API and pages). */
@Module({ imports: [CatalogModule], controllers: [AuditController, AuditPages] })
export class AdminAuditModule {}
