import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@ocop/core';
import { CreateStoryDto, StoriesService } from '@ocop/villages';
import { CurrentUser, Roles } from '@ocop/web';

/** `/api/vendor/stories`: stories the vendor submits; each waits for an admin's approval before it is published. */
@ApiTags('vendor')
@ApiBearerAuth()
@Controller('api/vendor/stories')
@Roles('vendor')
export class VendorStoriesController {
  constructor(private readonly stories: StoriesService) {}

  @Get()
  @ApiOperation({ summary: "The vendor's stories, newest first, with their review state and the admin's note" })
  async list(@CurrentUser() actor: Actor) {
    return { items: await this.stories.listForVendor(actor) };
  }

  @Post()
  @ApiOperation({ summary: 'Submit a village or artisan story (Markdown per language); it waits in `pending` for review' })
  submit(@CurrentUser() actor: Actor, @Body() body: CreateStoryDto) {
    return this.stories.submit(actor, body);
  }
}
