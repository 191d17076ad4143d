import { Story } from './story.entity';
import { Village } from './village.entity';

export * from './village.entity';
export * from './story.entity';
export const VILLAGES_ENTITIES = [Village, Story];
export * from './slug';
export * from './village.rules';
export * from './villages.service';
export * from './stories.service';
export * from './markdown';
export * from './dto/story.dto';
export * from './villages.module';
export * from './dto/village.dto';
export * from './villages.wiring';
