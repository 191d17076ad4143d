import { Module } from '@nestjs/common';

/** Admin: listing audit log and scan statistics (API and pages). */
@Module({})
export class AdminAuditModule {}
