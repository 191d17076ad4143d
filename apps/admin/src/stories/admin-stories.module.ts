import { Module } from '@nestjs/common';
import { VillagesModule } from '@ocop/villages';
import { AdminStoriesController } from './admin-stories.controller';
import { AdminStoriesPages } from './admin-stories.pages';

/** Admin: village and artisan stories, and the review of vendors' submissions (API and pages). */
@Module({ imports: [VillagesModule], controllers: [AdminStoriesController, AdminStoriesPages] })
export class AdminStoriesModule {}
