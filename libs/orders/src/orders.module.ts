import { Module } from '@nestjs/common';
import { NotificationsModule } from '@ocop/notifications';
import { CartService } from './cart.service';
import { CheckoutService } from './checkout.service';
import { OrderNotices } from './order-notices.service';
import { OrdersService } from './orders.service';

const SERVICES = [CartService, CheckoutService, OrdersService, OrderNotices];

/** Carts, checkout, orders split per vendor, fulfilment and cancellation. */
@Module({ imports: [NotificationsModule], providers: SERVICES, exports: SERVICES })
export class OrdersModule {}
