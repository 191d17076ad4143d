import { Module } from '@nestjs/common';

/** Experiences, their slots and the shopper's bookings (API and pages). */
@Module({})
export class StorefrontExperiencesModule {}
