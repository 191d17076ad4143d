import { Module } from '@nestjs/common';
import { ExperiencesModule } from '@ocop/experiences';
import { VendorExperiencesController, VendorSlotsController } from './vendor-experiences.controller';
import { VendorExperiencesPages } from './vendor-experiences.pages';

/** The vendor's experiences, slots and bookings (API and pages). */
@Module({
  imports: [ExperiencesModule],
  controllers: [
    // JSON API
    VendorExperiencesController,
    VendorSlotsController,
    // Pages
    VendorExperiencesPages,
  ],
})
export class VendorExperiencesModule {}
