import { Module } from '@nestjs/common';

/** The vendor's experiences, slots and bookings (API and pages). */
@Module({})
export class VendorExperiencesModule {}
