import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ValidationError, type Actor } from '@ocop/core';
import { OrdersService, ShipSubOrderDto } from '@ocop/orders';
import { CurrentUser, intQueryParam, Roles, textQueryParam } from '@ocop/web';

const idParam = new ParseUUIDPipe({ exceptionFactory: () => new ValidationError('id', 'must be a UUID') });

/** `/api/vendor/orders`: the caller's vendor's sub-orders only; another vendor's answers 404. */
@ApiTags('vendor')
@ApiBearerAuth()
@Controller('api/vendor/orders')
@Roles('vendor')
export class VendorOrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @ApiOperation({ summary: 'The vendor’s sub-orders, newest first, with lines; the shipping address once paid' })
  @ApiQuery({ name: 'status', required: false, enum: ['awaiting_payment', 'paid', 'packed', 'shipped', 'cancelled', 'refunded'] })
  @ApiQuery({ name: 'page', required: false })
  list(@CurrentUser() actor: Actor, @Query('status') status?: string, @Query('page') page?: string) {
    return this.orders.listForVendor(actor, { status: textQueryParam(status, 'status', 24), page: intQueryParam(page, 'page', 100000, 1) });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of the vendor’s sub-orders' })
  get(@CurrentUser() actor: Actor, @Param('id', idParam) id: string) {
    return this.orders.getForVendor(actor, id);
  }

  @Post(':id/pack')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a paid sub-order packed (idempotent); 409 when not paid or under review' })
  pack(@CurrentUser() actor: Actor, @Param('id', idParam) id: string) {
    return this.orders.markPacked(actor, id);
  }

  @Post(':id/ship')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ship a paid or packed sub-order with its carrier and tracking number; the shopper is e-mailed. 409 when not paid or under review' })
  ship(@CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() body: ShipSubOrderDto) {
    return this.orders.ship(actor, id, body);
  }
}
