import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ValidationError, type Actor } from '@ocop/core';
import { AdminVendorDetailDto, VendorDto, VendorListDto, VendorsService, VendorStatusChangeDto } from '@ocop/vendors';
import { CurrentUser, Roles } from '@ocop/web';

export const vendorIdParam = () => new ParseUUIDPipe({ exceptionFactory: () => new ValidationError('id', 'must be a UUID') });

/** `/api/admin/vendors`: the approval queue, approval and suspension. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/vendors')
@Roles('admin')
export class AdminVendorsController {
  constructor(private readonly vendors: VendorsService) {}

  @Get()
  @ApiOperation({ summary: 'Vendors in a status (all without one), oldest first, with village and owner' })
  @ApiQuery({ name: 'status', required: false, enum: ['pending', 'approved', 'suspended'] })
  @ApiOkResponse({ type: VendorListDto })
  async list(@CurrentUser() actor: Actor, @Query('status') status?: string) {
    return { items: await this.vendors.list(actor, status) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One vendor with its village, owner and members' })
  @ApiOkResponse({ type: AdminVendorDetailDto })
  get(@CurrentUser() actor: Actor, @Param('id', vendorIdParam()) id: string) {
    return this.vendors.getForAdmin(actor, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a pending or suspended vendor (idempotent); its owner is e-mailed and products the suspension took down come back' })
  @ApiOkResponse({ type: VendorDto })
  approve(@CurrentUser() actor: Actor, @Param('id', vendorIdParam()) id: string, @Body() body: VendorStatusChangeDto) {
    return this.vendors.approve(actor, id, body?.reason);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend a vendor with a reason (idempotent); its products leave the storefront and its owner is e-mailed' })
  @ApiOkResponse({ type: VendorDto })
  suspend(@CurrentUser() actor: Actor, @Param('id', vendorIdParam()) id: string, @Body() body: VendorStatusChangeDto) {
    return this.vendors.suspend(actor, id, body?.reason);
  }
}
