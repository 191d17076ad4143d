import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ocop/core';
import { CurrencyRateDto, CurrencyRateListDto, CurrencyRatesService, SetCurrencyRateDto } from '@ocop/catalog';
import { CurrentUser, Roles } from '@ocop/web';

/** `/api/admin/currency-rates`: the display rates behind shoppers' approximate USD and EUR prices. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/currency-rates')
@Roles('admin')
export class AdminRatesController {
  constructor(private readonly rates: CurrencyRatesService) {}

  @Get()
  @ApiOperation({ summary: 'VND per USD and per EUR (defaults until set)' })
  @ApiOkResponse({ type: CurrencyRateListDto })
  async list() {
    return { items: await this.rates.rates() };
  }

  @Put(':currency')
  @ApiOperation({ summary: 'Set how many VND one USD or EUR is worth; prices stay charged in VND' })
  @ApiOkResponse({ type: CurrencyRateDto })
  set(@CurrentUser() actor: Actor, @Param('currency') currency: string, @Body() body: SetCurrencyRateDto) {
    return this.rates.set(actor, currency, body.vndPerUnit);
  }
}
