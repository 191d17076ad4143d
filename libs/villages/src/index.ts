export * from './village.entity';
export * from './slug';
export * from './village.rules';
export * from './villages.service';
export * from './villages.module';
export * from './dto/village.dto';
export * from './villages.wiring';
