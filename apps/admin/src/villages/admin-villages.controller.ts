import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationError, type Actor } from '@ocop/core';
import { AdminVillageDto, AdminVillageListDto, CreatedVillageDto, CreateVillageDto, FeaturedVillageDto, UpdateVillageDto, VillagesService } from '@ocop/villages';
import { CurrentUser, Roles } from '@ocop/web';

export const uuidParam = (name: string) => new ParseUUIDPipe({ exceptionFactory: () => new ValidationError(name, 'must be a UUID') });

/** `/api/admin/villages`: craft villages and the storefront's featured curation. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/villages')
@Roles('admin')
export class AdminVillagesController {
  constructor(private readonly villages: VillagesService) {}

  @Get()
  @ApiOperation({ summary: 'Every village by name, with its featured state' })
  @ApiOkResponse({ type: AdminVillageListDto })
  async list() {
    return { items: await this.villages.listAll() };
  }

  @Get('featured')
  @ApiOperation({ summary: 'The villages the home page shows at `on` (ISO-8601; default now), in rank order' })
  async featuredOn(@Query('on') on?: string) {
    const date = on === undefined ? undefined : new Date(typeof on === 'string' ? on : NaN);
    if (date && Number.isNaN(date.getTime())) throw new ValidationError('on', 'must be an ISO-8601 date or date-time');
    return { items: await this.villages.featuredOn(date) };
  }

  @Post()
  @ApiOperation({ summary: 'Create a village; its slug comes from the name made ASCII (bat-trang, bat-trang-2, …)' })
  @ApiCreatedResponse({ type: CreatedVillageDto })
  async create(@CurrentUser() actor: Actor, @Body() body: CreateVillageDto): Promise<CreatedVillageDto> {
    const v = await this.villages.create(actor, body);
    return { id: v.id, slug: v.slug };
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a village; story languages are merged, the slug stays' })
  @ApiOkResponse({ type: AdminVillageDto })
  update(@CurrentUser() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: UpdateVillageDto) {
    return this.villages.update(actor, id, body);
  }

  @Put(':id/featured')
  @ApiOperation({ summary: 'Feature a village at a rank within an optional window [from, until), or stop featuring it' })
  @ApiOkResponse({ type: AdminVillageDto })
  featured(@CurrentUser() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: FeaturedVillageDto) {
    return this.villages.setFeatured(actor, id, body);
  }
}
