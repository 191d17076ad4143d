import { Module } from '@nestjs/common';

/** Storefront: villages and their stories (API and pages). */
@Module({})
export class StorefrontVillagesModule {}
