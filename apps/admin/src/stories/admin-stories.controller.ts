import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ValidationError, type Actor } from '@ocop/core';
import { CreateStoryDto, ReviewStoryDto, StoriesService, type StoryStatus } from '@ocop/villages';
import { CurrentUser, Roles } from '@ocop/web';
import { uuidParam } from '../villages/admin-villages.controller';

const STATUSES: StoryStatus[] = ['draft', 'pending', 'published', 'rejected'];

/** `/api/admin/stories`: the marketplace's stories and the review of vendors' submissions. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/stories')
@Roles('admin')
export class AdminStoriesController {
  constructor(private readonly stories: StoriesService) {}

  @Get()
  @ApiOperation({ summary: 'Stories, newest first; `status=pending` lists those waiting for review' })
  @ApiQuery({ name: 'status', required: false, enum: STATUSES })
  async list(@CurrentUser() actor: Actor, @Query('status') status?: string) {
    if (status !== undefined && !STATUSES.includes(status as StoryStatus)) throw new ValidationError('status', `must be one of ${STATUSES.join(', ')}`);
    return { items: await this.stories.listForAdmin(actor, status as StoryStatus | undefined) };
  }

  @Post()
  @ApiOperation({ summary: 'Publish a village or artisan story (Markdown per language) at once' })
  publish(@CurrentUser() actor: Actor, @Body() body: CreateStoryDto) {
    return this.stories.publish(actor, body);
  }

  @Post(':id/approve')
  @ApiOperation({ summary: "Publish a vendor's pending story; 409 when already reviewed" })
  approve(@CurrentUser() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReviewStoryDto) {
    return this.stories.approve(actor, id, body?.note);
  }

  @Post(':id/reject')
  @ApiOperation({ summary: "Reject a vendor's pending story with a note saying why; 409 when already reviewed" })
  reject(@CurrentUser() actor: Actor, @Param('id', uuidParam('id')) id: string, @Body() body: ReviewStoryDto) {
    return this.stories.reject(actor, id, body?.note);
  }
}
