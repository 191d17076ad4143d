import { Module } from '@nestjs/common';

/** The shopper's pages: sign-up, cart, checkout, order and account. */
@Module({})
export class StorefrontShopModule {}
