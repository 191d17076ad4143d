import { Booking } from './booking.entity';
import { CartBooking } from './cart-booking.entity';
import { Experience } from './experience.entity';
import { ExperienceSlot } from './experience-slot.entity';

export * from './experience.entity';
export * from './experience-slot.entity';
export * from './booking.entity';
export const EXPERIENCES_ENTITIES = [Experience, ExperienceSlot, Booking, CartBooking];
export * from './experiences.module';
export * from './experiences.wiring';
export * from './experience.rules';
export * from './experiences.repository';
export * from './experiences.service';
export * from './bookings.service';
export * from './booking-notices.service';
export * from './booking-calendar';
export * from './experiences.job-names';
export * from './dto/experience.dto';
