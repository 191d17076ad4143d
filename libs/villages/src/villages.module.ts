import { Module } from '@nestjs/common';
import { StoriesService } from './stories.service';
import { VillagesService } from './villages.service';

@Module({ providers: [VillagesService, StoriesService], exports: [VillagesService, StoriesService] })
export class VillagesModule {}
