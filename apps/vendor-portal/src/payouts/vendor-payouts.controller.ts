import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ocop/core';
import { LedgerService } from '@ocop/payments';
import { CurrentUser, intQueryParam, Roles } from '@ocop/web';

/** `GET /api/vendor/balance`, `GET /api/vendor/ledger`: the caller's vendor's money. */
@ApiTags('vendor')
@ApiBearerAuth()
@Controller('api/vendor')
@Roles('vendor')
export class VendorPayoutsController {
  constructor(private readonly ledger: LedgerService) {}

  @Get('balance')
  @ApiOperation({ summary: "Your vendor's balance (owed, in no payout yet) and payouts still due" })
  balance(@CurrentUser() actor: Actor) {
    return this.ledger.ownBalance(actor);
  }

  @Get('ledger')
  @ApiQuery({ name: 'page', required: false, type: Number })
  @ApiOperation({ summary: "Your vendor's ledger entries, newest first, 50 a page" })
  entries(@CurrentUser() actor: Actor, @Query('page') page?: string) {
    return this.ledger.ownEntries(actor, intQueryParam(page, 'page', 100000, 1));
  }
}
