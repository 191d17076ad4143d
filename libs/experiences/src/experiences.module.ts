import { Module } from '@nestjs/common';
import { NotificationsModule } from '@ocop/notifications';
import { PaymentsModule } from '@ocop/payments';
import { BookingNotices } from './booking-notices.service';
import { BookingsService } from './bookings.service';
import { ExperiencesService } from './experiences.service';

const SERVICES = [ExperiencesService, BookingsService, BookingNotices];

/** Visits and workshops in craft villages: experiences, slots and bookings. */
@Module({ imports: [PaymentsModule, NotificationsModule], providers: SERVICES, exports: SERVICES })
export class ExperiencesModule {}
