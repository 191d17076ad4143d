import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError, Rules, ValidationError, type Actor } from '@ocop/core';
import { ProductsService } from '@ocop/catalog';
import { CreateStoryDto, StoriesService } from '@ocop/villages';
import { CurrentUser, Roles } from '@ocop/web';
import { idParam } from '../products/vendor-products.controller';

/** `/api/vendor/stories`: stories the vendor submits; each waits for an admin's approval before it is published. */
@ApiTags('vendor')
@ApiBearerAuth()
@Controller('api/vendor/stories')
@Roles('vendor')
export class VendorStoriesController {
  constructor(
    private readonly stories: StoriesService,
    private readonly products: ProductsService,
  ) {}

  @Get()
  @ApiOperation({ summary: "The vendor's stories, newest first, with their review state and the admin's note" })
  async list(@CurrentUser() actor: Actor) {
    return { items: await this.stories.listForVendor(actor) };
  }

  @Post()
  @ApiOperation({ summary: 'Submit a village or artisan story (Markdown per language, Vietnamese required); it waits in `pending` for review. `productIds` must name the vendor’s own products' })
  async submit(@CurrentUser() actor: Actor, @Body() body: CreateStoryDto) {
    await this.requireOwnProducts(actor, body.productIds);
    return this.stories.submit(actor, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of the vendor’s stories; another vendor’s answers 404' })
  get(@CurrentUser() actor: Actor, @Param('id', idParam) id: string) {
    return this.stories.getOwn(actor, id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Change a rejected story and send it for review again (`pending`); 409 when it is not rejected' })
  async resubmit(@CurrentUser() actor: Actor, @Param('id', idParam) id: string, @Body() body: CreateStoryDto) {
    await this.stories.getOwn(actor, id);
    await this.requireOwnProducts(actor, body.productIds);
    return this.stories.resubmit(actor, id, body);
  }

  /** A story may tell only about the vendor's own products: anything else is refused naming `productIds`. */
  private async requireOwnProducts(actor: Actor, ids: string[] | undefined): Promise<void> {
    for (const id of new Set(ids ?? [])) {
      try {
        await this.products.get(actor, id);
      } catch (err) {
        if (err instanceof NotFoundError) throw new ValidationError('productIds', Rules.unknownChoice('product'));
        throw err;
      }
    }
  }
}
