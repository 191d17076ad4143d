import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { PublicVillageDetailDto, StoriesService, VillageListDto, VillagesService, type PublicVillage, type Story } from '@ocop/villages';
import { textQueryParam } from '@ocop/web';
import { VillageOfferings, type VillageOfferingsResult } from './village-offerings';

export type VillageDetail = PublicVillage & VillageOfferingsResult & { stories: Story[] };

/** `GET /api/villages`, `GET /api/villages/:slug`, `GET /api/stories/:slug`: public. */
@ApiTags('villages')
@Controller('api')
export class StorefrontVillagesController {
  constructor(
    private readonly villages: VillagesService,
    private readonly stories: StoriesService,
    private readonly offerings: VillageOfferings,
  ) {}

  @Get('villages')
  @ApiOperation({ summary: 'Villages: those featured now first in rank order, then the rest by name; filter by province and craft' })
  @ApiQuery({ name: 'province', required: false })
  @ApiQuery({ name: 'craft', required: false })
  @ApiOkResponse({ type: VillageListDto })
  async list(@Query('province') province?: unknown, @Query('craft') craft?: unknown) {
    return { items: await this.villages.listForStorefront({ province: textQueryParam(province, 'province', 80), craft: textQueryParam(craft, 'craft', 120) }) };
  }

  @Get('villages/:slug')
  @ApiOperation({ summary: 'One village with its story, networks, photos, published stories, products and experiences' })
  @ApiOkResponse({ type: PublicVillageDetailDto })
  @ApiNotFoundResponse({ description: 'no village has this slug' })
  async get(@Param('slug') slug: string): Promise<VillageDetail> {
    const village = await this.villages.getBySlug(slug);
    const [offerings, stories] = await Promise.all([this.offerings.forVillage(village), this.stories.publishedForVillage(village.id)]);
    return { ...village, ...offerings, stories };
  }

  @Get('stories/:slug')
  @ApiOperation({ summary: 'One published story: title and Markdown body per language, photos, village, linked products' })
  @ApiNotFoundResponse({ description: 'no published story has this slug' })
  story(@Param('slug') slug: string) {
    return this.stories.getPublished(slug);
  }
}
