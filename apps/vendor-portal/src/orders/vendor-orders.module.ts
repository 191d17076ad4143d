import { Module } from '@nestjs/common';

/** The vendor's sub-orders: list, pack, ship (API and pages). */
@Module({})
export class VendorOrdersModule {}
