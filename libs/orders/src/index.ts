import { CartItem } from './cart-item.entity';
import { Order } from './order.entity';
import { OrderLine } from './order-line.entity';
import { SubOrder } from './sub-order.entity';

export * from './cart-item.entity';
export * from './order.entity';
export * from './sub-order.entity';
export * from './order-line.entity';
export const ORDERS_ENTITIES = [CartItem, Order, SubOrder, OrderLine];
export * from './orders.module';
export * from './orders.wiring';
