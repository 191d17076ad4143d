import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationError, type Actor } from '@ocop/core';
import { AddStaffDto, CreateVendorDto, UpdateVendorProfileDto, VendorDto, VendorMemberDto, VendorMemberListDto, VendorProfileDto, VendorsService } from '@ocop/vendors';
import { Authenticated, CurrentUser } from '@ocop/web';

/** `POST /api/vendors`: any logged-in person signs an OCOP entity up and becomes its owner. */
@ApiTags('vendor')
@ApiBearerAuth()
@Controller('api/vendors')
@Authenticated()
export class VendorSignUpController {
  constructor(private readonly vendors: VendorsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a vendor in pending (awaiting approval); the caller becomes its owner. 409 when the caller already works for a vendor' })
  @ApiCreatedResponse({ type: VendorDto })
  create(@CurrentUser() actor: Actor, @Body() body: CreateVendorDto) {
    return this.vendors.create(actor, body);
  }
}

/**
 * `/api/vendor/profile` and `/api/vendor/staff`: the caller's own vendor, whatever its status (a
 * pending or suspended vendor still manages its profile and people). 404 for a caller who works
 * for no vendor; changes are the owner's (403 for staff).
 */
@ApiTags('vendor')
@ApiBearerAuth()
@Controller('api/vendor')
@Authenticated()
export class VendorProfileController {
  constructor(private readonly vendors: VendorsService) {}

  @Get('profile')
  @ApiOperation({ summary: "The caller's vendor with its village" })
  @ApiOkResponse({ type: VendorProfileDto })
  profile(@CurrentUser() actor: Actor) {
    return this.vendors.profile(actor);
  }

  @Patch('profile')
  @ApiOperation({ summary: 'Change name, address, tax code or contact e-mail (owner only)' })
  @ApiOkResponse({ type: VendorProfileDto })
  update(@CurrentUser() actor: Actor, @Body() body: UpdateVendorProfileDto) {
    return this.vendors.updateProfile(actor, body);
  }

  @Get('staff')
  @ApiOperation({ summary: 'Everyone working for the vendor, owner first' })
  @ApiOkResponse({ type: VendorMemberListDto })
  async staff(@CurrentUser() actor: Actor) {
    return { items: await this.vendors.staff(actor) };
  }

  @Post('staff')
  @ApiOperation({ summary: 'Add a registered account that works for no vendor as staff (owner only); 404 no such account, 409 already works for a vendor' })
  @ApiCreatedResponse({ type: VendorMemberDto })
  addStaff(@CurrentUser() actor: Actor, @Body() body: AddStaffDto) {
    return this.vendors.addStaff(actor, body.email);
  }

  @Delete('staff/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a staff member (owner only); the owner cannot be removed (409)' })
  @ApiNoContentResponse()
  async removeStaff(@CurrentUser() actor: Actor, @Param('userId', new ParseUUIDPipe({ exceptionFactory: () => new ValidationError('userId', 'must be a UUID') })) userId: string): Promise<void> {
    await this.vendors.removeStaff(actor, userId);
  }
}
