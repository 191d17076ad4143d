import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ValidationError, type Actor } from '@ocop/core';
import { AddCartBookingDto, BookingsService, CartBookingsService, CreateBookingDto, ExperiencesService } from '@ocop/experiences';
import { cartKeyForUser } from '@ocop/orders';
import { CurrentUser, requestLocale, Roles, textQueryParam } from '@ocop/web';

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => new ValidationError(field, 'must be a UUID') });

/** `/api/experiences`: published visits and workshops in the villages, and their upcoming dates. Public. */
@ApiTags('experiences')
@Controller('api/experiences')
export class StorefrontExperiencesController {
  constructor(private readonly experiences: ExperiencesService) {}

  @Get()
  @ApiOperation({ summary: 'Published experiences, newest first; `village` (a village slug) keeps that village’s only' })
  @ApiQuery({ name: 'village', required: false })
  async list(@Query('village') village?: unknown) {
    return { items: await this.experiences.listPublic(textQueryParam(village, 'village', 160)) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One published experience with its village; 404 for a draft or an unknown id' })
  get(@Param('id', uuid('id')) id: string) {
    return this.experiences.getPublic(id);
  }

  @Get(':id/slots')
  @ApiOperation({ summary: 'Upcoming open dates of a published experience, soonest first, each with its `remaining` seats' })
  async slots(@Param('id', uuid('id')) id: string) {
    return { items: await this.experiences.upcomingSlots(id) };
  }
}

/** `/api/bookings`: the signed-in shopper's bookings; anyone else's answers 404. */
@ApiTags('experiences')
@ApiBearerAuth()
@Controller('api/bookings')
@Roles('shopper')
export class BookingsController {
  constructor(private readonly bookings: BookingsService) {}

  @Post()
  @ApiOperation({
    summary:
      'Book seats on a date: 201 booking `awaiting_payment` with its `payment` (pay by `expiresAt`, or it is cancelled and the seats freed); 409 { reason: slot_full | slot_closed | slot_started }; 400 naming `people` outside the group limits or a `paymentMethod` not enabled; 404 unknown slot',
  })
  book(@CurrentUser() actor: Actor, @Body() body: CreateBookingDto, @Req() req: FastifyRequest) {
    return this.bookings.book(actor, body, requestLocale(req));
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s bookings, newest first' })
  async list(@CurrentUser() actor: Actor) {
    return { items: await this.bookings.listForShopper(actor) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of the caller’s bookings with its experience, date, payment and what cancelling now would refund (`refundIfCancelledVnd`)' })
  get(@CurrentUser() actor: Actor, @Param('id', uuid('id')) id: string) {
    return this.bookings.getForShopper(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Cancel before the start: refunded in full when at least the experience’s free-cancellation hours remain, otherwise not refunded; seats freed either way. 409 { reason: not_cancellable | slot_started }',
  })
  cancel(@CurrentUser() actor: Actor, @Param('id', uuid('id')) id: string) {
    return this.bookings.cancel(actor, id);
  }
}

/** `/api/cart/bookings`: places on experience dates in the signed-in shopper's cart, paid with its products in one checkout. */
@ApiTags('shop')
@ApiBearerAuth()
@Controller('api/cart/bookings')
@Roles('shopper')
export class CartBookingsController {
  constructor(private readonly places: CartBookingsService) {}

  @Post()
  @ApiOperation({
    summary:
      'Put a party on a date into the cart (a date already there gets the new party size; no seats are held until checkout): 201 the cart with its `bookings`; 404 unknown date; 400 naming `people` outside the group limits; 409 { reason: slot_full | slot_closed | slot_started }',
  })
  add(@CurrentUser() actor: Actor, @Body() body: AddCartBookingDto, @Req() req: FastifyRequest) {
    return this.places.add(cartKeyForUser(actor.id), body.slotId, body.people, requestLocale(req));
  }

  @Delete(':slotId')
  @ApiOperation({ summary: 'Take a date out of the cart (idempotent); 200 the cart' })
  remove(@CurrentUser() actor: Actor, @Param('slotId', uuid('slotId')) slotId: string, @Req() req: FastifyRequest) {
    return this.places.remove(cartKeyForUser(actor.id), slotId, requestLocale(req));
  }
}
