import { Module } from '@nestjs/common';
import { CatalogModule } from '@ocop/catalog';
import { ExperiencesModule } from '@ocop/experiences';
import { BookingPages } from './booking.pages';
import { ExperiencePages } from './experience.pages';
import { BookingsController, CartBookingsController, StorefrontExperiencesController } from './storefront-experiences.controller';

/** Experiences, their slots, places on them in the cart and the shopper's bookings (API and pages). */
@Module({
  imports: [ExperiencesModule, CatalogModule],
  controllers: [
    // JSON API
    StorefrontExperiencesController,
    BookingsController,
    CartBookingsController,
    // Pages
    ExperiencePages,
    BookingPages,
  ],
})
export class StorefrontExperiencesModule {}
