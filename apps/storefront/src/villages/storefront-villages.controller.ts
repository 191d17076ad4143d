import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicVillageDetailDto, VillageListDto, VillagesService, type PublicVillage } from '@ocop/villages';
import { VillageOfferings, type VillageOfferingsResult } from './village-offerings';

export type VillageDetail = PublicVillage & VillageOfferingsResult;

/** `GET /api/villages`, `GET /api/villages/:slug`: public. */
@ApiTags('villages')
@Controller('api/villages')
export class StorefrontVillagesController {
  constructor(
    private readonly villages: VillagesService,
    private readonly offerings: VillageOfferings,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Villages: those featured now first in rank order, then the rest by name' })
  @ApiOkResponse({ type: VillageListDto })
  async list() {
    return { items: await this.villages.listForStorefront() };
  }

  @Get(':slug')
  @ApiOperation({ summary: 'One village with its story, networks, photos, products and experiences' })
  @ApiOkResponse({ type: PublicVillageDetailDto })
  @ApiNotFoundResponse({ description: 'no village has this slug' })
  async get(@Param('slug') slug: string): Promise<VillageDetail> {
    const village = await this.villages.getBySlug(slug);
    return { ...village, ...(await this.offerings.forVillage(village)) };
  }
}
