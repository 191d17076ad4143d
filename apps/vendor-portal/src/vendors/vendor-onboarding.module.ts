import { Module } from '@nestjs/common';
import { VendorsModule } from '@ocop/vendors';
import { InvitationPages, OnboardingPages, StaffPages } from './onboarding.pages';
import { VendorProfileController, VendorSignUpController } from './vendors.controller';

/** Vendor: creating a vendor, its profile, staff and staff invitations (API and pages). Re-exports the vendors library for the home page. */
@Module({ imports: [VendorsModule], controllers: [VendorSignUpController, VendorProfileController, OnboardingPages, StaffPages, InvitationPages], exports: [VendorsModule] })
export class VendorOnboardingModule {}
