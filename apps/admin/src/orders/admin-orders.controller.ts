import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ValidationError, type Actor } from '@ocop/core';
import { CancelOrderDto, OrdersService, PAYMENT_STATES, ResolveReviewDto } from '@ocop/orders';
import { CurrentUser, intQueryParam, Roles, textQueryParam } from '@ocop/web';

const idParam = new ParseUUIDPipe({ exceptionFactory: () => new ValidationError('id', 'must be a UUID') });

/** `/api/admin/orders`: every order, filtered; the review list; cancelling unpaid orders. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/orders')
@Roles('admin')
export class AdminOrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @ApiOperation({ summary: 'Orders, newest first, 50 a page, with shopper, vendors, sub-orders and lines' })
  @ApiQuery({ name: 'status', required: false, enum: ['awaiting_payment', 'paid', 'cancelled', 'refunded'] })
  @ApiQuery({ name: 'vendorId', required: false })
  @ApiQuery({ name: 'paymentState', required: false, enum: PAYMENT_STATES })
  @ApiQuery({ name: 'page', required: false })
  list(@CurrentUser() actor: Actor, @Query('status') status?: string, @Query('vendorId') vendorId?: string, @Query('paymentState') paymentState?: string, @Query('page') page?: string) {
    return this.orders.list(actor, {
      status: textQueryParam(status, 'status', 24),
      vendorId: textQueryParam(vendorId, 'vendorId', 36),
      paymentState: textQueryParam(paymentState, 'paymentState', 24),
      page: intQueryParam(page, 'page', 100000, 1),
    });
  }

  @Get('flagged')
  @ApiOperation({ summary: 'Sub-orders waiting for review (e.g. paid, but a product’s certificate was revoked before shipping)' })
  async flagged(@CurrentUser() actor: Actor) {
    return { items: await this.orders.flagged(actor) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One order with its shopper, sub-orders and lines' })
  get(@CurrentUser() actor: Actor, @Param('id', idParam) id: string) {
    return this.orders.getForAdmin(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an unpaid order (stock released); 409 for a paid one, which is refunded through payments instead' })
  cancel(@CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() body: CancelOrderDto) {
    return this.orders.cancelByAdmin(actor, id, body.reason);
  }
}

/** `/api/admin/sub-orders/:id/review`: the admin's decision on a flagged sub-order. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/sub-orders')
@Roles('admin')
export class AdminSubOrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post(':id/review')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve the review of a flagged sub-order with a note; its vendor may then ship it. 409 when it is not waiting for review' })
  review(@CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() body: ResolveReviewDto) {
    return this.orders.resolveReview(actor, id, body.note);
  }
}
