import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ValidationError, type Actor } from '@ocop/core';
import {
  CreateVendorDto,
  InvitationSentDto,
  InviteStaffDto,
  MembershipDto,
  UpdateVendorProfileDto,
  VendorDto,
  VendorInvitationsService,
  VendorMemberListDto,
  VendorProfileDto,
  VendorsService,
} from '@ocop/vendors';
import { Authenticated, CurrentUser, VendorOwner } from '@ocop/web';

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

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => new ValidationError(field, 'must be a UUID') });

/**
 * `/api/vendor/profile`, `/api/vendor/staff` and `/api/vendor/invitations`: the caller's own
 * vendor, whatever its status (a pending or suspended vendor still manages its profile and
 * people). 404 for a caller who works for no vendor; changes are the owner's (403 for staff).
 * Accepting an invitation is the one route here for someone who works for no vendor yet.
 */
@ApiTags('vendor')
@ApiBearerAuth()
@Controller('api/vendor')
@Authenticated()
export class VendorProfileController {
  constructor(
    private readonly vendors: VendorsService,
    private readonly invitations: VendorInvitationsService,
  ) {}

  @Get('profile')
  @ApiOperation({ summary: "The caller's vendor with its village" })
  @ApiOkResponse({ type: VendorProfileDto })
  profile(@CurrentUser() actor: Actor) {
    return this.vendors.profile(actor);
  }

  @Patch('profile')
  @VendorOwner()
  @ApiOperation({ summary: 'Change name, address, tax code or contact e-mail (owner only)' })
  @ApiOkResponse({ type: VendorProfileDto })
  update(@CurrentUser() actor: Actor, @Body() body: UpdateVendorProfileDto) {
    return this.vendors.updateProfile(actor, body);
  }

  @Get('staff')
  @ApiOperation({ summary: "Everyone working for the vendor, owner first; the owner's answer also lists the open invitations" })
  @ApiOkResponse({ type: VendorMemberListDto })
  async staff(@CurrentUser() actor: Actor) {
    const items = await this.vendors.staff(actor);
    return actor.vendorRole === 'owner' ? { items, invitations: await this.invitations.pending(actor) } : { items };
  }

  @Post('staff')
  @VendorOwner()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Invite an address as staff (owner only): a single-use link valid 7 days is e-mailed; nobody joins until they accept it',
    description:
      'The answer is the same whether or not the address has an account or already works for a vendor. Inviting an address again replaces its open invitation. 429 past 50 invitations a day.',
  })
  @ApiAcceptedResponse({ type: InvitationSentDto })
  async invite(@CurrentUser() actor: Actor, @Body() body: InviteStaffDto): Promise<InvitationSentDto> {
    await this.invitations.invite(actor, body.email);
    return { message: `An invitation was sent to ${body.email.trim().toLowerCase()} if the address can receive one; nobody joins until they accept it` };
  }

  @Post('invitations/:token/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invitation as the invited account: the caller becomes staff of the inviting vendor' })
  @ApiOkResponse({ type: MembershipDto })
  @ApiNotFoundResponse({ description: 'unknown or used token, or an invitation sent to another address' })
  @ApiGoneResponse({ description: 'expired or withdrawn' })
  @ApiConflictResponse({ description: '{ reason: "already_member" } when the caller already works for a vendor' })
  accept(@CurrentUser() actor: Actor, @Param('token') token: string) {
    return this.invitations.accept(actor, token);
  }

  @Delete('invitations/:id')
  @VendorOwner()
  @HttpCode(204)
  @ApiOperation({ summary: "Withdraw an open invitation (owner only); its link stops working. 404 for another vendor's or one no longer open" })
  @ApiNoContentResponse()
  async withdraw(@CurrentUser() actor: Actor, @Param('id', uuid('id')) id: string): Promise<void> {
    await this.invitations.withdraw(actor, id);
  }

  @Delete('staff/:userId')
  @VendorOwner()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a staff member (owner only); the owner cannot be removed (409)' })
  @ApiNoContentResponse()
  async removeStaff(@CurrentUser() actor: Actor, @Param('userId', uuid('userId')) userId: string): Promise<void> {
    await this.vendors.removeStaff(actor, userId);
  }
}
