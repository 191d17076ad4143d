import { Module } from '@nestjs/common';

/** Vendor: products, images, publishing, QR labels (API and pages). */
@Module({})
export class VendorProductsModule {}
