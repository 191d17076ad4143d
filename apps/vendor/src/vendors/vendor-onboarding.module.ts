import { Module } from '@nestjs/common';

/** Vendor: creating a vendor, its profile and staff (API and pages). */
@Module({})
export class VendorOnboardingModule {}
