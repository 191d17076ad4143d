import { Module } from '@nestjs/common';

/** Admin: vendor approval and suspension (API and pages). */
@Module({})
export class AdminVendorsModule {}
