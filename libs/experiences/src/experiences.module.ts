import { Module } from '@nestjs/common';
import { NotificationsModule } from '@ocop/notifications';
import { OrdersModule } from '@ocop/orders';
import { PaymentsModule } from '@ocop/payments';
import { BookingNotices } from './booking-notices.service';
import { BookingsService } from './bookings.service';
import { CartBookingsService } from './cart-bookings.service';
import { ExperiencesService } from './experiences.service';

const SERVICES = [ExperiencesService, BookingsService, BookingNotices, CartBookingsService];

/**
 * Visits and workshops in craft villages: experiences, slots and bookings, and places on dates
 * kept in carts (registered with the cart and checkout of the process's orders module).
 */
@Module({ imports: [OrdersModule, PaymentsModule, NotificationsModule], providers: SERVICES, exports: SERVICES })
export class ExperiencesModule {}
