import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationError, type Actor } from '@ocop/core';
import { BookingsService, CreateExperienceDto, CreateSlotDto, ExperiencesService, UpdateExperienceDto } from '@ocop/experiences';
import { CurrentUser, Roles } from '@ocop/web';

const idParam = new ParseUUIDPipe({ exceptionFactory: () => new ValidationError('id', 'must be a UUID') });

/** `/api/vendor/experiences`: the caller's vendor's experiences only; another vendor's answers 404. */
@ApiTags('vendor')
@ApiBearerAuth()
@Controller('api/vendor/experiences')
@Roles('vendor')
export class VendorExperiencesController {
  constructor(private readonly experiences: ExperiencesService) {}

  @Post()
  @ApiOperation({ summary: 'Create an experience as a draft (text fields: a string in Vietnamese, or { vi, en, de, id }); the village defaults to the vendor’s' })
  create(@CurrentUser() actor: Actor, @Body() body: CreateExperienceDto) {
    return this.experiences.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'The vendor’s experiences, newest first' })
  async list(@CurrentUser() actor: Actor) {
    return { items: await this.experiences.listOwn(actor) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of the vendor’s experiences with all its slots (seats taken and remaining)' })
  get(@CurrentUser() actor: Actor, @Param('id', idParam) id: string) {
    return this.experiences.getOwn(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change any field (texts merge per language); new prices apply to later bookings' })
  update(@CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() body: UpdateExperienceDto) {
    return this.experiences.update(actor, id, body);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Show it on the storefront (idempotent); 409 { reason: vendor_not_approved }' })
  publish(@CurrentUser() actor: Actor, @Param('id', idParam) id: string) {
    return this.experiences.setPublished(actor, id, true);
  }

  @Post(':id/unpublish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take it off the storefront (idempotent); existing bookings stay' })
  unpublish(@CurrentUser() actor: Actor, @Param('id', idParam) id: string) {
    return this.experiences.setPublished(actor, id, false);
  }

  @Post(':id/slots')
  @ApiOperation({ summary: 'Add a date: { startsAt (ISO-8601, future), capacity }' })
  addSlot(@CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() body: CreateSlotDto) {
    return this.experiences.addSlot(actor, id, body);
  }

  @Get(':id/bookings')
  @ApiOperation({ summary: 'The experience’s bookings, newest first, with their date and the shopper’s name' })
  async bookings(@CurrentUser() actor: Actor, @Param('id', idParam) id: string) {
    return { items: await this.experiences.bookingsOfOwn(actor, id) };
  }
}

/** `/api/vendor/slots`: the caller's vendor's slots; another vendor's answers 404. */
@ApiTags('vendor')
@ApiBearerAuth()
@Controller('api/vendor/slots')
@Roles('vendor')
export class VendorSlotsController {
  constructor(private readonly bookings: BookingsService) {}

  @Get(':id/cancellation')
  @ApiOperation({ summary: 'What cancelling the slot would do: how many confirmed bookings are refunded (and how much) and unpaid ones cancelled' })
  preview(@CurrentUser() actor: Actor, @Param('id', idParam) id: string) {
    return this.bookings.slotCancellationPreview(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a date: every confirmed booking refunded in full and its shopper e-mailed, unpaid ones cancelled; idempotent' })
  cancel(@CurrentUser() actor: Actor, @Param('id', idParam) id: string) {
    return this.bookings.cancelSlot(actor, id);
  }
}
