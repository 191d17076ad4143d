import { Module } from '@nestjs/common';

/** Visits and workshops in craft villages: experiences, slots and bookings. */
@Module({})
export class ExperiencesModule {}
