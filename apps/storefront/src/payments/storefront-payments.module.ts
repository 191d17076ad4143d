import { Module } from '@nestjs/common';

/** Payment webhooks, the sandbox's pay page and its API. */
@Module({})
export class StorefrontPaymentsModule {}
