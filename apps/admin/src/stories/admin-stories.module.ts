import { Module } from '@nestjs/common';
import { VillagesModule } from '@ocop/villages';
import { AdminStoriesController } from './admin-stories.controller';
import { AdminStoriesPages } from './admin-stories.pages';
import { AdminMediaController } from './media.controller';

/** Admin: village and artisan stories, and the review of vendors' submissions with their photos (API and pages). */
@Module({ imports: [VillagesModule], controllers: [AdminStoriesController, AdminStoriesPages, AdminMediaController] })
export class AdminStoriesModule {}
