import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { NotFoundError, ValidationError, type Actor } from '@ocop/core';
import { AddCartItemDto, cartKeyForUser, CartService, CheckoutDto, CheckoutService, OrdersService, SetCartQuantityDto } from '@ocop/orders';
import { PaymentsService } from '@ocop/payments';
import { CurrentUser, intQueryParam, requestLocale, Roles } from '@ocop/web';

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => new ValidationError(field, 'must be a UUID') });

/** `/api/cart`: the signed-in shopper's cart; lines that stopped selling are flagged and count nothing. */
@ApiTags('shop')
@ApiBearerAuth()
@Controller('api/cart')
@Roles('shopper')
export class CartController {
  constructor(private readonly cart: CartService) {}

  @Get()
  @ApiOperation({ summary: 'The cart: lines with live price, stock and sellability (and why not), the total of the sellable lines' })
  view(@CurrentUser() actor: Actor) {
    return this.cart.view(cartKeyForUser(actor.id));
  }

  @Post('items')
  @ApiOperation({ summary: 'Add a product (quantities add up); 404 unknown product, 409 { reason } when not sellable or not enough stock' })
  add(@CurrentUser() actor: Actor, @Body() body: AddCartItemDto) {
    return this.cart.add(cartKeyForUser(actor.id), body.productId, body.quantity);
  }

  @Patch('items/:productId')
  @ApiOperation({ summary: 'Set a line’s quantity (0 removes it); 409 when raising it past the stock' })
  set(@CurrentUser() actor: Actor, @Param('productId', uuid('productId')) productId: string, @Body() body: SetCartQuantityDto) {
    return this.cart.setQuantity(cartKeyForUser(actor.id), productId, body.quantity);
  }

  @Delete('items/:productId')
  @ApiOperation({ summary: 'Remove a line (idempotent)' })
  remove(@CurrentUser() actor: Actor, @Param('productId', uuid('productId')) productId: string) {
    return this.cart.remove(cartKeyForUser(actor.id), productId);
  }
}

/** `POST /api/checkout`: places the cart's order (stock reserved) and starts its payment. */
@ApiTags('shop')
@ApiBearerAuth()
@Controller('api/checkout')
@Roles('shopper')
export class CheckoutController {
  constructor(
    private readonly checkout: CheckoutService,
    private readonly payments: PaymentsService,
  ) {}

  @Post()
  @ApiOperation({
    summary:
      'Place the order of the whole cart, one sub-order per vendor: 201 { orderId, reference, totalVnd, payment }; 409 naming each line not sellable or short of stock (nothing reserved); 400 for an empty cart, a bad address, a method not enabled or products that cannot go abroad',
  })
  async place(@CurrentUser() actor: Actor, @Body() body: CheckoutDto, @Req() req: FastifyRequest) {
    const order = await this.checkout.checkout(actor, body, requestLocale(req));
    return { orderId: order.id, reference: order.reference, totalVnd: order.totalVnd, payment: await this.payments.startForOrder(order.id) };
  }
}

/** `/api/orders`: the shopper's own orders; anyone else's answers 404. */
@ApiTags('shop')
@ApiBearerAuth()
@Controller('api/orders')
@Roles('shopper')
export class ShopperOrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s orders, newest first, with sub-orders and lines' })
  @ApiQuery({ name: 'page', required: false })
  list(@CurrentUser() actor: Actor, @Query('page') page?: string) {
    return this.orders.listForShopper(actor, { page: intQueryParam(page, 'page', 100000, 1) });
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'One of the caller’s orders with its per-vendor sub-orders, lines and its payment (status, `payBy` and where it stands in words in `message`; null before one was started). A declined payment leaves the order open until `payBy`.',
  })
  async get(@CurrentUser() actor: Actor, @Param('id', uuid('id')) id: string) {
    const order = await this.orders.get(actor, id);
    const payment = await this.payments.shopperPayment(actor, order.id).catch((err: unknown) => {
      if (err instanceof NotFoundError) return null;
      throw err;
    });
    return { ...order, payment };
  }
}
