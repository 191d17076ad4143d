import { Module } from '@nestjs/common';

/** The shopper's cart, checkout and orders API. */
@Module({})
export class StorefrontOrdersModule {}
